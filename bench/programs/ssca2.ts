// SSCA#2 kernel 1 (STAMP "ssca2"): building a graph's adjacency structure in parallel from an
// edge list. The edge list (with weights) comes from an R-MAT generator driven by a seeded
// Park-Miller generator, so a few hub vertices own many edges. Then, as in STAMP's computeGraph:
//   1. tasks over chunks of edges count out- and in-degrees in shared per-vertex counters (the
//      transactions conflict where chunks share a vertex: the hubs are contended; STAMP makes
//      one tiny transaction per edge, here a task reads its chunk first, then updates);
//   2. a prefix sum of the out-degrees gives each vertex's adjacency offset (block sums in tasks);
//   3. tasks over chunks of edges place each edge in its source's adjacency through a shared
//      per-vertex fill counter (contended like the degrees), so the order within a list depends
//      on the interleaving;
//   4. tasks over vertex ranges sort each adjacency list (private copy, written back once).
// Check: the degrees sum to the edge count and equal a sequential count; every adjacency list,
// sorted, equals a sequential build (a radix sort of the edge list by source, then target and
// weight), so every edge appears exactly once in its source's list. Prints sizes, the largest
// degree and a checksum of the adjacency, none of which depend on the task order.
import { i32, i64, print, transaction } from "stmc";
import { StampRandom } from "./lib/stamp_random";

const EDGE_FACTOR = 8;
const EDGES_PER_TASK = 64;
const VERTICES_PER_TASK = 256;
const MAX_WEIGHT = 255;

class Graph {
  readonly numVertices: i32;
  readonly numEdges: i32;
  /** The edge list, read only while the graph is built. */
  readonly src: i32[];
  readonly dst: i32[];
  readonly weight: i32[];
  /** Shared per-vertex counters. */
  readonly outDegree: i32[];
  readonly inDegree: i32[];
  readonly fill: i32[];
  /** offset[v] .. offset[v + 1]: v's slice of the adjacency arrays. */
  readonly offset: i32[];
  readonly adjDst: i32[];
  readonly adjWeight: i32[];
  /** Per block of VERTICES_PER_TASK vertices: the sum of its out-degrees, then its first offset. */
  readonly blockSum: i32[];

  constructor(numVertices: i32, numEdges: i32) {
    this.numVertices = numVertices;
    this.numEdges = numEdges;
    this.src = new Array<i32>(numEdges).fill(0);
    this.dst = new Array<i32>(numEdges).fill(0);
    this.weight = new Array<i32>(numEdges).fill(0);
    this.outDegree = new Array<i32>(numVertices).fill(0);
    this.inDegree = new Array<i32>(numVertices).fill(0);
    this.fill = new Array<i32>(numVertices).fill(0);
    this.offset = new Array<i32>(numVertices + 1).fill(0);
    this.adjDst = new Array<i32>(numEdges).fill(0);
    this.adjWeight = new Array<i32>(numEdges).fill(0);
    this.blockSum = new Array<i32>(i32((numVertices + VERTICES_PER_TASK - 1) / VERTICES_PER_TASK)).fill(0);
  }
}

/** R-MAT with SSCA#2's probabilities a = 0.55, b = 0.1, c = 0.1, d = 0.25. */
function generateEdges(g: Graph, scale: i32, seed: i64): void {
  const rng = new StampRandom(seed);
  for (let e = 0; e < g.numEdges; e++) {
    let u = 0;
    let v = 0;
    for (let level = 0; level < scale; level++) {
      const r = rng.below(100);
      u = u << 1;
      v = v << 1;
      if (r < 55) {
        // top left quadrant
      } else if (r < 65) {
        v = v | 1;
      } else if (r < 75) {
        u = u | 1;
      } else {
        u = u | 1;
        v = v | 1;
      }
    }
    g.src[e] = u;
    g.dst[e] = v;
    g.weight[e] = 1 + rng.below(MAX_WEIGHT);
  }
}

// ---- the parallel build (every function below runs as a task) -------------------------------

