// Map and Set, written in the stmc language and compiled with each program that uses them (an
// instance per key and value type, like any generic class): every operation is transactional by
// construction. `new Map<K, V>()` and `new Set<T>()` in a program are these classes
// (compiler/check/collections.ts); the semantics are JavaScript's: keys compare by
// SameValueZero (NaN equals NaN, -0 equals 0; strings by content, objects by identity) and
// iteration follows insertion order.
//
// Built so that transactions touching different keys of one map rarely conflict: past a few
// dozen entries, the entries are spread over STRIPES independent stripes by hash, each with its
// own buckets, count and list of entries in insertion order; nothing is written by every
// insertion (the size is the sum of the stripes' counts). Insertion order across stripes comes from each entry's order
// number (runtime/core/stm/order.ts: taken when the inserting transaction commits, so that it
// agrees with the order transactions appear to run in); iteration merges the stripes' lists.
import { i32, i64 } from "stmc";
import { usize } from "stmc:low";
import { order_stamp } from "../core/stm/order";

/** Stripes of a map past SPLIT_AT entries (a power of 2): two insertions of unrelated keys conflict with odds 1 in STRIPES. */
const STRIPES: i32 = 8;
/** A map starts with one stripe (small maps and sets stay small) and splits when it holds this many entries. */
const SPLIT_AT: i32 = 32;
/** Buckets of a new stripe (a power of 2); a stripe doubles them when it holds more entries than buckets. */
const INITIAL_BUCKETS: i32 = 4;

/** The hash of a key: written by the compiler for each key type (compiler/check/collections.ts). */
function keyHash<K>(key: K): i32 {
  return 0;
}

/** SameValueZero, as JavaScript's Map compares keys: written by the compiler for each key type. */
function keyEquals<K>(a: K, b: K): boolean {
  return false;
}

class Entry<K, V> {
  // The first two fields are runtime/core/stm/order.ts's: the order number, and the link of a
  // transaction's new entries until it commits.
  order: i64 = 0;
  pending: Entry<K, V> | null = null;
  /** The next entry of the stripe in insertion order (removed ones stay linked until compacted). */
  next: Entry<K, V> | null = null;
  /** The next entry in the same bucket. */
  chain: Entry<K, V> | null = null;
  removed: boolean = false;
  constructor(
    readonly hash: i32,
    readonly key: K,
    public value: V,
  ) {}
}

class Stripe<K, V> {
  buckets: (Entry<K, V> | null)[] = new Array<Entry<K, V> | null>(INITIAL_BUCKETS).fill(null);
  /** Live entries. */
  count: i32 = 0;
  /** Removed entries still in the insertion list. */
  removed: i32 = 0;
  first: Entry<K, V> | null = null;
  last: Entry<K, V> | null = null;

  find(key: K, hash: i32): Entry<K, V> | null {
    let e = this.buckets[(hash >>> 3) & (this.buckets.length - 1)];
    while (e !== null) {
      if (e.hash === hash && keyEquals(e.key, key)) return e;
      e = e.chain;
    }
    return null;
  }

  /** Appends `e` to the insertion list and its bucket (doubling the buckets when they are fewer than the entries). */
  append(e: Entry<K, V>): void {
    e.next = null;
    if (this.last === null) this.first = e;
    else this.last.next = e;
    this.last = e;
    this.count++;
    if (this.count > this.buckets.length) this.rechain(this.buckets.length * 2);
    else this.chainIn(e);
  }

  /** Unlinks `e` from its bucket; it stays in the insertion list (a cursor may stand on it). True when the stripe compacted its list. */
  remove(e: Entry<K, V>): boolean {
    const b = (e.hash >>> 3) & (this.buckets.length - 1);
    let at = this.buckets[b];
    if (at === e) this.buckets[b] = e.chain;
    else {
      while (at !== null && at.chain !== e) at = at.chain;
      if (at !== null) at.chain = e.chain;
    }
    e.removed = true;
    this.count--;
    this.removed++;
    if (this.removed <= 8 || this.removed <= this.count) return false;
    this.compact();
    return true;
  }

  /** The insertion list without its removed entries. */
  compact(): void {
    let kept: Entry<K, V> | null = null;
    for (let e = this.first; e !== null; e = e.next) {
      if (e.removed) continue;
      if (kept === null) this.first = e;
      else kept.next = e;
      kept = e;
    }
    if (kept === null) this.first = null;
    else kept.next = null;
    this.last = kept;
    this.removed = 0;
  }

  /** `size` buckets, the live entries chained into them again. */
  rechain(size: i32): void {
    this.buckets = new Array<Entry<K, V> | null>(size).fill(null);
    for (let e = this.first; e !== null; e = e.next) if (!e.removed) this.chainIn(e);
  }

  chainIn(e: Entry<K, V>): void {
    const b = (e.hash >>> 3) & (this.buckets.length - 1);
    e.chain = this.buckets[b];
    this.buckets[b] = e;
  }
}

/**
 * A position in a map's insertion order: per stripe, the last entry visited, and the order
 * number of the last entry visited. The next entry is the one of least order number among the
 * stripes' next live entries, so entries added during the iteration are visited and removed
 * ones are not, as with JavaScript's iterators. When the map's layout changed (a split, a
 * compaction, clear()), the cursor finds its place again by order number.
 */
export class MapCursor<K, V> {
  private visited: (Entry<K, V> | null)[] = new Array<Entry<K, V> | null>(STRIPES).fill(null);
  private current: Entry<K, V> | null = null;
  private lastOrder: i64 = -1;
  private layout: i32;
  constructor(private readonly map: Map<K, V>) {
    this.layout = map.layout;
  }

