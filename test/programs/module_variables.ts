// Module-level let and const: initialised once, in order, before main; shared by functions.
import { i32, i64, f64, print } from "stmc";

const SIZE = 8;
const HALF = SIZE / 2;
const SQUARES: i32[] = makeSquares(SIZE);
let counter = 0;
let total: i64 = 0;
let scale: f64 = 1.5;
let lastName = -1;
const LIMIT: i64 = 10000000000;
let registry: Registry | null = null;

function makeSquares(n: i32): i32[] {
  const out = new Array<i32>(n).fill(0);
  for (let i = 0; i < n; i++) out[i] = i * i;
  return out;
}

class Registry {
  names: i32[] = [];
  register(name: i32): i32 {
    this.names.push(name);
    lastName = name;
    return this.names.length;
  }
}

function getRegistry(): Registry {
  let r = registry;
  if (r === null) {
    r = new Registry();
    registry = r;
  }
  return r;
}

function tick(): i32 {
  counter++;
  return counter;
}

function accumulate(x: i32): void {
  total += x;
  if (total > LIMIT) total = LIMIT;
}

export function main(): void {
  print("consts", SIZE, HALF, SQUARES.length, SQUARES[7], LIMIT);
  print("initial", counter, total, scale, lastName, registry === null);
  tick();
  tick();
  print("ticks", tick(), counter);
  for (let i = 0; i < SQUARES.length; i++) accumulate(SQUARES[i]);
  print("total", total);
  accumulate(2000000000);
  for (let i = 0; i < 10; i++) accumulate(1000000000);
  print("capped", total);
  scale *= 2;
  print("scale", scale);
  print("register", getRegistry().register(5), getRegistry().register(9), lastName);
  print("registry", registry !== null, getRegistry().names.length);
  SQUARES[0] = 99;
  print("shared array", makeSquares(1)[0], SQUARES[0]);
}
