// expect-only: a refused result type is reported once: the function's returns and calls are not reported again
// expect: 'i64' is stmc's type: import it @ 6
// expect: 'i64' is stmc's type: import it @ 6
import { print } from "stmc";

export function twice(x: i64): i64 {
  return x * 2;
}

export function main(): void {
  print("twice", twice(21));
  const y = twice(2) + 1;
  print(y);
}
