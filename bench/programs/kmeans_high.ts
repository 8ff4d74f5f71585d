// K-means, high contention (STAMP kmeans-high: few clusters): 5 clusters, so nearly every task
// adds into the same few cluster accumulators as the others. The algorithm, its checks and the
// mapping to STAMP are described in lib/kmeans.ts.
import { i32 } from "stmc";
import { runKmeans } from "./lib/kmeans";

const CLUSTERS = 5;
const POINTS: i32[] = [4096, 32768, 131072];

export function run(size: i32): void {
  runKmeans(CLUSTERS, POINTS[size], 4321);
}

export function main(): void {
  run(0);
}
