// Arrays of arrays: matrices, jagged arrays, building rows with push.
import { i32, f64, print } from "stmc";

function identity(n: i32): f64[][] {
  const m: f64[][] = [];
  for (let i = 0; i < n; i++) {
    const row = new Array<f64>(n).fill(0);
    row[i] = 1;
    m.push(row);
  }
  return m;
}

function multiply(a: f64[][], b: f64[][]): f64[][] {
  const n = a.length;
  const k = b.length;
  const p = b[0].length;
  const c: f64[][] = [];
  for (let i = 0; i < n; i++) {
    const row = new Array<f64>(p).fill(0);
    for (let j = 0; j < p; j++) {
      let s: f64 = 0;
      for (let t = 0; t < k; t++) s += a[i][t] * b[t][j];
      row[j] = s;
    }
    c.push(row);
  }
  return c;
}

function pascal(rows: i32): i32[][] {
  const tri: i32[][] = [[1]];
  for (let r = 1; r < rows; r++) {
    const prev = tri[r - 1];
    const row: i32[] = [1];
    for (let i = 1; i < r; i++) row.push(prev[i - 1] + prev[i]);
    row.push(1);
    tri.push(row);
  }
  return tri;
}

export function main(): void {
  const a: f64[][] = [
    [1, 2],
    [3, 4],
    [5, 6],
  ];
  const b: f64[][] = [
    [0.5, -1, 2],
    [1, 0, 0.25],
  ];
  const c = multiply(a, b);
  for (const row of c) print("row", row.length, row[0], row[1], row[2]);
  const i3 = identity(3);
  const same = multiply(c, i3);
  print("identity", same[2][0], same[2][1], same[2][2], same.length);
  const tri = pascal(12);
  print("pascal", tri.length, tri[11].length, tri[11][5], tri[6][3]);
  let total = 0;
  for (const row of tri) for (const x of row) total += x;
  print("pascal sum", total);
  const grid: i32[][] = [];
  for (let y = 0; y < 5; y++) grid.push(new Array<i32>(5).fill(y));
  grid[2][3] = 42;
  grid[4][4] += 100;
  grid[0][0]++;
  let gs = 0;
  for (let y = 0; y < grid.length; y++) for (let x = 0; x < grid[y].length; x++) gs += grid[y][x];
  print("grid", gs, grid[2][3], grid[4][4], grid[0][0]);
  const jagged: i32[][] = [[], [1], [1, 2], [1, 2, 3]];
  jagged[0].push(9);
  print("jagged", jagged[0][0], jagged[3].length, jagged[3][2]);
  const cube: i32[][][] = [[[1, 2], [3]], [[4, 5, 6]]];
  print("cube", cube.length, cube[0][1][0], cube[1][0][2]);
  const last = tri.pop()!;
  print("popped row", last.length, tri.length);
}
