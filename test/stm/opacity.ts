// Opacity: writers keep a.value + b.value == 0; readers index an array with the sum and spin
// until the sum is 0. A reader that ever saw a mix of two committed states would index out of
// bounds (a runtime error) or loop forever; with opacity it never does.
import { i32, print, transaction } from "stmc";

class Pair {
  a: i32 = 0;
  b: i32 = 0;
}

const pair = new Pair();
const slots: i32[] = [7];
let reads = 0;

function write(k: i32): void {
  pair.a += k;
  pair.b -= k;
}

function read(): void {
  const sum = pair.a + pair.b;
  const seen = slots[sum];
  while (pair.a + pair.b !== 0) {}
  if (seen === 7) reads++;
}

export function main(): void {
  for (let i = 0; i < 3000; i++) {
    transaction.add(write, (i % 9) + 1);
    transaction.add(read);
  }
  transaction.run();
  print("reads", reads, "sum", pair.a + pair.b);
}