  /** Moves to the next entry in insertion order; false at the end. */
  next(): boolean {
    const stripes = this.map.stripeCount();
    if (this.layout !== this.map.layout) this.seek(stripes);
    let best: Entry<K, V> | null = null;
    let bestStripe = -1;
    for (let s = 0; s < stripes; s++) {
      const last = this.visited[s];
      let e = last === null ? this.map.firstOf(s) : last.next;
      while (e !== null && e.removed) e = e.next;
      if (e !== null && (best === null || e.order < best.order)) {
        best = e;
        bestStripe = s;
      }
    }
    this.current = best;
    if (best === null) return false;
    this.visited[bestStripe] = best;
    this.lastOrder = best.order;
    return true;
  }

  /** Per stripe, the last entry at or before the last one visited (the lists are in order-number order). */
  private seek(stripes: i32): void {
    for (let s = 0; s < STRIPES; s++) {
      let at: Entry<K, V> | null = null;
      for (let e = s < stripes ? this.map.firstOf(s) : null; e !== null && e.order <= this.lastOrder; e = e.next) at = e;
      this.visited[s] = at;
    }
    this.layout = this.map.layout;
  }

  get key(): K {
    return this.current!.key;
  }

  get value(): V {
    return this.current!.value;
  }
}

export class Map<K, V> {
  /** One stripe until the map holds SPLIT_AT entries, then STRIPES (index: the hash's low bits). */
  private stripes: (Stripe<K, V> | null)[] = [null];
  /** Changes when entries move between or within stripes' lists: cursors then find their place again. */
  layout: i32 = 0;

  get size(): i32 {
    let n = 0;
    for (const s of this.stripes) if (s !== null) n += s.count;
    return n;
  }

  private stripeFor(h: i32): Stripe<K, V> | null {
    return this.stripes[h & (this.stripes.length - 1)];
  }

  private find(key: K, h: i32): Entry<K, V> | null {
    const s = this.stripeFor(h);
    return s === null ? null : s.find(key, h);
  }

  has(key: K): boolean {
    return this.find(key, keyHash(key)) !== null;
  }

  get(key: K): V | undefined {
    const e = this.find(key, keyHash(key));
    if (e === null) return undefined;
    return e.value;
  }

  /** `get(key) ?? fallback` where V is a number or boolean, without boxing it (the compiler calls it for that pattern). */
  getOr(key: K, fallback: V): V {
    const e = this.find(key, keyHash(key));
    return e === null ? fallback : e.value;
  }

  set(key: K, value: V): Map<K, V> {
    const h = keyHash(key);
    const at = h & (this.stripes.length - 1);
    let s = this.stripes[at];
    if (s === null) {
      s = new Stripe<K, V>();
      this.stripes[at] = s;
    }
    const found = s.find(key, h);
    if (found !== null) {
      found.value = value;
      return this;
    }
    const e = new Entry<K, V>(h, key, value);
    order_stamp(usize(e));
    s.append(e);
    if (this.stripes.length === 1 && s.count >= SPLIT_AT) this.split(s);
    return this;
  }

  /** From one stripe to STRIPES: the entries move, in their order, to the stripes of their hashes. */
  private split(only: Stripe<K, V>): void {
    this.stripes = new Array<Stripe<K, V> | null>(STRIPES).fill(null);
    let e = only.first;
    while (e !== null) {
      const next = e.next;
      if (!e.removed) {
        const at = e.hash & (STRIPES - 1);
        let s = this.stripes[at];
        if (s === null) {
          s = new Stripe<K, V>();
          this.stripes[at] = s;
        }
        s.append(e);
      }
      e = next;
    }
    this.layout++;
  }

  delete(key: K): boolean {
    const h = keyHash(key);
    const s = this.stripeFor(h);
    const e = s === null ? null : s.find(key, h);
    if (s === null || e === null) return false;
    if (s.remove(e)) this.layout++;
    return true;
  }

  clear(): void {
    for (const s of this.stripes) if (s !== null) for (let e = s.first; e !== null; e = e.next) e.removed = true;
    this.stripes = [null];
    this.layout++;
  }

  forEach(f: (value: V, key: K, map: Map<K, V>) => void): void {
    const c = this.cursor();
    while (c.next()) f(c.value, c.key, this);
  }

  keys(): K[] {
    const out: K[] = [];
    const c = this.cursor();
    while (c.next()) out.push(c.key);
    return out;
  }

  values(): V[] {
    const out: V[] = [];
    const c = this.cursor();
    while (c.next()) out.push(c.value);
    return out;
  }

  cursor(): MapCursor<K, V> {
    return new MapCursor<K, V>(this);
  }

  /** The number of stripes (1 or STRIPES), for cursors. */
  stripeCount(): i32 {
    return this.stripes.length;
  }

  /** The first entry of stripe `s` in insertion order (for cursors). */
  firstOf(s: i32): Entry<K, V> | null {
    const stripe = this.stripes[s];
    return stripe === null ? null : stripe.first;
  }
}

/** A set: the keys of a map (its values unused). */
export class Set<T> {
  private map: Map<T, boolean> = new Map<T, boolean>();

  get size(): i32 {
    return this.map.size;
  }

  has(value: T): boolean {
    return this.map.has(value);
  }

  add(value: T): Set<T> {
    this.map.set(value, true);
    return this;
  }

  delete(value: T): boolean {
    return this.map.delete(value);
  }

  clear(): void {
    this.map.clear();
  }

  forEach(f: (value: T, again: T, set: Set<T>) => void): void {
    const c = this.map.cursor();
    while (c.next()) f(c.key, c.key, this);
  }

  values(): T[] {
    return this.map.keys();
  }

  keys(): T[] {
    return this.map.keys();
  }

  cursor(): MapCursor<T, boolean> {
    return this.map.cursor();
  }
}
