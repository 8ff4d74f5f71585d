// Operands are evaluated left to right, as TypeScript specifies, wherever a later operand
// assigns a local that an earlier one reads: print and call arguments, operators, array
// literals, constructor and method arguments, element stores; i32, i64, f64 and boolean locals.
import { i32, i64, f64, print } from "stmc";

class Triple {
  a: i32;
  b: i32;
  c: i32;
  constructor(a: i32, b: i32, c: i32) {
    this.a = a;
    this.b = b;
    this.c = c;
  }
  digits(x: i32, y: i32, z: i32): i32 {
    return x * 100 + y * 10 + z;
  }
}

function digits(x: i32, y: i32, z: i32): i32 {
  return x * 100 + y * 10 + z;
}

export function main(): void {
  let c = 2;
  print("a", c, c++, c);
  let x = 1;
  print(x, (x = 5), x);
  let y = 3;
  print(y, (y += 2), y);
  let q: i64 = 2;
  print(q, q++, q);
  let d: f64 = 0.5;
  print(d, (d *= 4), d);
  let b = false;
  print(b, (b = true), b);
  c = 2;
  print(digits(c, c++, c));
  c = 2;
  print(c + c++ * 10);
  c = 2;
  const literal = [c, c++, c];
  print(literal[0], literal[1], literal[2]);
  c = 2;
  const t = new Triple(c, c++, c);
  print(t.a, t.b, t.c);
  c = 2;
  print(t.digits(c, c++, c));
  c = 1;
  const slots = [0, 0, 0, 0];
  slots[c] = c++;
  print(slots[0], slots[1], slots[2], c);
  c = 0;
  print(c++ + c++ * 10 + c);
  // new Array(n) takes its length before .fill's value is evaluated.
  c = 2;
  const filled = new Array<i32>(c).fill(c--);
  print(filled.length, filled[1], c);
}
