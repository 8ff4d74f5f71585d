// Young objects reachable only through old ones: the collector's minor collections do not trace
// into old objects, so each store of a reference into one must be remembered (the write
// barrier). Long-lived holders (old after their first collection) get fresh objects every round
// through each kind of store: a field, an array element, a push that grows the array (the
// runtime's array_grow), a fill, a Map entry, and a chain that only an old object heads.
// Garbage made between the stores and the check keeps the collections coming; a lost object
// fails its own check (its payload array freed, or poisoned) or the final checksum.
import { i32, print, transaction } from "stmc";

const HOLDERS = 96;
const ROUNDS = 16;
const GARBAGE = 150;
const MOD = 1000003;

class Leaf {
  id: i32;
  payload: i32[];
  next: Leaf | null = null;

  constructor(id: i32) {
    this.id = id;
    this.payload = [id, id * 3 + 1, id * 7 + 2];
  }

  check(id: i32): void {
    if (this.id !== id || this.payload.length !== 3) throw new Error("a young object only an old one refers to was lost");
    if (this.payload[0] !== id || this.payload[1] !== id * 3 + 1 || this.payload[2] !== id * 7 + 2) throw new Error("a young object's array was lost");
  }
}

class Holder {
  field: Leaf | null = null;
  slots: Leaf[] = [];
  pushed: Leaf[] = [];
  filled: (Leaf | null)[] = [null, null, null, null];
  byRound: Map<i32, Leaf> = new Map<i32, Leaf>();
  chain: Leaf | null = null;
}

const holders: Holder[] = [];

function garbage(n: i32, seed: i32): i32 {
  let list: Leaf | null = null;
  for (let i = 0; i < n; i++) {
    const l = new Leaf(seed + i);
    l.next = list;
    list = l;
  }
  let sum = 0;
  while (list !== null) {
    sum = (sum + list.payload[1]) % MOD;
    list = list.next;
  }
  return sum;
}

function idOf(h: i32, round: i32, kind: i32): i32 {
  return (round * HOLDERS + h) * 8 + kind;
}

function update(h: i32, round: i32): void {
  const holder = holders[h];
  holder.field = new Leaf(idOf(h, round, 0));
  garbage(GARBAGE, h);
  if (holder.slots.length < 4) holder.slots.push(new Leaf(idOf(h, round, 1)));
  else holder.slots[round % 4] = new Leaf(idOf(h, round, 1));
  garbage(GARBAGE, h + 1);
  // Reset every 6 rounds: the pushes grow a store again and again (array_grow).
  if (round % 6 === 0) holder.pushed = [];
  holder.pushed.push(new Leaf(idOf(h, round, 2)));
  holder.filled.fill(new Leaf(idOf(h, round, 3)));
  garbage(GARBAGE, h + 2);
  holder.byRound.set(round % 3, new Leaf(idOf(h, round, 4)));
  const link = new Leaf(idOf(h, round, 5));
  link.next = holder.chain;
  holder.chain = link;
  garbage(GARBAGE, h + 3);
}

function verify(round: i32): i32 {
  let sum = 0;
  for (let h = 0; h < HOLDERS; h++) {
    const holder = holders[h];
    holder.field!.check(idOf(h, round, 0));
    for (let i = 0; i < holder.slots.length; i++) sum = (sum + holder.slots[i].id) % MOD;
    if (holder.pushed.length !== (round % 6) + 1) throw new Error("pushes lost");
    for (let i = 0; i < holder.pushed.length; i++) holder.pushed[i].check(idOf(h, round - (round % 6) + i, 2));
    for (let i = 0; i < holder.filled.length; i++) holder.filled[i]!.check(idOf(h, round, 3));
    holder.byRound.get(round % 3)!.check(idOf(h, round, 4));
    let r = round;
    for (let l = holder.chain; l !== null; l = l.next) {
      l.check(idOf(h, r, 5));
      r--;
    }
    if (r !== -1) throw new Error("the chain lost links");
    for (const l of holder.byRound.values()) sum = (sum + l.payload[2]) % MOD;
  }
  return sum;
}

export function main(): void {
  for (let h = 0; h < HOLDERS; h++) holders.push(new Holder());
  let total = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (let h = 0; h < HOLDERS; h++) transaction.add(update, h, round);
    transaction.run();
    total = (total + garbage(GARBAGE * 4, round)) % MOD;
    total = (total + verify(round)) % MOD;
  }
  print("rounds", ROUNDS, "holders", HOLDERS, "checksum", total);
}
