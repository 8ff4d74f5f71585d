// K-means clustering (STAMP's kmeans), shared by kmeans_low and kmeans_high.
//
// The points (DIMS integer features) are drawn around BLOBS hidden centres by a fixed generator.
// Every iteration assigns the points to their nearest centre in tasks of CHUNK points: a task
// reads the centres (read-only during the phase), writes the membership of its own points and
// adds its points into the shared per-cluster accumulators (STAMP's new_centers and
// new_centers_len), which is where tasks conflict: the fewer the clusters, the more of them a
// task adds into and the more often two tasks add into the same one. A task sums its points per
// cluster locally and adds the sums at its end: the same writes as STAMP's per-point updates,
// in one short window at the end of the transaction. The main thread
// then divides the sums into the next centres and stops when no point changed cluster (or after
// MAX_ITERATIONS). Everything is integer (features, squared distances, i64 sums, truncated
// means), so the result does not depend on the order the tasks add in.
//
// Checks: after every iteration the cluster sizes add up to the point count; after the last,
// a sequential pass recomputes every point's nearest centre and the per-cluster sums from
// scratch and compares them with what the tasks produced.
import { i32, i64, print, transaction } from "stmc";
import { StampRandom } from "./stamp_random";

const DIMS = 16;
/** Features lie in 0 .. RANGE - 1; squared distances stay below DIMS * RANGE^2 < 2^31. */
const RANGE = 4096;
/** The hidden centres the points are drawn around (STAMP's inputs have 16). */
const BLOBS = 16;
/** A point lies within SPREAD of its hidden centre in every dimension. */
const SPREAD = 700;
/** Points per task. */
const CHUNK = 16;
const MAX_ITERATIONS = 40;
const NO_CLUSTER = -1;

// Shared state of the run. Read by the tasks: points, centers, clusters, pointCount. Written:
// membership (each task its own points), sums and counts (the contended accumulators) and
// changed (one slot per task). Counters written by different tasks are i64, one per 8-byte STM
// stripe, so that neighbouring slots do not conflict.
let points: i32[] = [];
let centers: i32[] = [];
let membership: i32[] = [];
let sums: i64[] = [];
let counts: i64[] = [];
let changed: i64[] = [];
let clusters = 0;
let pointCount = 0;

function generate(count: i32, seed: i32): void {
  const random = new StampRandom(seed);
  const hidden: i32[] = [];
  for (let i = 0; i < BLOBS * DIMS; i++) hidden.push(SPREAD + random.below(RANGE - 2 * SPREAD));
  points = new Array<i32>(count * DIMS).fill(0);
  for (let p = 0; p < count; p++) {
    const blob = random.below(BLOBS);
    for (let d = 0; d < DIMS; d++) points[p * DIMS + d] = hidden[blob * DIMS + d] + random.below(2 * SPREAD + 1) - SPREAD;
  }
}

/** The index of the centre of `cs` nearest to point `p` of `pts` (the lowest index on ties). */
function nearest(pts: i32[], p: i32, cs: i32[], k: i32): i32 {
  let best = 0;
  let bestDistance = 0;
  for (let c = 0; c < k; c++) {
    let distance = 0;
    for (let d = 0; d < DIMS; d++) {
      const diff = pts[p * DIMS + d] - cs[c * DIMS + d];
      distance += diff * diff;
    }
    if (c === 0 || distance < bestDistance) {
      best = c;
      bestDistance = distance;
    }
  }
  return best;
}

/** Task: assigns points task * CHUNK .. + CHUNK - 1 and adds them into the accumulators. */
function assignChunk(task: i32): void {
  const k = clusters;
  const first = task * CHUNK;
  const end = Math.min(first + CHUNK, pointCount);
  // Local copies: the centres are read once per task, and the points of the chunk once.
  const cs = new Array<i32>(k * DIMS).fill(0);
  const shared = centers;
  for (let i = 0; i < k * DIMS; i++) cs[i] = shared[i];
  const pts = new Array<i32>((end - first) * DIMS).fill(0);
  const all = points;
  for (let i = 0; i < (end - first) * DIMS; i++) pts[i] = all[first * DIMS + i];
  const localSums = new Array<i64>(k * DIMS).fill(0);
  const localCounts = new Array<i32>(k).fill(0);
  let moved = 0;
  for (let p = first; p < end; p++) {
    const q = p - first;
    const c = nearest(pts, q, cs, k);
    if (membership[p] !== c) {
      membership[p] = c;
      moved++;
    }
    localCounts[c]++;
    for (let d = 0; d < DIMS; d++) localSums[c * DIMS + d] += pts[q * DIMS + d];
  }
  // Publish: the contended part, STAMP's update of new_centers.
  for (let c = 0; c < k; c++) {
    if (localCounts[c] === 0) continue;
    counts[c] += localCounts[c];
    for (let d = 0; d < DIMS; d++) sums[c * DIMS + d] += localSums[c * DIMS + d];
  }
  changed[task] = moved;
}

