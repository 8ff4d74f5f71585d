// i32 arithmetic wraps on overflow as in wasm (the reference run computes the same): + - * and
// unary minus, ++/--, compound assignments on locals, fields, array elements and module
// variables, shifts (counts modulo 32), >>> read back as i32, Math.abs of the smallest i32,
// constants folded at compile time, and % / i32(a / b) with negative operands.
import { i32, f64, print } from "stmc";

const MAX: i32 = 2147483647;
const MIN: i32 = -2147483647 - 1;
const FOLDED = 2147483647 + 1; // folded by the compiler: wraps too
const FOLDED_MUL: i32 = 65536 * 65536 + 7;
let counter: i32 = MAX - 1;

class Acc {
  value: i32 = MAX;
  hits: i32 = 0;
  bump(by: i32): i32 {
    this.value += by;
    return this.value;
  }
}

function hash(values: i32[]): i32 {
  let h: i32 = -2128831035;
  for (const v of values) {
    h = (h ^ v) * 16777619;
  }
  return h;
}

function mix(h: i32, n: i32): i32 {
  for (let i = 0; i < n; i++) h = h * 73244475 + i * 31 - 7;
  return h;
}

export function main(): void {
  print("limits", MAX + 1, MIN - 1, MAX * 2, MIN * -1, -MIN, MAX * MAX, MIN * MIN);
  print("folded", FOLDED, FOLDED_MUL, MAX + MAX + MAX, MIN + MIN - 1);
  print("hash", hash([1, 2, 3, 4, 5]), hash([MAX, MIN, -1, 0]), mix(17, 100), mix(MAX, 1000));
  print("imul", 123456789 * 987654321, -123456789 * 987654321, 65535 * 65537, (MAX - 3) * 73244475 | 0);

  let i = MAX;
  i++;
  print("inc", i, i--, i, ++i, --i, i - 1 + 1);
  counter++;
  counter++;
  counter += 5;
  print("module", counter, counter * 3, -counter);

  const a = new Acc();
  print("field", a.bump(1), a.bump(MAX), a.bump(2), a.value++, a.value, ++a.hits, a.hits--, a.hits);
  a.value *= 1000003;
  a.value -= MIN;
  print("field compound", a.value);

  const xs: i32[] = [MAX, MIN, 0, -1];
  xs[0] += 1;
  xs[1] -= 1;
  xs[2] -= MIN;
  xs[3] *= MIN;
  print("elements", xs[0], xs[1], xs[2], xs[3], xs[0]++, xs[0], --xs[1], xs[1]);
  let k = 0;
  xs[k++] += 10;
  xs[k++] <<= 31;
  print("element places", xs[0], xs[1], k);

  print("shifts", 1 << 31, 1 << 32, 1 << 33, -1 >> 31, -1 >> 33, MIN >> 1, MAX << 1, 5 << -1);
  print("logical", -1 >>> 0, -1 >>> 1, -16 >>> 2, MIN >>> 31, 12345 >>> 32, MIN >>> 0);
  let u: i32 = -1;
  u >>>= 4;
  print("logical compound", u, ~u, ~MIN, ~MAX);
  print("abs", Math.abs(MIN), Math.abs(-5), Math.abs(MAX), Math.max(MIN, MAX), Math.min(MIN, -MIN));
  print("division", i32(-7 / 2), i32(7 / -2), i32(MIN / 2), i32(MAX / -1), i32(MIN / 1), -7 % 2, 7 % -2, MIN % -1, MIN % 7);
  print("as f64", MAX + 1 + 0.5, f64(MIN) - 1, f64(MAX * 2), (MAX + 1) / 2, MIN / -1);
  let z = 0;
  print("negative zero", -z, f64(-z), 1 / f64(-z), 1 / -z, 0 * -1, -0, i32(-0.5));
}
