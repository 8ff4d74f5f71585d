// i32 arithmetic: + - * unary minus, truncating division with i32(a / b), remainder, precedence.
import { i32, print } from "stmc";

function divmod(a: i32, b: i32): void {
  print(a, "/", b, "=", i32(a / b), "rem", a % b, "exact", a / b);
}

export function main(): void {
  const a = 17;
  const b = 5;
  print("add", a + b, "sub", a - b, "mul", a * b, "neg", -a);
  divmod(17, 5);
  divmod(-17, 5);
  divmod(17, -5);
  divmod(-17, -5);
  divmod(0, 3);
  divmod(2147483647, 2);
  divmod(-2147483648, 2);
  divmod(7, 7);
  print("precedence", 2 + 3 * 4, (2 + 3) * 4, 10 - 4 - 3, 100 % 7 % 3, -2 * -3);
  const max: i32 = 2147483647;
  const min: i32 = -2147483648;
  print("limits", max, min, max - 1, min + 1, max + min);
  let x = 1;
  for (let i = 0; i < 30; i++) {
    x = x * 2;
  }
  print("2^30", x, "2^31-1", x - 1 + x);
  let sum = 0;
  for (let i = 1; i <= 1000; i++) {
    sum += i * i % 97;
  }
  print("sum", sum);
  print("compare", a < b, a <= 17, a > b, a >= 18, a === 17, a !== 17, a == 17, a != 17);
}
