// K-means, low contention (STAMP kmeans-low: many clusters): 40 clusters, so two tasks seldom
// add into the same cluster accumulators at the same time. The algorithm, its checks and the
// mapping to STAMP are described in lib/kmeans.ts.
import { i32 } from "stmc";
import { runKmeans } from "./lib/kmeans";

const CLUSTERS = 40;
const POINTS: i32[] = [2048, 8192, 32768];

export function run(size: i32): void {
  runKmeans(CLUSTERS, POINTS[size], 1234);
}

export function main(): void {
  run(0);
}
