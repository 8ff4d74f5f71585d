// Intruder (STAMP): network intrusion detection by signature matching. A seeded generator makes
// flows of random payload (symbols 0..15), injects an attack signature (a symbol >= 16 followed
// by ordinary symbols) into a fixed share of them, splits every flow into fragments and
// shuffles all the packets into one stream. The stream is the task queue: one task per packet,
// in stream order, decodes it as STAMP's decoder transaction does: the fragment goes into the
// flow's entry of a shared hash map of partial flows (STAMP: a red-black tree), created by its
// first fragment; the fragment that completes a flow removes the entry, reassembles the payload
// and adds a detector task, which scans the payload for every signature (STAMP's detector,
// outside the decoder transaction) and records what it found in the flow's record. Conflicts
// come from fragments of one flow decoded at once and from flows sharing a bucket of the map.
// Check: every flow reassembled exactly once and equal to its original payload, the map empty at
// the end, the attacks found are exactly the ones injected (each in its own flow). Prints the
// counts and a payload checksum, which do not depend on the task order.
import { i32, i64, print, transaction } from "stmc";
import { StampRandom } from "./lib/stamp_random";

const NUM_SIGNATURES = 16;
const ALPHABET = 16;
const MIN_PAYLOAD = 32;
const MAX_PAYLOAD = 160;
const MAX_FRAGMENT = 24;
const ATTACK_PERCENT = 10;

/** A flow as generated, and what the detector reported about it. */
class Flow {
  readonly id: i32;
  readonly payload: i32[];
  /** The injected signature, or -1. */
  readonly attack: i32;
  readonly numFragments: i32;
  /** Written by the flow's detector task. */
  reassembled = 0;
  found = 0;
  foundSignature = -1;
  checksum = 0;

  constructor(id: i32, payload: i32[], attack: i32, numFragments: i32) {
    this.id = id;
    this.payload = payload;
    this.attack = attack;
    this.numFragments = numFragments;
  }
}

class Packet {
  readonly flow: Flow;
  readonly index: i32;
  readonly data: i32[];

  constructor(flow: Flow, index: i32, data: i32[]) {
    this.flow = flow;
    this.index = index;
    this.data = data;
  }
}

/** An entry of the map of partially received flows. */
class Partial {
  readonly flowId: i32;
  received = 0;
  readonly fragments: (Packet | null)[];
  next: Partial | null = null;

  constructor(flowId: i32, numFragments: i32) {
    this.flowId = flowId;
    this.fragments = new Array<Packet | null>(numFragments).fill(null);
  }
}

class Intruder {
  readonly signatures: i32[][] = [];
  readonly flows: Flow[] = [];
  readonly packets: Packet[] = [];
  readonly buckets: (Partial | null)[];
  readonly mask: i32;
  attacksInjected = 0;

  constructor(numFlows: i32) {
    let n = 1;
    while (n < numFlows) n = n * 2;
    this.buckets = new Array<Partial | null>(n).fill(null);
    this.mask = n - 1;
  }
}

function generate(s: Intruder, numFlows: i32, seed: i64): void {
  const rng = new StampRandom(seed);
  for (let k = 0; k < NUM_SIGNATURES; k++) {
    const length = 6 + rng.below(7);
    const signature: i32[] = [ALPHABET + k];
    for (let i = 1; i < length; i++) signature.push(rng.below(ALPHABET));
    s.signatures.push(signature);
  }
  for (let id = 0; id < numFlows; id++) {
    const length = MIN_PAYLOAD + rng.below(MAX_PAYLOAD - MIN_PAYLOAD + 1);
    const payload = new Array<i32>(length).fill(0);
    for (let i = 0; i < length; i++) payload[i] = rng.below(ALPHABET);
    let attack = -1;
    if (rng.below(100) < ATTACK_PERCENT) {
      attack = rng.below(NUM_SIGNATURES);
      const signature = s.signatures[attack];
      const at = rng.below(length - signature.length + 1);
      for (let i = 0; i < signature.length; i++) payload[at + i] = signature[i];
      s.attacksInjected++;
    }
    const numFragments = i32((length + MAX_FRAGMENT - 1) / MAX_FRAGMENT);
    const flow = new Flow(id, payload, attack, numFragments);
    s.flows.push(flow);
    for (let f = 0; f < numFragments; f++) {
      const end = Math.min(length, (f + 1) * MAX_FRAGMENT);
      const data: i32[] = [];
      for (let i = f * MAX_FRAGMENT; i < end; i++) data.push(payload[i]);
      s.packets.push(new Packet(flow, f, data));
    }
  }
  // Fisher-Yates shuffle of the stream.
  for (let i = s.packets.length - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    const t = s.packets[i];
    s.packets[i] = s.packets[j];
    s.packets[j] = t;
  }
}

