// Genome assembly (STAMP's genome): rebuild a gene from overlapping segments.
//
// A random gene (nucleotides 0..3 in an i32 array) is cut into segments of SEGMENT nucleotides:
// one every STRIDE positions, so that neighbours overlap by at least MIN_OVERLAP, plus as many
// segments at random positions as the gene is long (many of them duplicates), all shuffled.
// Then, as in STAMP's sequencer, in phases of tasks (every task one transaction):
//   1. deduplicate: tasks insert the segments into a shared hash set (sorted bucket lists);
//   2. hash: tasks compute the prefix and suffix hashes of every unique segment;
//   3. match, for each overlap length k from SEGMENT - 1 down to MIN_OVERLAP (STAMP goes on to
//      1, which this sampling never needs) until one chain is left: tasks enter the k-prefixes
//      of the segments that still start a chain into a hash table, then tasks look up the
//      k-suffix of every segment that still ends a chain and link it to a start whose prefix
//      equals it (compared in full) unless that would close a cycle. The first and last
//      segments of a chain point to each other, as STAMP's construct entries do; linking two
//      chains is where tasks conflict;
//   4. walk the remaining chain and append the parts beyond each overlap.
// Checks: the number of unique segments equals a sequential count of the distinct positions;
// one chain is left and holds every segment; the reconstruction equals the gene. A random gene
// this long has no repeat as long as the overlaps, so every link is determined and the output
// does not depend on the order the tasks commit in (a wrong link would fail the checks).
import { i32, i64, print, transaction } from "stmc";
import { StampRandom } from "./lib/stamp_random";

const SEGMENT = 64;
/** Segments are cut at every STRIDE positions too: overlaps of at least SEGMENT - STRIDE. */
const STRIDE = 32;
/** The shortest overlap matched: the one the STRIDE segments guarantee. */
const MIN_OVERLAP = SEGMENT - STRIDE;
const PRIME: i64 = 2147483647;
const BASE: i64 = 5;
/** Per task: segments inserted, segments hashed, segments matched. */
const DEDUP_CHUNK = 32;
const HASH_CHUNK = 16;
const MATCH_CHUNK = 64;

class Segment {
  readonly data: i32[];
  constructor(data: i32[]) {
    this.data = data;
  }
}

/** An entry of a bucket list of the segment set (lists sorted by hash, then contents). */
class SetEntry {
  readonly hash: i64;
  readonly segment: Segment;
  next: SetEntry | null;
  constructor(hash: i64, segment: Segment, next: SetEntry | null) {
    this.hash = hash;
    this.segment = segment;
    this.next = next;
  }
}

/** A unique segment during matching (STAMP's constructEntry). */
class Construct {
  readonly data: i32[];
  /** prefix[k - MIN_OVERLAP], suffix[k - MIN_OVERLAP]: hashes of the first and the last k nucleotides (phase 2). */
  prefix: i32[] = [];
  suffix: i32[] = [];
  /** The next segment of its chain and the overlap with it. */
  next: Construct | null = null;
  overlap = 0;
  isStart = true;
  isEnd = true;
  /** For the first segment of a chain: the last one; for the last one: the first. */
  chainEnd: Construct;
  chainStart: Construct;
  constructor(data: i32[]) {
    this.data = data;
    this.chainEnd = this;
    this.chainStart = this;
  }
}

/** An entry of a length's prefix table. */
class StartEntry {
  readonly hash: i32;
  readonly construct: Construct;
  readonly next: StartEntry | null;
  constructor(hash: i32, construct: Construct, next: StartEntry | null) {
    this.hash = hash;
    this.construct = construct;
    this.next = next;
  }
}

let samples: Segment[] = [];
let buckets: (SetEntry | null)[] = [];
let constructs: Construct[] = [];
let starts: (StartEntry | null)[] = [];
/** powers[i] = BASE^i mod PRIME. */
let powers: i64[] = [];

function hashOf(data: i32[], from: i32, to: i32): i64 {
  let h: i64 = 0;
  for (let i = from; i < to; i++) h = (h * BASE + data[i] + 1) % PRIME;
  return h;
}