function countDegrees(g: Graph, begin: i32, end: i32): void {
  // The edges are read first, so that the shared counters are locked only for the last loop.
  const count = end - begin;
  const src = new Array<i32>(count).fill(0);
  const dst = new Array<i32>(count).fill(0);
  for (let i = 0; i < count; i++) {
    src[i] = g.src[begin + i];
    dst[i] = g.dst[begin + i];
  }
  for (let i = 0; i < count; i++) {
    g.outDegree[src[i]]++;
    g.inDegree[dst[i]]++;
  }
}

function sumBlock(g: Graph, block: i32): void {
  const end = Math.min(g.numVertices, (block + 1) * VERTICES_PER_TASK);
  let sum = 0;
  for (let v = block * VERTICES_PER_TASK; v < end; v++) sum += g.outDegree[v];
  g.blockSum[block] = sum;
}

function offsetsOfBlock(g: Graph, block: i32): void {
  const end = Math.min(g.numVertices, (block + 1) * VERTICES_PER_TASK);
  let at = g.blockSum[block];
  for (let v = block * VERTICES_PER_TASK; v < end; v++) {
    g.offset[v] = at;
    at += g.outDegree[v];
  }
  if (end === g.numVertices) g.offset[end] = at;
}

function placeEdges(g: Graph, begin: i32, end: i32): void {
  const count = end - begin;
  const src = new Array<i32>(count).fill(0);
  const dst = new Array<i32>(count).fill(0);
  const weight = new Array<i32>(count).fill(0);
  for (let i = 0; i < count; i++) {
    src[i] = g.src[begin + i];
    dst[i] = g.dst[begin + i];
    weight[i] = g.weight[begin + i];
  }
  for (let i = 0; i < count; i++) {
    const u = src[i];
    const slot = g.offset[u] + g.fill[u];
    g.fill[u]++;
    g.adjDst[slot] = dst[i];
    g.adjWeight[slot] = weight[i];
  }
}

function siftDown(keys: i32[], start: i32, count: i32): void {
  let root = start;
  while (true) {
    let child = 2 * root + 1;
    if (child >= count) return;
    if (child + 1 < count && keys[child + 1] > keys[child]) child++;
    if (keys[root] >= keys[child]) return;
    const t = keys[root];
    keys[root] = keys[child];
    keys[child] = t;
    root = child;
  }
}

function heapSort(keys: i32[], count: i32): void {
  for (let i = i32(count / 2) - 1; i >= 0; i--) siftDown(keys, i, count);
  for (let end = count - 1; end > 0; end--) {
    const t = keys[0];
    keys[0] = keys[end];
    keys[end] = t;
    siftDown(keys, 0, end);
  }
}

/** Sorts the adjacency lists of a block of vertices by (target, weight). */
function sortBlock(g: Graph, block: i32): void {
  const end = Math.min(g.numVertices, (block + 1) * VERTICES_PER_TASK);
  const keys: i32[] = [];
  for (let v = block * VERTICES_PER_TASK; v < end; v++) {
    const first = g.offset[v];
    const count = g.offset[v + 1] - first;
    if (count < 2) continue;
    while (keys.length < count) keys.push(0);
    for (let i = 0; i < count; i++) keys[i] = (g.adjDst[first + i] << 8) | g.adjWeight[first + i];
    heapSort(keys, count);
    for (let i = 0; i < count; i++) {
      g.adjDst[first + i] = keys[i] >> 8;
      g.adjWeight[first + i] = keys[i] & 255;
    }
  }
}

// ---- the sequential reference build and the checks -----------------------------------------

/** Stable counting sort of `order` by digit(key) (`bits` bits at `shift`), into a new array. */
function countingPass(order: i32[], keys: i32[], shift: i32, bits: i32): i32[] {
  const buckets = 1 << bits;
  const mask = buckets - 1;
  const count = new Array<i32>(buckets + 1).fill(0);
  for (let i = 0; i < order.length; i++) count[((keys[order[i]] >> shift) & mask) + 1]++;
  for (let b = 0; b < buckets; b++) count[b + 1] += count[b];
  const sorted = new Array<i32>(order.length).fill(0);
  for (let i = 0; i < order.length; i++) {
    const d = (keys[order[i]] >> shift) & mask;
    sorted[count[d]] = order[i];
    count[d]++;
  }
  return sorted;
}

