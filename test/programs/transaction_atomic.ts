// transaction.atomic from main and from tasks, using the enclosing function's locals;
// nested atomic blocks are flattened; output inside committed transactions appears once.
import { i32, print, transaction } from "stmc";

class Pair {
  a = 0;
  b = 0;
}

let shared = 0;
const pair = new Pair();

function transfer(amount: i32): void {
  transaction.atomic(() => {
    pair.a -= amount;
    pair.b += amount;
  });
}

function nestedTask(n: i32): void {
  let local = n;
  transaction.atomic(() => {
    local += 1;
    transaction.atomic(() => {
      shared += local;
    });
  });
}

export function main(): void {
  let x = 5;
  const values: i32[] = [1, 2, 3];
  transaction.atomic(() => {
    x += 10;
    values.push(x);
    shared = x * 2;
    print("inside atomic", x, shared);
  });
  print("after atomic", x, values.length, values[3], shared);
  pair.a = 1000;
  for (let i = 1; i <= 20; i++) transaction.add(transfer, i);
  transaction.run();
  print("pair", pair.a, pair.b, pair.a + pair.b);
  for (let i = 0; i < 10; i++) transaction.add(nestedTask, i);
  transaction.run();
  print("nested", shared);
  let count = 0;
  for (let i = 0; i < 5; i++) {
    transaction.atomic(() => {
      count += i;
    });
  }
  print("loop atomics", count);
}
