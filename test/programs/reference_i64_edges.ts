// i64 is exact 64-bit two's complement arithmetic (the reference run keeps it in BigInts):
// values above 2^53, the edge values, wraparound, shifts (counts modulo 64) and bitwise operators
// on 64 bits, comparisons, conversions to and from i32 and f64, and i64 values in fields, arrays,
// parameters, results, module variables, switch and task arguments.
import { i32, i64, f64, print, transaction } from "stmc";

const MAX: i64 = 9223372036854775807;
const MIN: i64 = -9223372036854775808;
const BIG: i64 = 9007199254740993; // 2^53 + 1: not a double
let total: i64 = 0;

class Cell {
  value: i64;
  next: Cell | null = null;
  constructor(value: i64) {
    this.value = value;
  }
}

function fnv(bytes: i32[]): i64 {
  let h: i64 = -3750763034362895579;
  for (const b of bytes) h = (h ^ b) * 1099511628211;
  return h;
}

function addTo(x: i64, times: i32): void {
  for (let i = 0; i < times; i++) total += x;
}

function describe(x: i64): i32 {
  switch (x) {
    case 0: return 0;
    case -1: return 1;
    case 9223372036854775807: return 2;
    case -9223372036854775808: return 3;
    default: return 4;
  }
}

export function main(): void {
  const zero: i64 = 0;
  const minusOne: i64 = -1;
  print("edges", MAX, MIN, zero, minusOne, -MAX, MIN + 1, MAX - MIN, MIN - 1, MAX + 1);
  print("wrap", MAX * 2, MIN * -1, -MIN, MAX * MAX, MIN * MIN, minusOne * MIN, BIG * BIG);
  print("precise", BIG, BIG + 1, BIG - 2, BIG * 3, BIG + BIG, i64(BIG / 3), BIG % 1000);
  print("fnv", fnv([1, 2, 3]), fnv([255, 0, 127, -1]));

  const one: i64 = 1;
  print("shl", one << 40, one << 63, one << 64, one << 65, minusOne << 63, BIG << 11, one << -1);
  print("shr", MIN >> 1, MIN >> 63, MIN >> 64, minusOne >> 70, BIG >> 3, MAX >> 62);
  print("shr_u", MIN >>> 1, minusOne >>> 1, minusOne >>> 63, minusOne >>> 0, minusOne >>> 64, MIN >>> 65, BIG >>> 1);
  print("bits", MAX & MIN, MAX | MIN, MAX ^ MIN, ~MAX, ~MIN, ~zero, BIG & 0xffff, BIG | 1, BIG ^ BIG);
  let s: i64 = 3;
  const count: i32 = 62;
  s <<= count;
  print("shift by i32", s, s >> count, one << count, s >>> 1);

  print("compare", BIG > 9007199254740992, BIG === 9007199254740992, BIG !== BIG + 0, MIN < MAX, MAX > -1, minusOne < zero);
  print("to f64", f64(MAX), f64(MIN), f64(BIG), f64(-BIG), f64(minusOne), BIG / 2, MAX / MIN);
  print("from f64", i64(9007199254740992.0), i64(-1e18), i64(4611686018427387904.0), i64(-0.9), i64(2.5e-300));
  print("i32 <-> i64", i32(minusOne), i32(i64(2147483647)), i32(i64(-2147483648)), i64(-2147483647 - 1) * 2);
  print("division", i64(MIN / 2), i64(MAX / -1), i64(-7 / BIG), MIN % 10, MIN % -1, i64(BIG / -2), -BIG % 7);
  print("math", Math.abs(MIN), Math.abs(minusOne), Math.min(MAX, MIN, zero), Math.max(one, BIG, 3), Math.max(minusOne, 2));

  let n: i64 = MAX;
  n++;
  print("inc", n, n--, n, ++n, --n);
  const cells: Cell[] = [new Cell(MAX), new Cell(MIN), new Cell(BIG)];
  cells[0].value += 1;
  cells[1].value--;
  cells[2].value *= 1024;
  cells[0].next = cells[1];
  print("fields", cells[0].value, cells[1].value, cells[2].value, cells[0].next!.value, cells[2].value++, cells[2].value);
  const xs: i64[] = [MIN, MAX, BIG, 0];
  xs[0] -= 1;
  xs[3] = xs[1] + xs[2];
  xs.push(minusOne);
  const popped = xs.pop()!;
  print("arrays", xs[0], xs[3], popped, xs.length, new Array<i64>(2).fill(BIG)[1]);

  const flag = BIG > 0;
  const picked: i64 = flag ? 7 : BIG;
  const widened: i64 = flag ? count : BIG;
  print("conditional", picked, widened, describe(zero), describe(minusOne), describe(MAX), describe(MIN), describe(BIG));

  transaction.add(addTo, BIG, 3);
  transaction.add(addTo, MAX, 2);
  transaction.run();
  print("tasks", total);
}
