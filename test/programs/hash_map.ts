// An open-addressing hash map from i32 to i64, written with classes and arrays; growth,
// updates, deletion by tombstones.
import { i32, i64, bool, print } from "stmc";

const EMPTY = 0;
const FULL = 1;
const DELETED = 2;

class IntMap {
  keys: i32[];
  values: i64[];
  states: i32[];
  size = 0;
  used = 0;

  constructor(capacity: i32) {
    this.keys = new Array<i32>(capacity).fill(0);
    this.values = new Array<i64>(capacity).fill(0);
    this.states = new Array<i32>(capacity).fill(EMPTY);
  }

  slot(key: i32): i32 {
    return ((key * 0x9e37) ^ (key >>> 7)) & (this.keys.length - 1);
  }

  set(key: i32, value: i64): void {
    if ((this.used + 1) * 4 > this.keys.length * 3) this.grow();
    let i = this.slot(key);
    let tomb = -1;
    while (this.states[i] !== EMPTY) {
      if (this.states[i] === FULL && this.keys[i] === key) {
        this.values[i] = value;
        return;
      }
      if (this.states[i] === DELETED && tomb < 0) tomb = i;
      i = (i + 1) & (this.keys.length - 1);
    }
    if (tomb >= 0) {
      i = tomb;
    } else {
      this.used++;
    }
    this.keys[i] = key;
    this.values[i] = value;
    this.states[i] = FULL;
    this.size++;
  }

  find(key: i32): i32 {
    let i = this.slot(key);
    while (this.states[i] !== EMPTY) {
      if (this.states[i] === FULL && this.keys[i] === key) return i;
      i = (i + 1) & (this.keys.length - 1);
    }
    return -1;
  }

  get(key: i32, fallback: i64): i64 {
    const i = this.find(key);
    return i < 0 ? fallback : this.values[i];
  }

  has(key: i32): bool {
    return this.find(key) >= 0;
  }

  remove(key: i32): bool {
    const i = this.find(key);
    if (i < 0) return false;
    this.states[i] = DELETED;
    this.size--;
    return true;
  }

  grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    const oldStates = this.states;
    const capacity = oldKeys.length * 2;
    this.keys = new Array<i32>(capacity).fill(0);
    this.values = new Array<i64>(capacity).fill(0);
    this.states = new Array<i32>(capacity).fill(EMPTY);
    this.size = 0;
    this.used = 0;
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldStates[i] === FULL) this.set(oldKeys[i], oldValues[i]);
    }
  }
}

export function main(): void {
  const map = new IntMap(8);
  for (let i = 0; i < 1000; i++) {
    const wide: i64 = i;
    map.set(i * 7, wide * 1000000000);
  }
  print("size", map.size, "capacity", map.keys.length);
  print("get", map.get(0, -1), map.get(7, -1), map.get(6993, -1), map.get(5, -1));
  for (let i = 0; i < 1000; i += 2) map.remove(i * 7);
  print("after remove", map.size, map.has(14), map.has(21), map.remove(14));
  for (let i = 0; i < 100; i++) map.set(i * 7, 1);
  let total: i64 = 0;
  for (let i = 0; i < 1000; i++) total += map.get(i * 7, 0);
  print("total", total, map.size);
  const counts = new IntMap(16);
  let x = 1;
  for (let i = 0; i < 5000; i++) {
    x = (x * 75 + 74) % 65537;
    const k = x % 50;
    counts.set(k, counts.get(k, 0) + 1);
  }
  let sum: i64 = 0;
  for (let k = 0; k < 50; k++) sum += counts.get(k, 0);
  print("counts", counts.size, sum, counts.get(0, 0), counts.get(49, 0));
}
