// Booleans: comparisons, && || ! with short-circuit evaluation, bool variables and parameters.
import { i32, bool, print } from "stmc";

let calls = 0;

function yes(tag: i32): bool {
  calls += tag;
  return true;
}

function no(tag: i32): boolean {
  calls += tag;
  return false;
}

function xor(a: bool, b: bool): bool {
  return (a || b) && !(a && b);
}

export function main(): void {
  const t: bool = yes(0);
  const f: bool = no(0);
  print("and", t && t, t && f, f && t, f && f);
  print("or", t || t, t || f, f || t, f || f);
  print("not", !t, !f, !!t);
  print("xor", xor(t, t), xor(t, f), xor(f, t), xor(f, f));
  calls = 0;
  const r1 = no(1) && yes(10);
  print("short && ", r1, calls);
  calls = 0;
  const r2 = yes(1) || no(10);
  print("short ||", r2, calls);
  calls = 0;
  const r3 = yes(1) && no(10) || yes(100);
  print("chain", r3, calls);
  let flags: bool[] = [true, false, true, true];
  let count = 0;
  for (const b of flags) {
    if (b) count++;
  }
  print("count true", count);
  const x = 5;
  const inRange = x > 0 && x < 10;
  const outside = x < 0 || x > 10;
  print("range", inRange, outside, inRange === !outside, t === f, t !== f, t == t, t != t);
  let b: bool = false;
  b = !b;
  print("toggled", b);
}
