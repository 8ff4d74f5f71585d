// Map and Set as JavaScript defines them: keys of every kind (numbers with NaN and -0, booleans,
// i64, strings by content, objects by identity), insertion order (a key set again keeps its
// place; deleted and added again goes last), get with undefined (??, !, narrowing), delete,
// clear, forEach, keys/values/entries, iteration that sees additions, and maps of arrays and sets.
import { i32, i64, f64, print } from "stmc";

class Node {
  constructor(readonly id: i32) {}
}

/** A generic function over maps: K inferred from a Map argument. */
function totalOf<K>(m: Map<K, i32>): i32 {
  let s = 0;
  for (const v of m.values()) s += v;
  return s;
}

function show(m: Map<string, i32>): string {
  const parts: string[] = [];
  m.forEach((v, k) => parts.push(`${k}=${v}`));
  return parts.join(" ");
}

export function main(): void {
  const m = new Map<string, i32>();
  m.set("one", 1).set("two", 2).set("three", 3);
  m.set("one", 11);
  print(show(m), m.size);
  m.delete("one");
  m.set("one", 111);
  print(show(m), m.has("two"), m.has("four"));
  const two = m.get("two");
  const four = m.get("four");
  print(two !== undefined ? two * 10 : -1, four === undefined, m.get("three")! + 1, m.get("zero") ?? 0);
  if (two !== undefined && two > 1) print("narrowed", two + 0.5);

  const floats = new Map<f64, string>();
  floats.set(NaN, "nan").set(0, "zero").set(-0, "minus zero").set(0.1 + 0.2, "sum");
  print(floats.size, floats.get(NaN)!, floats.get(0)!, floats.get(0.30000000000000004) ?? "?", floats.has(0.3));

  const flags = new Map<boolean, i32>();
  flags.set(true, 1).set(false, 0).set(true, 2);
  print(flags.size, flags.get(true) ?? -1, flags.get(false) ?? -1);

  const wide = new Map<i64, i32>();
  wide.set(i64(4294967296), 1).set(i64(1), 2).set(i64(-4294967296), 3);
  print(wide.get(i64(4294967296)) ?? 0, wide.get(i64(0)) ?? 0, wide.get(i64(-4294967296)) ?? 0);

  const a = new Node(1);
  const b = new Node(1);
  const byNode = new Map<Node, string>();
  byNode.set(a, "a").set(b, "b").set(a, "a2");
  print(byNode.size, byNode.get(a)!, byNode.get(b)!, byNode.get(new Node(1)) ?? "absent");

  const index = new Map<string, i32[]>();
  const text = "to be or not to be that is the question";
  text.split(" ").forEach((word, position) => {
    let list = index.get(word);
    if (list === undefined) {
      list = [];
      index.set(word, list);
    }
    list.push(position);
  });
  for (const [word, positions] of index) if (positions.length > 1) print(word, positions.join(","));

  const graph = new Map<i32, Set<i32>>();
  const edges = [[1, 2], [2, 3], [1, 3], [3, 1], [1, 2]];
  for (const e of edges) {
    if (!graph.has(e[0])) graph.set(e[0], new Set<i32>());
    graph.get(e[0])!.add(e[1]);
  }
  for (const [from, to] of graph) print(from, "->", Array.from(to.values()).join(","), to.size);

  const s = new Set<string>(); 
  s.add("b").add("a").add("b").add("c");
  s.delete("a");
  s.add("a");
  print([...s.keys()].join(""), s.size, s.has("c"));
  let visits = 0;
  for (const x of s) {
    if (x === "b") s.add("d");
    if (x === "c") s.delete("a");
    visits++;
  }
  print(visits, [...s.values()].join(""));
  s.clear();
  print(s.size, s.has("b"));

  // Iterations that outlive a change of the map's layout: growing past one stripe, dropping
  // many removed entries, clear().
  const growing = new Map<i32, i32>();
  for (let i = 0; i < 4; i++) growing.set(i, i);
  let seenKeys = 0;
  let keySum = 0;
  for (const [k, v] of growing) {
    if (k < 4) for (let j = 0; j < 20; j++) growing.set(100 + k * 20 + j, j);
    if (k === 110) for (let j = 0; j < 60; j++) growing.delete(100 + j);
    seenKeys++;
    keySum += k + v;
  }
  print(seenKeys, keySum, growing.size);
  const cleared = new Set<i32>();
  for (let i = 0; i < 40; i++) cleared.add(i);
  const after: i32[] = [];
  for (const x of cleared) {
    if (x === 3) {
      cleared.clear();
      cleared.add(1000);
      cleared.add(1001);
    }
    after.push(x);
  }
  print(after.join(","), cleared.size);

  const counts = new Map<i32, i32>();
  for (let i = 0; i < 1000; i++) counts.set(i % 37, (counts.get(i % 37) ?? 0) + 1);
  let total = 0;
  for (const n of counts.values()) total += n;
  print(counts.size, total, counts.get(0) ?? 0, counts.get(36) ?? 0, totalOf(counts), totalOf(m));
  for (let i = 0; i < 37; i += 2) counts.delete(i);
  print(counts.size, Array.from(counts.keys()).slice(0, 5).join(","));
}