function check(g: Graph, scale: i32): i64 {
  const n = g.numVertices;
  const m = g.numEdges;
  // Degrees.
  const outDegree = new Array<i32>(n).fill(0);
  const inDegree = new Array<i32>(n).fill(0);
  for (let e = 0; e < m; e++) {
    outDegree[g.src[e]]++;
    inDegree[g.dst[e]]++;
  }
  let totalOut = 0;
  let totalIn = 0;
  for (let v = 0; v < n; v++) {
    if (g.outDegree[v] !== outDegree[v] || g.inDegree[v] !== inDegree[v]) throw new Error("ssca2: wrong degree count");
    if (g.fill[v] !== outDegree[v]) throw new Error("ssca2: wrong number of edges placed");
    if (g.offset[v + 1] - g.offset[v] !== outDegree[v]) throw new Error("ssca2: wrong adjacency offsets");
    totalOut += g.outDegree[v];
    totalIn += g.inDegree[v];
  }
  if (totalOut !== m || totalIn !== m || g.offset[0] !== 0 || g.offset[n] !== m) throw new Error("ssca2: total degree differs from the edge count");
  // Sequential build: a radix sort of the edges by (target, weight) in two passes, then by source.
  const keys = new Array<i32>(m).fill(0);
  const order = new Array<i32>(m).fill(0);
  for (let e = 0; e < m; e++) {
    keys[e] = (g.dst[e] << 8) | g.weight[e];
    order[e] = e;
  }
  const keyBits = scale + 8;
  const low = i32(keyBits / 2);
  let sorted = countingPass(order, keys, 0, low);
  sorted = countingPass(sorted, keys, low, keyBits - low);
  sorted = countingPass(sorted, g.src, 0, scale);
  let checksum: i64 = 0;
  for (let p = 0; p < m; p++) {
    const e = sorted[p];
    if (g.adjDst[p] !== g.dst[e] || g.adjWeight[p] !== g.weight[e]) throw new Error("ssca2: adjacency differs from the sequential build");
    checksum = (checksum * 31 + keys[e] + g.src[e]) % 1000000007;
  }
  return checksum;
}

export function run(size: i32): void {
  const scale = size === 0 ? 14 : size === 1 ? 17 : 19;
  const numVertices = 1 << scale;
  const g = new Graph(numVertices, numVertices * EDGE_FACTOR);
  generateEdges(g, scale, 20240601);

  for (let e = 0; e < g.numEdges; e += EDGES_PER_TASK) transaction.add(countDegrees, g, e, Math.min(g.numEdges, e + EDGES_PER_TASK));
  transaction.run();
  const blocks = g.blockSum.length;
  for (let b = 0; b < blocks; b++) transaction.add(sumBlock, g, b);
  transaction.run();
  let at = 0;
  for (let b = 0; b < blocks; b++) {
    const sum = g.blockSum[b];
    g.blockSum[b] = at;
    at += sum;
  }
  for (let b = 0; b < blocks; b++) transaction.add(offsetsOfBlock, g, b);
  transaction.run();
  for (let e = 0; e < g.numEdges; e += EDGES_PER_TASK) transaction.add(placeEdges, g, e, Math.min(g.numEdges, e + EDGES_PER_TASK));
  transaction.run();
  for (let b = 0; b < blocks; b++) transaction.add(sortBlock, g, b);
  transaction.run();

  const checksum = check(g, scale);
  let maxDegree = 0;
  for (let v = 0; v < numVertices; v++) maxDegree = Math.max(maxDegree, g.outDegree[v]);
  print("ssca2 kernel 1: vertices", numVertices, "edges", g.numEdges, "max out-degree", maxDegree);
  print("adjacency checksum", checksum);
}

export function main(): void {
  run(0);
}
