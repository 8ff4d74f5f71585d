// Mandelbrot: renders the region [-2.1, 0.7] x [-1.2, 1.2] of the Mandelbrot set into rows of
// i32 iteration counts (escape radius 2, at most MAX_ITER iterations). Every band of ROWS_PER_TASK
// rows is one task: it fills rows of its own and publishes them with one write at its end, so
// tasks never conflict. Checks: the image is symmetric about the real axis (row j equals row
// H-1-j exactly), and every SAMPLE_STEP-th row equals a sequential recomputation. Prints the
// number of points in the set, the sum of the counts and a position-dependent checksum.
// PyPy-STM's evaluation set has a Mandelbrot benchmark of this shape (rows as transactions).
import { i32, i64, f64, print, transaction } from "stmc";

const MAX_ITER = 1000;
const ROWS_PER_TASK = 4;
const SAMPLE_STEP = 16;
const X_MIN = -2.1;
const X_MAX = 0.7;
const Y_HALF = 1.2;

let width = 0;
let height = 0;
/** rows[j]: the counts of row j, filled by the task of its band. */
let rows: i32[][] = [];

/** The iteration count of the point c = cr + ci·i. */
function escape(cr: f64, ci: f64): i32 {
  let zr = 0.0;
  let zi = 0.0;
  let n = 0;
  while (n < MAX_ITER) {
    const zr2 = zr * zr;
    const zi2 = zi * zi;
    if (zr2 + zi2 > 4.0) break;
    zi = 2.0 * zr * zi + ci;
    zr = zr2 - zi2 + cr;
    n++;
  }
  return n;
}

/**
 * Row j's counts. The imaginary part is (2j - (H-1)) * step: rows j and H-1-j get exactly
 * opposite values, so their counts must match exactly.
 */
function renderRow(j: i32, w: i32, h: i32): i32[] {
  const row = new Array<i32>(w).fill(0);
  const dx = (X_MAX - X_MIN) / f64(w - 1);
  const ci = f64(2 * j - (h - 1)) * (Y_HALF / f64(h - 1));
  for (let i = 0; i < w; i++) row[i] = escape(X_MIN + f64(i) * dx, ci);
  return row;
}

/** Task: rows first .. first+count-1, computed into new arrays, published at the end. */
function renderBand(first: i32, count: i32, w: i32, h: i32): void {
  const band: i32[][] = [];
  for (let k = 0; k < count; k++) band.push(renderRow(first + k, w, h));
  for (let k = 0; k < count; k++) rows[first + k] = band[k];
}

function sizeParams(size: i32): void {
  if (size <= 0) {
    width = 640;
    height = 480;
  } else if (size === 1) {
    width = 1600;
    height = 1200;
  } else {
    width = 3200;
    height = 2400;
  }
}

export function run(size: i32): void {
  sizeParams(size);
  const w = width;
  const h = height;
  const empty: i32[] = [];
  rows = new Array<i32[]>(h).fill(empty);
  for (let first = 0; first < h; first += ROWS_PER_TASK) {
    transaction.add(renderBand, first, Math.min(ROWS_PER_TASK, h - first), w, h);
  }
  transaction.run();

  let inside = 0;
  let total: i64 = 0;
  let checksum: i64 = 0;
  for (let j = 0; j < h; j++) {
    const row = rows[j];
    if (row.length !== w) throw new Error("mandelbrot: a row was not rendered");
    const mirror = rows[h - 1 - j];
    for (let i = 0; i < w; i++) {
      const c = row[i];
      if (c < 0 || c > MAX_ITER) throw new Error("mandelbrot: iteration count out of range");
      if (c !== mirror[i]) throw new Error("mandelbrot: image not symmetric about the real axis");
      if (c === MAX_ITER) inside++;
      total += c;
      checksum = (checksum * 31 + c + 1) % 1000000007;
    }
  }
  for (let j = 0; j < h; j += SAMPLE_STEP) {
    const expected = renderRow(j, w, h);
    const row = rows[j];
    for (let i = 0; i < w; i++) {
      if (row[i] !== expected[i]) throw new Error("mandelbrot: row differs from the sequential recomputation");
    }
  }
  print("mandelbrot", w, "x", h, "max", MAX_ITER, "inside", inside, "total", total, "checksum", checksum);
}

export function main(): void {
  run(0);
}
