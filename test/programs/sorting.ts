// Sorting algorithms on i32 and f64 arrays and on arrays of objects.
import { i32, f64, bool, print } from "stmc";

let seed = 42;

function random(): i32 {
  seed = (seed * 75 + 74) % 65537;
  return seed;
}

function insertionSort(a: i32[]): void {
  for (let i = 1; i < a.length; i++) {
    const x = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > x) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = x;
  }
}

function quickSort(a: f64[], lo: i32, hi: i32): void {
  if (lo >= hi) return;
  const pivot = a[lo + i32((hi - lo) / 2)];
  let i = lo;
  let j = hi;
  while (i <= j) {
    while (a[i] < pivot) i++;
    while (a[j] > pivot) j--;
    if (i <= j) {
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
      i++;
      j--;
    }
  }
  quickSort(a, lo, j);
  quickSort(a, i, hi);
}

function mergeSort(a: i32[]): i32[] {
  if (a.length <= 1) return a;
  const mid = i32(a.length / 2);
  const left: i32[] = [];
  const right: i32[] = [];
  for (let i = 0; i < a.length; i++) {
    if (i < mid) left.push(a[i]);
    else right.push(a[i]);
  }
  const l = mergeSort(left);
  const r = mergeSort(right);
  const out: i32[] = [];
  let i = 0;
  let j = 0;
  while (i < l.length || j < r.length) {
    if (j >= r.length || (i < l.length && l[i] <= r[j])) out.push(l[i++]);
    else out.push(r[j++]);
  }
  return out;
}

class Item {
  key: i32;
  order: i32;
  constructor(key: i32, order: i32) {
    this.key = key;
    this.order = order;
  }
}

function stableSortItems(items: Item[]): void {
  for (let i = 1; i < items.length; i++) {
    const x = items[i];
    let j = i - 1;
    while (j >= 0 && items[j].key > x.key) {
      items[j + 1] = items[j];
      j--;
    }
    items[j + 1] = x;
  }
}

function sortedI32(a: i32[]): bool {
  for (let i = 1; i < a.length; i++) if (a[i - 1] > a[i]) return false;
  return true;
}

function checksum(a: i32[]): i32 {
  let h = 0;
  for (let i = 0; i < a.length; i++) h = (h * 31 + a[i]) % 1000003;
  return h;
}

export function main(): void {
  const a: i32[] = [];
  for (let i = 0; i < 500; i++) a.push(random() % 1000);
  const b: i32[] = [];
  for (const x of a) b.push(x);
  insertionSort(a);
  const c = mergeSort(b);
  print("insertion", sortedI32(a), a[0], a[499], checksum(a));
  print("merge", sortedI32(c), c[0], c[499], checksum(c), c.length);
  const fs: f64[] = [];
  for (let i = 0; i < 300; i++) fs.push((random() % 100000) / 7);
  quickSort(fs, 0, fs.length - 1);
  let ok = true;
  for (let i = 1; i < fs.length; i++) if (fs[i - 1] > fs[i]) ok = false;
  print("quick", ok, fs[0], fs[299]);
  const items: Item[] = [];
  for (let i = 0; i < 20; i++) items.push(new Item(random() % 5, i));
  stableSortItems(items);
  let stable = true;
  for (let i = 1; i < items.length; i++) {
    if (items[i - 1].key === items[i].key && items[i - 1].order > items[i].order) stable = false;
  }
  print("items", stable, items[0].key, items[19].key, items[0].order, items[19].order);
}
