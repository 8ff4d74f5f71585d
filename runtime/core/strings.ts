// Strings: immutable sequences of UTF-16 code units on the heap. A string is one block: the
// header, its length (i32), then its code units. Nothing writes a string after it is made, so
// reading one needs no barrier and the collector finds no references in it. String literals are
// the same blocks, laid out in static data by the compiler (never collected).
//
// The operations JavaScript defines are here, with its semantics on code units; the program
// clamps positions before calling. Formatting and parsing of doubles go to the host, whose
// JavaScript engine defines them (String(x), parseFloat, Number), so they match exactly.
import { i32, i64, f64, bool } from "stmc";
import { usize, load_i32, store_i32, load_u16, store_u16, memory_copy, header_size, string_class_id, string_at, thread_local,
  host_format_f64, host_fail_message, host_parse_number, host_case_map } from "stmc:low";
import { alloc } from "./alloc";
import { error_fail } from "./errors";
import { raw_grow } from "./gc/heap";

const FAIL_INVALID_COUNT: i32 = 16;

function length_of(s: string): i32 {
  return load_i32(usize(s) + header_size());
}

/** The address of code unit 0. */
function units(s: string): usize {
  return usize(s) + header_size() + 4;
}

function unit(s: string, i: i32): i32 {
  return load_u16(units(s) + usize(i) * 2);
}

/** A new string of `length` code units, not yet written (the caller writes them all). */
function string_new(length: i32): usize {
  const block = alloc(header_size() + 4 + usize(length) * 2, string_class_id());
  store_i32(block + header_size(), length);
  return block;
}

function chars_of(block: usize): usize {
  return block + header_size() + 4;
}

export function string_concat(a: string, b: string): string {
  const na = length_of(a);
  const nb = length_of(b);
  if (na === 0) return b;
  if (nb === 0) return a;
  const block = string_new(na + nb);
  memory_copy(chars_of(block), units(a), usize(na) * 2);
  memory_copy(chars_of(block) + usize(na) * 2, units(b), usize(nb) * 2);
  return string_at(block);
}

/** `a === b`; either may be null (null equals only null). */
export function string_equals(a: string | null, b: string | null): bool {
  if (usize(a) === usize(b)) return true;
  if (a === null || b === null) return false;
  const n = length_of(a);
  if (n !== length_of(b)) return false;
  for (let i = 0; i < n; i++) if (unit(a, i) !== unit(b, i)) return false;
  return true;
}

/** A hash of the string's contents (FNV-1a over its code units), for Map and Set keys. */
export function string_hash(s: string): i32 {
  let h: i32 = -2128831035;
  const n = length_of(s);
  for (let i = 0; i < n; i++) h = (h ^ unit(s, i)) * 16777619;
  return h;
}

/** -1, 0 or 1: the order of `<` on strings (code unit by code unit, a prefix first). */
export function string_compare(a: string, b: string): i32 {
  const na = length_of(a);
  const nb = length_of(b);
  const n = na < nb ? na : nb;
  for (let i = 0; i < n; i++) {
    const x = unit(a, i);
    const y = unit(b, i);
    if (x !== y) return x < y ? -1 : 1;
  }
  return na === nb ? 0 : na < nb ? -1 : 1;
}

/** Code units [start, end) of `s`, with 0 <= start <= end <= length. */
export function string_substring(s: string, start: i32, end: i32): string {
  if (start === 0 && end === length_of(s)) return s;
  const block = string_new(end - start);
  memory_copy(chars_of(block), units(s) + usize(start) * 2, usize(end - start) * 2);
  return string_at(block);
}

/** The code unit at `i` (in range) as a string of length 1. */
export function string_from_char_code(code: i32): string {
  const block = string_new(1);
  store_u16(chars_of(block), code & 65535);
  return string_at(block);
}

function matches_at(s: string, search: string, at: i32): bool {
  const n = length_of(search);
  for (let j = 0; j < n; j++) if (unit(s, at + j) !== unit(search, j)) return false;
  return true;
}

/** The first `search` at or after `from` (0 <= from), or -1. */
export function string_index_of(s: string, search: string, from: i32): i32 {
  const last = length_of(s) - length_of(search);
  for (let i = from; i <= last; i++) if (matches_at(s, search, i)) return i;
  return -1;
}

/** The last `search` at or before `from` (from clamped by the program to [0, length]), or -1. */
export function string_last_index_of(s: string, search: string, from: i32): i32 {
  const last = length_of(s) - length_of(search);
  for (let i = from < last ? from : last; i >= 0; i--) if (matches_at(s, search, i)) return i;
  return -1;
}

/** Whether `search` occurs at `at` (0 <= at <= length). */
export function string_matches_at(s: string, search: string, at: i32): bool {
  if (at < 0 || at + length_of(search) > length_of(s)) return false;
  return matches_at(s, search, at);
}

/** JavaScript's white space and line terminators (what trim() removes). */
function is_space(c: i32): bool {
  if (c === 32 || (c >= 9 && c <= 13) || c === 160) return true;
  if (c < 5760) return false;
  return c === 5760 || (c >= 8192 && c <= 8202) || c === 8232 || c === 8233 || c === 8239 || c === 8287 || c === 12288 || c === 65279;
}

