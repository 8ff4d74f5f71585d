// Found by the fuzzer (seed 20261214): an optional chain whose number is widened by its context.
// `(a?.n ?? -1) & 255` where an i64 is wanted: the chain is undefined when `a` is null (the
// reference run widened that undefined to a BigInt and failed); and where an f64 is wanted
// (`f -= ... & ...`), the bitwise operands stay integers (the checker took the f64 hint for them).
import { i32, i64, f64, print } from "stmc";

class A {
  s(n: i32): string {
    return "ab".repeat(n);
  }
}

export function main(): void {
  const g = 3;
  const v: i64 = ((((false) ? new A() : null)?.s(g).length ?? -1) & 255) | 0;
  const w: i64 = ((((true) ? new A() : null)?.s(g).length ?? -1) & 255) | 0;
  let f: f64 = 10.5;
  let k = 0;
  f -= k + ((((false) ? new A() : null)?.s(k).length ?? -1) & (k += 4));
  print(v, w, f, k);
}
