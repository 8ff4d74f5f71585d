// Write skew: two values whose invariant is "not both odd". Each task reads both and makes one
// of them odd only if the other is even. Snapshot isolation would let two such tasks break the
// invariant; serializable transactions never do.
import { i32, print, transaction } from "stmc";

class Ref {
  value: i32 = 0;
}

const x = new Ref();
const y = new Ref();

function step(i: i32): void {
  const a = x.value;
  const b = y.value;
  if (a % 2 === 1 && b % 2 === 1) throw new Error("write skew: both odd");
  if (i % 2 === 0) {
    if (b % 2 === 0) x.value = a + 1;
  } else if (a % 2 === 0) {
    y.value = b + 1;
  }
}

export function main(): void {
  for (let i = 0; i < 3000; i++) transaction.add(step, i);
  transaction.run();
  const bothOdd = x.value % 2 === 1 && y.value % 2 === 1;
  print("both odd at the end:", bothOdd);
}