/** trim (mode 0), trimStart (1), trimEnd (2). */
export function string_trim(s: string, mode: i32): string {
  let start = 0;
  let end = length_of(s);
  if (mode !== 2) while (start < end && is_space(unit(s, start))) start++;
  if (mode !== 1) while (end > start && is_space(unit(s, end - 1))) end--;
  return string_substring(s, start, end);
}

/**
 * toUpperCase / toLowerCase: ASCII text here; text with other code units by the host's
 * JavaScript engine, whose Unicode tables define them (the result may be longer: "ß" is "SS").
 */
export function string_case(s: string, upper: bool): string {
  const n = length_of(s);
  for (let i = 0; i < n; i++) if (unit(s, i) >= 128) return string_case_unicode(s, upper);
  const block = string_new(n);
  const out = chars_of(block);
  for (let i = 0; i < n; i++) {
    let c = unit(s, i);
    if (upper && c >= 97 && c <= 122) c -= 32;
    else if (!upper && c >= 65 && c <= 90) c += 32;
    store_u16(out + usize(i) * 2, c);
  }
  return string_at(block);
}

export function string_repeat(s: string, count: f64, location: i32): string {
  if (count < 0 || count === 1 / 0) error_fail(FAIL_INVALID_COUNT, location, count);
  const times = count !== count ? 0 : i32(count);
  const n = length_of(s);
  const block = string_new(n * times);
  for (let i = 0; i < times; i++) memory_copy(chars_of(block) + usize(i * n) * 2, units(s), usize(n) * 2);
  return string_at(block);
}

/** A case mapping by the host, through a thread-local buffer grown to the result's length. */
function string_case_unicode(s: string, upper: bool): string {
  let length = host_case_map(upper ? 1 : 0, units(s), length_of(s), scratch_buffer(), scratchUnits);
  if (length > scratchUnits) {
    scratch = raw_grow(scratch, 0, usize(length) * 2);
    scratchUnits = length;
    length = host_case_map(upper ? 1 : 0, units(s), length_of(s), scratch, scratchUnits);
  }
  return from_scratch(length);
}

/** padStart (atStart) / padEnd: `fill` repeated (and cut) up to `length` code units. */
export function string_pad(s: string, length: i32, fill: string, atStart: bool): string {
  const n = length_of(s);
  const f = length_of(fill);
  if (length <= n || f === 0) return s;
  const block = string_new(length);
  const out = chars_of(block);
  const padding = length - n;
  const own = atStart ? out + usize(padding) * 2 : out;
  const pad = atStart ? out : out + usize(n) * 2;
  memory_copy(own, units(s), usize(n) * 2);
  for (let i = 0; i < padding; i++) store_u16(pad + usize(i) * 2, unit(fill, i % f));
  return string_at(block);
}

/** String(x) of an i32. */
export function string_from_i32(value: i32): string {
  return string_from_i64(i64(value));
}

/** String(x) of an i64: every digit. */
export function string_from_i64(value: i64): string {
  const negative = value < 0;
  // Digits of the magnitude, counted on the negative side (the smallest i64 has no positive).
  let rest = negative ? value : -value;
  let digits = 1;
  for (let probe = rest; probe <= -10; probe = i64(probe / 10)) digits++;
  const length = digits + (negative ? 1 : 0);
  const block = string_new(length);
  const out = chars_of(block);
  if (negative) store_u16(out, 45);
  for (let i = length - 1; i >= (negative ? 1 : 0); i--) {
    store_u16(out + usize(i) * 2, 48 - i32(rest % 10));
    rest = i64(rest / 10);
  }
  return string_at(block);
}

/**
 * Room for what the host writes: one double (at most 24 code units), a check's message (64), a
 * case mapping (grown to fit).
 */
let scratch: usize = thread_local(0);
let scratchUnits: i32 = thread_local(0);
const SCRATCH_UNITS: i32 = 64;

function scratch_buffer(): usize {
  if (scratch === 0) {
    scratch = raw_grow(0, 0, usize(SCRATCH_UNITS) * 2);
    scratchUnits = SCRATCH_UNITS;
  }
  return scratch;
}

/** A new string of the first `length` code units of the scratch buffer. */
function from_scratch(length: i32): string {
  const block = string_new(length);
  memory_copy(chars_of(block), scratch, usize(length) * 2);
  return string_at(block);
}

/** String(x) of an f64, as JavaScript writes it. */
export function string_from_f64(value: f64): string {
  return from_scratch(host_format_f64(value, scratch_buffer()));
}

/** The message of a failed check (runtime/abi.ts failMessage, the host's). */
export function string_of_failure(code: i32, value: f64): string {
  return from_scratch(host_fail_message(code, value, scratch_buffer()));
}

/** parseInt (kind 0, with `radix`, 0 for none), parseFloat (1) or Number (2) of `s`. */
export function string_parse(kind: i32, s: string, radix: i32): f64 {
  return host_parse_number(kind, units(s), length_of(s), radix);
}
