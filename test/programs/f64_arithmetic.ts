// f64 arithmetic, i32 -> f64 widening and integer division producing f64.
import { i32, f64, print } from "stmc";

function average(values: f64[]): f64 {
  let sum: f64 = 0;
  for (const v of values) {
    sum += v;
  }
  return sum / values.length;
}

function hypot(a: f64, b: f64): f64 {
  return Math.sqrt(a * a + b * b);
}

export function main(): void {
  const a: f64 = 1.5;
  const b: f64 = 0.25;
  print("ops", a + b, a - b, a * b, a / b, -a);
  const n: i32 = 7;
  const m: i32 = 2;
  print("i32 division is f64", n / m, m / n, n / 7);
  const widened: f64 = n;
  print("widened", widened, widened / 2, n * a);
  print("average", average([1, 2, 3, 4]), average([0.5, 0.25]));
  print("hypot", hypot(3, 4), hypot(1, 1));
  let x: f64 = 1;
  for (let i = 0; i < 10; i++) {
    x = x * 1.1;
  }
  print("compound growth", x);
  let y: f64 = 100;
  y /= 8;
  y -= 0.5;
  y *= 3;
  y += 0.125;
  print("compound", y);
  // Newton iteration for sqrt(2)
  let r: f64 = 1;
  for (let i = 0; i < 6; i++) {
    r = (r + 2 / r) / 2;
  }
  print("newton", r, r === Math.sqrt(2));
  print("compare", a > b, a < b, a >= 1.5, b <= 0.25, a === 1.5, b !== 0.25);
  let harmonic: f64 = 0;
  for (let k = 1; k <= 100; k++) {
    harmonic += 1 / k;
  }
  print("harmonic", harmonic);
}
