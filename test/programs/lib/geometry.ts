// Helper module: a class, functions and constants used by other files.
import { i32, f64 } from "stmc";

export const UNIT: f64 = 1;

export class Vec {
  x: f64;
  y: f64;
  constructor(x: f64, y: f64) {
    this.x = x;
    this.y = y;
  }
  plus(o: Vec): Vec {
    return new Vec(this.x + o.x, this.y + o.y);
  }
  dot(o: Vec): f64 {
    return this.x * o.x + this.y * o.y;
  }
}

export function polygonArea(xs: f64[], ys: f64[]): f64 {
  let s: f64 = 0;
  const n = xs.length;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    s += xs[i] * ys[j] - xs[j] * ys[i];
  }
  return Math.abs(s) / 2;
}

export function manhattan(a: Vec, b: Vec): i32 {
  return i32(Math.abs(a.x - b.x) + Math.abs(a.y - b.y));
}