/** Clusters `count` points into `k` clusters; prints the iterations, sizes and checksums. */
export function runKmeans(k: i32, count: i32, seed: i32): void {
  clusters = k;
  pointCount = count;
  generate(count, seed);
  // STAMP starts from the first k points.
  centers = new Array<i32>(k * DIMS).fill(0);
  for (let i = 0; i < k * DIMS; i++) centers[i] = points[i];
  membership = new Array<i32>(count).fill(NO_CLUSTER);
  sums = new Array<i64>(k * DIMS).fill(0);
  counts = new Array<i64>(k).fill(0);
  const tasks = i32((count + CHUNK - 1) / CHUNK);
  changed = new Array<i64>(tasks).fill(0);
  const previous = new Array<i32>(k * DIMS).fill(0);
  let iterations = 0;
  let moved = 0;
  do {
    sums.fill(0);
    counts.fill(0);
    for (let t = 0; t < tasks; t++) transaction.add(assignChunk, t);
    transaction.run();
    iterations++;
    moved = 0;
    for (let t = 0; t < tasks; t++) moved += i32(changed[t]);
    let total: i64 = 0;
    for (let c = 0; c < k; c++) total += counts[c];
    if (total !== count) throw new Error("kmeans: the cluster sizes do not add up to the point count");
    // The next centres: the truncated means (an empty cluster keeps its centre).
    for (let i = 0; i < k * DIMS; i++) previous[i] = centers[i];
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) continue;
      for (let d = 0; d < DIMS; d++) centers[c * DIMS + d] = i32(sums[c * DIMS + d] / counts[c]);
    }
  } while (moved > 0 && iterations < MAX_ITERATIONS);
  verify(k, count, previous);

  let sizeChecksum: i64 = 0;
  let largest: i64 = 0;
  let empty = 0;
  for (let c = 0; c < k; c++) {
    sizeChecksum = (sizeChecksum * 31 + counts[c]) % 1000000007;
    if (counts[c] > largest) largest = counts[c];
    if (counts[c] === 0) empty++;
  }
  let centerChecksum: i64 = 0;
  for (let i = 0; i < k * DIMS; i++) centerChecksum = (centerChecksum * 131 + centers[i]) % 1000000007;
  let assignmentChecksum: i64 = 0;
  for (let p = 0; p < count; p++) assignmentChecksum = (assignmentChecksum * 7 + membership[p]) % 1000000007;
  print("kmeans:", count, "points", DIMS, "dims", k, "clusters:", iterations, "iterations, converged", moved === 0);
  print("cluster sizes: largest", largest, "empty", empty, "checksum", sizeChecksum);
  print("centers checksum", centerChecksum, "assignment checksum", assignmentChecksum);
}

/** Sequential recomputation of the last iteration (which used the centres `used`). */
function verify(k: i32, count: i32, used: i32[]): void {
  const expectedSums = new Array<i64>(k * DIMS).fill(0);
  const expectedCounts = new Array<i64>(k).fill(0);
  for (let p = 0; p < count; p++) {
    const c = nearest(points, p, used, k);
    if (membership[p] !== c) throw new Error("kmeans: a point is not assigned to its nearest centre");
    expectedCounts[c]++;
    for (let d = 0; d < DIMS; d++) expectedSums[c * DIMS + d] += points[p * DIMS + d];
  }
  for (let c = 0; c < k; c++) {
    if (counts[c] !== expectedCounts[c]) throw new Error("kmeans: a cluster size differs from the sequential recount");
    for (let d = 0; d < DIMS; d++) {
      if (sums[c * DIMS + d] !== expectedSums[c * DIMS + d]) throw new Error("kmeans: a cluster sum differs from the sequential recount");
    }
  }
}