// ---- tasks ------------------------------------------------------------------------------------

/** The decoder transaction: file the fragment; the last one reassembles the flow. */
function decode(s: Intruder, packet: Packet): void {
  const flow = packet.flow;
  const total = flow.numFragments;
  let fragments: (Packet | null)[];
  if (total === 1) {
    fragments = [packet];
  } else {
    const b = flow.id & s.mask;
    let previous: Partial | null = null;
    let entry = s.buckets[b];
    while (entry !== null && entry.flowId !== flow.id) {
      previous = entry;
      entry = entry.next;
    }
    if (entry === null) {
      const created = new Partial(flow.id, total);
      created.next = s.buckets[b];
      s.buckets[b] = created;
      entry = created;
    }
    if (entry.fragments[packet.index] !== null) throw new Error("intruder: fragment received twice");
    entry.fragments[packet.index] = packet;
    entry.received++;
    if (entry.received < total) return;
    if (previous === null) s.buckets[b] = entry.next;
    else previous.next = entry.next;
    fragments = entry.fragments;
  }
  const data: i32[] = [];
  for (let f = 0; f < total; f++) {
    const fragment = fragments[f];
    if (fragment === null) throw new Error("intruder: fragment missing");
    for (const symbol of fragment.data) data.push(symbol);
  }
  transaction.add(detect, s, flow, data);
}

/**
 * The detector: every signature searched at every position of the reassembled payload. Like
 * STAMP's detector, which runs outside transactions, it works on private copies: the payload and
 * the signatures are read once from shared memory, then scanned many times.
 */
function detect(s: Intruder, flow: Flow, shared: i32[]): void {
  const original = flow.payload;
  const length = shared.length;
  if (length !== original.length) throw new Error("intruder: reassembled flow has a wrong length");
  const data = new Array<i32>(length).fill(0);
  let checksum = 0;
  for (let i = 0; i < length; i++) {
    const symbol = shared[i];
    if (symbol !== original[i]) throw new Error("intruder: reassembled flow differs from the original");
    data[i] = symbol;
    checksum = (checksum * 31 + symbol + 1) % 1000003;
  }
  let found = 0;
  let which = -1;
  const signature: i32[] = [];
  for (let k = 0; k < NUM_SIGNATURES; k++) {
    const source = s.signatures[k];
    while (signature.length > 0) signature.pop();
    for (const symbol of source) signature.push(symbol);
    const last = length - signature.length;
    for (let at = 0; at <= last; at++) {
      let i = 0;
      while (i < signature.length && data[at + i] === signature[i]) i++;
      if (i === signature.length) {
        found++;
        which = k;
      }
    }
  }
  flow.reassembled++;
  flow.found = found;
  flow.foundSignature = which;
  flow.checksum = checksum;
}

export function run(size: i32): void {
  const numFlows = size === 0 ? 4500 : size === 1 ? 40000 : 150000;
  const s = new Intruder(numFlows);
  generate(s, numFlows, 1234567);
  for (const packet of s.packets) transaction.add(decode, s, packet);
  transaction.run();

  for (const head of s.buckets) if (head !== null) throw new Error("intruder: a partial flow was left in the map");
  let found = 0;
  let checksum: i64 = 0;
  for (const flow of s.flows) {
    if (flow.reassembled !== 1) throw new Error("intruder: a flow was not reassembled exactly once");
    if (flow.found !== (flow.attack >= 0 ? 1 : 0) || flow.foundSignature !== flow.attack) throw new Error("intruder: wrong detection");
    found += flow.found;
    checksum = (checksum * 7 + flow.checksum) % 1000000007;
  }
  if (found !== s.attacksInjected) throw new Error("intruder: attacks found differ from the attacks injected");
  print("intruder: flows", numFlows, "packets", s.packets.length, "attacks injected", s.attacksInjected, "found", found);
  print("payload checksum", checksum);
}

export function main(): void {
  run(0);
}
