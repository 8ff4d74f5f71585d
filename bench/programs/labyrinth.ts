// Labyrinth (STAMP): Lee's maze routing of many source/destination pairs on a 3-D grid of i32
// cells (0 free, -1 wall, p + 1 taken by pair p: its two endpoints from the start, its path once
// routed). Each route is a breadth-first expansion from the source over the grid, with the
// distances in a private array, and a traceback from the destination; then the path's cells are
// claimed in the same transaction, which reads and writes each of them (STAMP's addPath). Paths
// of different pairs cross, so the claims conflict.
// Which pairs get routed must not depend on the order the tasks commit in, so the routing goes in
// rounds with priorities (deterministic reservations) instead of STAMP's first-come claims:
//   1. every pending pair routes on the grid as it was at the start of the round (nothing writes
//      the grid meanwhile) and claims each cell of its path in a shared claim array, keeping the
//      larger of the cell's claim and its own key (this round, then the lower pair index first);
//   2. a pair that holds the claim on every cell of its path writes the path into the grid; the
//      others route again in the next round, around the paths committed so far.
// The pending pair of lowest index always wins, so every round commits a path; a pair with no
// route on its round's grid has none later either (the grid only fills up) and fails. The result
// is the same as one thread running the same rounds, whatever the interleaving.
// Check: every routed path goes from its source to its destination through adjacent cells, the
// grid holds exactly the routed paths' cells (so they are disjoint), and every pair that failed
// has no route on the final grid. Prints the counts, rounds and total path length.
import { i32, i64, print, transaction } from "stmc";
import { StampRandom } from "./lib/stamp_random";

const EMPTY = 0;
const WALL = -1;
/** A claim key is round * KEY_SPAN + (KEY_SPAN - 1 - pair): pairs must be fewer than KEY_SPAN. */
const KEY_SPAN = 65536;

class Pair {
  readonly id: i32;
  readonly source: i32;
  readonly destination: i32;
  /** The route found in the current round (cells from source to destination), or null. */
  path: i32[] | null = null;
  routed = false;
  failed = false;

  constructor(id: i32, source: i32, destination: i32) {
    this.id = id;
    this.source = source;
    this.destination = destination;
  }
}

class Maze {
  readonly width: i32;
  readonly height: i32;
  readonly depth: i32;
  readonly cells: i32;
  readonly grid: i32[];
  readonly claims: i32[];
  readonly pairs: Pair[] = [];

  constructor(width: i32, height: i32, depth: i32) {
    this.width = width;
    this.height = height;
    this.depth = depth;
    this.cells = width * height * depth;
    this.grid = new Array<i32>(this.cells).fill(EMPTY);
    this.claims = new Array<i32>(this.cells).fill(0);
  }
}

/** Walls: random straight segments in every layer; then pairs on distinct free cells. */
function generate(maze: Maze, numPairs: i32, seed: i64): void {
  const rng = new StampRandom(seed);
  const w = maze.width;
  const h = maze.height;
  const segments = i32((w * h) / 100);
  for (let z = 0; z < maze.depth; z++) {
    for (let s = 0; s < segments; s++) {
      let x = rng.below(w);
      let y = rng.below(h);
      const length = 2 + rng.below(7);
      const horizontal = rng.below(2) === 0;
      for (let i = 0; i < length && x < w && y < h; i++) {
        maze.grid[(z * h + y) * w + x] = WALL;
        if (horizontal) x++;
        else y++;
      }
    }
  }
  for (let p = 0; p < numPairs; p++) {
    let source = rng.below(maze.cells);
    while (maze.grid[source] !== EMPTY) source = rng.below(maze.cells);
    maze.grid[source] = p + 1;
    let destination = rng.below(maze.cells);
    while (maze.grid[destination] !== EMPTY) destination = rng.below(maze.cells);
    maze.grid[destination] = p + 1;
    maze.pairs.push(new Pair(p, source, destination));
  }
}

/**
 * Lee's algorithm: a breadth-first expansion from the pair's source over the cells that are free
 * (or the pair's own), then a traceback from the destination along decreasing distances. Each
 * grid cell is read at most once: its distance, or BLOCKED, is recorded in the private array.
 * Returns the path, source first, or null if the destination cannot be reached.
 */
function route(maze: Maze, pair: Pair): i32[] | null {
  const UNSEEN = -1;
  const BLOCKED = -2;
  const w = maze.width;
  const plane = w * maze.height;
  const own = pair.id + 1;
  const distance = new Array<i32>(maze.cells).fill(UNSEEN);
  const queue = new Array<i32>(maze.cells).fill(0);
  const target = pair.destination;
  let head = 0;
  let tail = 0;
  distance[pair.source] = 0;
  queue[tail++] = pair.source;
  let found = false;
  while (head < tail && !found) {
    const c = queue[head++];
    const d = distance[c] + 1;
    const x = c % w;
    const y = i32((c % plane) / w);
    const z = i32(c / plane);
    for (let k = 0; k < 6; k++) {
      let n = -1;
      if (k === 0 && x + 1 < w) n = c + 1;
      else if (k === 1 && x > 0) n = c - 1;
      else if (k === 2 && y + 1 < maze.height) n = c + w;
      else if (k === 3 && y > 0) n = c - w;
      else if (k === 4 && z + 1 < maze.depth) n = c + plane;
      else if (k === 5 && z > 0) n = c - plane;
      if (n < 0 || distance[n] !== UNSEEN) continue;
      const cell = maze.grid[n];
      if (cell !== EMPTY && cell !== own) {
        distance[n] = BLOCKED;
        continue;
      }
      distance[n] = d;
      if (n === target) {
        found = true;
        break;
      }
      queue[tail++] = n;
    }
  }
  if (!found) return null;
  // Traceback: from the destination, always to a neighbour one step closer (first in k order).
  const length = distance[target] + 1;
  const path = new Array<i32>(length).fill(0);
  let c = target;
  for (let step = length - 1; step > 0; step--) {
    path[step] = c;
    const x = c % w;
    const y = i32((c % plane) / w);
    const z = i32(c / plane);
    const want = step - 1;
    if (x + 1 < w && distance[c + 1] === want) c = c + 1;
    else if (x > 0 && distance[c - 1] === want) c = c - 1;
    else if (y + 1 < maze.height && distance[c + w] === want) c = c + w;
    else if (y > 0 && distance[c - w] === want) c = c - w;
    else if (z + 1 < maze.depth && distance[c + plane] === want) c = c + plane;
    else if (z > 0 && distance[c - plane] === want) c = c - plane;
    else throw new Error("labyrinth: traceback lost its way");
  }
  path[0] = c;
  if (c !== pair.source) throw new Error("labyrinth: traceback did not end at the source");
  return path;
}