/** -1, 0 or 1 as a's contents sort before, equal or after b's. */
function compare(a: i32[], b: i32[]): i32 {
  for (let i = 0; i < SEGMENT; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

/** Task, phase 1: inserts samples first .. first + DEDUP_CHUNK - 1 into the set. */
function dedup(first: i32): void {
  const all = samples;
  const end = Math.min(first + DEDUP_CHUNK, all.length);
  // Hash first, insert after: the writes (and their locks) come in one short stretch at the end.
  const hashes = new Array<i64>(end - first).fill(0);
  for (let s = first; s < end; s++) hashes[s - first] = hashOf(all[s].data, 0, SEGMENT);
  const table = buckets;
  for (let s = first; s < end; s++) {
    const segment = all[s];
    const data = segment.data;
    const hash = hashes[s - first];
    const b = i32(hash % table.length);
    let previous: SetEntry | null = null;
    let e = table[b];
    let present = false;
    while (e !== null) {
      if (e.hash > hash) break;
      if (e.hash === hash) {
        const order = compare(e.segment.data, data);
        if (order === 0) present = true;
        if (order >= 0) break;
      }
      previous = e;
      e = e.next;
    }
    if (present) continue;
    const entry = new SetEntry(hash, segment, e);
    if (previous === null) table[b] = entry;
    else previous.next = entry;
  }
}

/** Task, phase 2: the prefix and suffix hashes of constructs first .. first + HASH_CHUNK - 1. */
function hashConstructs(first: i32): void {
  const all = constructs;
  const end = Math.min(first + HASH_CHUNK, all.length);
  const pw = powers;
  const prefixes: i32[][] = [];
  const suffixes: i32[][] = [];
  for (let i = first; i < end; i++) {
    const data = all[i].data;
    const prefix = new Array<i32>(SEGMENT - MIN_OVERLAP).fill(0);
    const suffix = new Array<i32>(SEGMENT - MIN_OVERLAP).fill(0);
    let p: i64 = 0;
    let q: i64 = 0;
    for (let k = 1; k < SEGMENT; k++) {
      p = (p * BASE + data[k - 1] + 1) % PRIME;
      q = ((data[SEGMENT - k] + 1) * pw[k - 1] + q) % PRIME;
      if (k >= MIN_OVERLAP) {
        prefix[k - MIN_OVERLAP] = i32(p);
        suffix[k - MIN_OVERLAP] = i32(q);
      }
    }
    prefixes.push(prefix);
    suffixes.push(suffix);
  }
  // The writes last (see dedup).
  for (let i = first; i < end; i++) {
    all[i].prefix = prefixes[i - first];
    all[i].suffix = suffixes[i - first];
  }
}

/** Task, phase 3a: enters the prefixes of length k of the chain starts among first .. into the table. */
function enterStarts(first: i32, k: i32): void {
  const all = constructs;
  const end = Math.min(first + MATCH_CHUNK, all.length);
  const found: Construct[] = [];
  for (let i = first; i < end; i++) {
    const c = all[i];
    if (c.isStart) found.push(c);
  }
  const table = starts;
  for (const c of found) {
    const hash = c.prefix[k - MIN_OVERLAP];
    const b = i32(hash % table.length);
    table[b] = new StartEntry(hash, c, table[b]);
  }
}

/** Task, phase 3b: links the chain ends among first .. to starts whose prefix equals their suffix of length k. */
function matchEnds(first: i32, k: i32): void {
  const all = constructs;
  const end = Math.min(first + MATCH_CHUNK, all.length);
  const table = starts;
  // Find the candidates (reads only), then link them in one short stretch at the end,
  // checking again that each link is still allowed after the ones before it.
  const ends: Construct[] = [];
  const candidates: Construct[] = [];
  for (let i = first; i < end; i++) {
    const a = all[i];
    if (!a.isEnd) continue;
    const hash = a.suffix[k - MIN_OVERLAP];
    let e = table[i32(hash % table.length)];
    while (e !== null) {
      const b = e.construct;
      if (e.hash === hash && b !== a && sameOverlap(a.data, b.data, k)) {
        ends.push(a);
        candidates.push(b);
      }
      e = e.next;
    }
  }
  for (let i = 0; i < ends.length; i++) {
    const a = ends[i];
    const b = candidates[i];
    // a must still end a chain and b start one, and not the chain a ends (that would close a cycle).
    if (!a.isEnd || !b.isStart || b === a.chainStart) continue;
    const head = a.chainStart;
    const tail = b.chainEnd;
    a.next = b;
    a.overlap = k;
    a.isEnd = false;
    b.isStart = false;
    head.chainEnd = tail;
    tail.chainStart = head;
  }
}

/** Whether the last k nucleotides of a equal the first k of b. */
function sameOverlap(a: i32[], b: i32[], k: i32): boolean {
  for (let i = 0; i < k; i++) {
    if (a[SEGMENT - k + i] !== b[i]) return false;
  }
  return true;
}

function schedule(phase: i32, count: i32, chunk: i32, k: i32): void {
  for (let first = 0; first < count; first += chunk) {
    if (phase === 1) transaction.add(dedup, first);
    else if (phase === 2) transaction.add(hashConstructs, first);
    else if (phase === 3) transaction.add(enterStarts, first, k);
    else transaction.add(matchEnds, first, k);
  }
  transaction.run();
}

function runGenome(length: i32, seed: i32): void {
  const random = new StampRandom(seed);
  const gene = new Array<i32>(length).fill(0);
  for (let i = 0; i < length; i++) gene[i] = random.below(4);
  powers = new Array<i64>(SEGMENT).fill(1);
  for (let i = 1; i < SEGMENT; i++) powers[i] = (powers[i - 1] * BASE) % PRIME;

  // The segments: every STRIDE positions and the last position, then `length` random ones.
  const positions: i32[] = [];
  const last = length - SEGMENT;
  for (let p = 0; p < last; p += STRIDE) positions.push(p);
  positions.push(last);
  for (let i = 0; i < length; i++) positions.push(random.below(last + 1));
  for (let i = positions.length - 1; i > 0; i--) {
    const j = random.below(i + 1);
    const x = positions[i];
    positions[i] = positions[j];
    positions[j] = x;
  }
  samples = [];
  const used = new Array<boolean>(last + 1).fill(false);
  let distinct = 0;
  for (const p of positions) {
    const data = new Array<i32>(SEGMENT).fill(0);
    for (let i = 0; i < SEGMENT; i++) data[i] = gene[p + i];
    samples.push(new Segment(data));
    if (!used[p]) distinct++;
    used[p] = true;
  }

  // 1. Deduplicate.
  buckets = new Array<SetEntry | null>(2 * positions.length + 1).fill(null);
  schedule(1, samples.length, DEDUP_CHUNK, 0);
  constructs = [];
  for (let b = 0; b < buckets.length; b++) {
    let e = buckets[b];
    while (e !== null) {
      constructs.push(new Construct(e.segment.data));
      e = e.next;
    }
  }
  const unique = constructs.length;
  samples = [];
  if (unique !== distinct) throw new Error("genome: the set's size differs from the number of distinct segments");

  // 2. Hash prefixes and suffixes.
  schedule(2, unique, HASH_CHUNK, 0);

  // 3. Match, from the longest overlap down, until one chain is left.
  let chains = unique;
  let k = SEGMENT - 1;
  while (k >= MIN_OVERLAP && chains > 1) {
    starts = new Array<StartEntry | null>(2 * chains + 1).fill(null);
    schedule(3, unique, MATCH_CHUNK, k);
    schedule(4, unique, MATCH_CHUNK, k);
    chains = 0;
    for (const c of constructs) {
      if (c.isStart) chains++;
    }
    k--;
  }
  if (chains !== 1) throw new Error("genome: the segments did not link into one chain");

  // 4. Walk the chain.
  let head: Construct | null = null;
  for (const c of constructs) {
    if (c.isStart) head = c;
  }
  const sequence: i32[] = [];
  let overlap = 0;
  let c = head;
  let links = 0;
  let minOverlap = SEGMENT;
  while (c !== null) {
    for (let i = overlap; i < SEGMENT; i++) sequence.push(c.data[i]);
    overlap = c.overlap;
    if (c.next !== null) {
      links++;
      if (overlap < minOverlap) minOverlap = overlap;
    }
    c = c.next;
  }
  if (links !== unique - 1) throw new Error("genome: the chain does not hold every segment");
  if (sequence.length !== length) throw new Error("genome: the reconstruction's length differs from the gene's");
  let checksum: i64 = 0;
  for (let i = 0; i < length; i++) {
    if (sequence[i] !== gene[i]) throw new Error("genome: the reconstruction differs from the gene");
    checksum = (checksum * 4 + sequence[i]) % 1000000007;
  }
  print("genome:", length, "nucleotides,", positions.length, "segments of", SEGMENT, "->", unique, "unique");
  print("matched down to overlap", k + 1, "smallest overlap", minOverlap, "sequence checksum", checksum);
}

const LENGTHS: i32[] = [16384, 98304, 393216];

export function run(size: i32): void {
  runGenome(LENGTHS[size], 11);
}

export function main(): void {
  run(0);
}
