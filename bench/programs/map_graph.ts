// A graph on Map<i32, Set<i32>>: tasks add the edges of a generated graph (a chunk of edges
// each, both directions) into one shared adjacency map of sets, then a breadth-first search
// runs level by level, one task per chunk of the frontier, each task adding the unvisited
// neighbours it finds to the shared distance map and the next frontier set. Conflicts come
// from vertices shared by chunks (hubs: the generator skews degrees). Checks: every vertex's
// neighbour set against a sequential build, the distances against a sequential BFS. Prints
// the graph's size and the number of vertices at each distance.
import { i32, print, transaction } from "stmc";
import { nextRandom, resetRandom } from "./lib/text";

let graph = new Map<i32, Set<i32>>();
let distance = new Map<i32, i32>();
let next = new Set<i32>();

function link(a: i32, b: i32): void {
  let set = graph.get(a);
  if (set === undefined) {
    set = new Set<i32>();
    graph.set(a, set);
  }
  set.add(b);
}

function addEdges(from: i32[], to: i32[], start: i32, end: i32): void {
  for (let i = start; i < end; i++) {
    link(from[i], to[i]);
    link(to[i], from[i]);
  }
}

function expand(frontier: i32[], start: i32, end: i32, level: i32): void {
  for (let i = start; i < end; i++) {
    for (const v of graph.get(frontier[i])!) {
      if (!distance.has(v)) {
        distance.set(v, level);
        next.add(v);
      }
    }
  }
}

/** A vertex, skewed towards low numbers (hubs). */
function vertex(n: i32): i32 {
  const u = (nextRandom() % 1000) / 1000.0;
  return i32(Math.floor(u * u * n));
}

export function run(size: i32): void {
  resetRandom();
  const vertices = size === 0 ? 2000 : size === 1 ? 80000 : 320000;
  const edges = vertices * 3;
  const from: i32[] = [];
  const to: i32[] = [];
  for (let i = 0; i < edges; i++) {
    from.push(i < vertices ? i : vertex(vertices));
    to.push(i < vertices ? (i * 7 + 1) % vertices : vertex(vertices));
  }
  graph = new Map<i32, Set<i32>>();
  const chunk = 200;
  for (let s = 0; s < edges; s += chunk) transaction.add(addEdges, from, to, s, Math.min(s + chunk, edges));
  transaction.run();

  distance = new Map<i32, i32>();
  distance.set(0, 0);
  let frontier: i32[] = [0];
  const perLevel: i32[] = [1];
  for (let level = 1; frontier.length > 0; level++) {
    next = new Set<i32>();
    for (let s = 0; s < frontier.length; s += 50) transaction.add(expand, frontier, s, Math.min(s + 50, frontier.length), level);
    transaction.run();
    frontier = Array.from(next.values()).sort((a, b) => a - b);
    if (frontier.length > 0) perLevel.push(frontier.length);
  }

  // Check against a sequential build and search.
  const expected = new Map<i32, Set<i32>>();
  const add = (a: i32, b: i32): void => {
    if (!expected.has(a)) expected.set(a, new Set<i32>());
    expected.get(a)!.add(b);
  };
  for (let i = 0; i < edges; i++) {
    add(from[i], to[i]);
    add(to[i], from[i]);
  }
  let degrees = 0;
  for (const [v, set] of expected) {
    const got = graph.get(v);
    if (got === undefined || got.size !== set.size) throw new Error(`vertex ${v} has other neighbours than the sequential build`);
    for (const w of set) if (!got.has(w)) throw new Error(`vertex ${v} lacks neighbour ${w}`);
    degrees += set.size;
  }
  const seen = new Map<i32, i32>();
  seen.set(0, 0);
  const queue: i32[] = [0];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    for (const w of expected.get(v)!) {
      if (seen.has(w)) continue;
      seen.set(w, seen.get(v)! + 1);
      queue.push(w);
    }
  }
  if (seen.size !== distance.size) throw new Error("the search reached other vertices than the sequential one");
  for (const [v, d] of seen) if (distance.get(v) !== d) throw new Error(`vertex ${v} is at another distance than in the sequential search`);
  print("vertices", graph.size, "adjacency entries", degrees, "reached", distance.size);
  print("per level", perLevel.join(","));
}

export function main(): void {
  run(0);
}
