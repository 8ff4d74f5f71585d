// Instances of generic classes shared by transactions: a generic queue and a generic tally,
// updated by tasks of different instances (Tally<i32>, Tally<string>), inside atomic blocks too.
import { i32, i64, print, transaction } from "stmc";

class Tally<K> {
  keys: K[] = [];
  counts: i32[] = [];
  add(key: K, n: i32): void {
    const i = this.keys.indexOf(key);
    if (i >= 0) this.counts[i] += n;
    else {
      this.keys.push(key);
      this.counts.push(n);
    }
  }
  total(): i32 {
    return this.counts.reduce((a, b) => a + b, 0);
  }
  countOf(key: K): i32 {
    const i = this.keys.indexOf(key);
    return i >= 0 ? this.counts[i] : 0;
  }
}

class Queue<T> {
  items: T[] = [];
  put(x: T): void {
    this.items.push(x);
  }
}

const byResidue = new Tally<i32>();
const byWord = new Tally<string>();
const done = new Queue<i64>();
const WORDS = ["red", "green", "blue"];

function work(i: i32): void {
  byResidue.add(i % 5, 1);
  byWord.add(WORDS[i % 3], i);
  done.put(i64(i) * i64(i));
}

export function main(): void {
  for (let i = 0; i < 60; i++) transaction.add(work, i);
  transaction.run();
  let sum: i64 = 0;
  for (const v of done.items) sum += v;
  print(byResidue.total(), byResidue.countOf(3), byWord.total(), byWord.countOf("green"), done.items.length, sum);
  transaction.atomic(() => {
    byWord.add("violet", 5);
  });
  print(byWord.keys.length, byWord.countOf("violet"));
}