// ---- tasks ------------------------------------------------------------------------------------

/** Round step 1: route on this round's grid, then claim the path's cells. */
function routeAndClaim(maze: Maze, pair: Pair, key: i32): void {
  const path = route(maze, pair);
  pair.path = path;
  if (path === null) {
    pair.failed = true;
    return;
  }
  // The endpoints are the pair's own from the start: only the cells between are claimed.
  for (let i = 1; i < path.length - 1; i++) {
    const c = path[i];
    if (maze.claims[c] < key) maze.claims[c] = key;
  }
}

/** Round step 2: a pair that holds every claim on its path takes the cells. */
function commitIfWon(maze: Maze, pair: Pair, key: i32): void {
  const path = pair.path;
  if (path === null) return;
  for (let i = 1; i < path.length - 1; i++) if (maze.claims[path[i]] !== key) return;
  const own = pair.id + 1;
  for (let i = 1; i < path.length - 1; i++) {
    const c = path[i];
    if (maze.grid[c] !== EMPTY) throw new Error("labyrinth: a won cell was already taken");
    maze.grid[c] = own;
  }
  pair.routed = true;
}

// ---- checks -----------------------------------------------------------------------------------

function adjacent(maze: Maze, a: i32, b: i32): boolean {
  const w = maze.width;
  const plane = w * maze.height;
  const dx = Math.abs((a % w) - (b % w));
  const dy = Math.abs(i32((a % plane) / w) - i32((b % plane) / w));
  const dz = Math.abs(i32(a / plane) - i32(b / plane));
  return dx + dy + dz === 1;
}

function check(maze: Maze): i32 {
  const numPairs = maze.pairs.length;
  const owned = new Array<i32>(numPairs).fill(0);
  for (let c = 0; c < maze.cells; c++) {
    const v = maze.grid[c];
    if (v > 0) owned[v - 1]++;
  }
  let totalLength = 0;
  for (const pair of maze.pairs) {
    if (pair.routed === pair.failed) throw new Error("labyrinth: a pair is neither routed nor failed");
    if (pair.failed) {
      if (owned[pair.id] !== 2) throw new Error("labyrinth: a failed pair owns cells");
      if (route(maze, pair) !== null) throw new Error("labyrinth: a failed pair has a route on the final grid");
      continue;
    }
    const path = pair.path;
    if (path === null) throw new Error("labyrinth: a routed pair has no path");
    if (path[0] !== pair.source || path[path.length - 1] !== pair.destination) throw new Error("labyrinth: a path does not join its endpoints");
    for (let i = 0; i < path.length; i++) {
      if (maze.grid[path[i]] !== pair.id + 1) throw new Error("labyrinth: a path cell is not its pair's");
      if (i > 0 && !adjacent(maze, path[i - 1], path[i])) throw new Error("labyrinth: a path is not connected");
    }
    // The grid holds nothing of the pair but its path: paths are disjoint and simple.
    if (owned[pair.id] !== path.length) throw new Error("labyrinth: a pair owns cells off its path");
    totalLength += path.length - 1;
  }
  return totalLength;
}

export function run(size: i32): void {
  const width = size === 0 ? 56 : size === 1 ? 96 : 112;
  const depth = size === 0 ? 3 : size === 1 ? 4 : 5;
  const numPairs = size === 0 ? 56 : size === 1 ? 120 : 180;
  if (numPairs >= KEY_SPAN) throw new Error("labyrinth: too many pairs for the claim keys");
  const maze = new Maze(width, width, depth);
  generate(maze, numPairs, 3);

  let rounds = 0;
  let pending: Pair[] = maze.pairs;
  while (pending.length > 0) {
    rounds++;
    if (rounds >= i32(2147483647 / KEY_SPAN)) throw new Error("labyrinth: too many rounds");
    for (const pair of pending) transaction.add(routeAndClaim, maze, pair, rounds * KEY_SPAN + (KEY_SPAN - 1 - pair.id));
    transaction.run();
    for (const pair of pending) transaction.add(commitIfWon, maze, pair, rounds * KEY_SPAN + (KEY_SPAN - 1 - pair.id));
    transaction.run();
    const next: Pair[] = [];
    for (const pair of pending) if (!pair.routed && !pair.failed) next.push(pair);
    if (next.length === pending.length) throw new Error("labyrinth: a round routed nothing");
    pending = next;
  }

  const totalLength = check(maze);
  let routed = 0;
  for (const pair of maze.pairs) if (pair.routed) routed++;
  print("labyrinth:", width, "x", width, "x", maze.depth, "grid,", numPairs, "pairs");
  print("routed", routed, "failed", numPairs - routed, "rounds", rounds, "total path length", totalLength);
}

export function main(): void {
  run(0);
}
