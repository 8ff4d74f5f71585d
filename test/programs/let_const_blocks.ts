// let/const (several per statement), type inference from initialisers, blocks and shadowing.
import { i32, i64, f64, print, transaction } from "stmc";

export function main(): void {
  let a = 1, b = 2, c = 3;
  const d = 4, e: f64 = 0.5;
  let f: i64 = 10, g: i64 = f * 2;
  print("multi", a, b, c, d, e, f, g);
  a = b + c;
  b = a * d;
  print("assigned", a, b);
  const x = 10;
  {
    const x = 20;
    let y = x + 1;
    {
      let y = 100;
      y += x;
      print("inner", x, y);
    }
    print("middle", x, y);
  }
  print("outer", x);
  let total = 0;
  for (let i = 0; i < 3; i++) {
    const sq = i * i;
    let acc = sq;
    acc += 1;
    total += acc;
  }
  print("loop scoped", total);
  let inferred = 1.25;
  inferred *= 2;
  let counter = 0;
  counter += 5;
  print("inferred", inferred, counter);
  let late: i32;
  if (a > 0) {
    late = 1;
  } else {
    late = 2;
  }
  print("late init", late);
  let h: i32 = 7, k = h * 2, m = k + h;
  print("chained", h, k, m);
  {
    let h = 0.5;
    h += 1;
    print("shadow with another type", h);
  }
  print("h", h);
  // A declaration without an initialiser starts at zero every time it runs, in a loop too.
  for (let i = 0; i < 3; i++) {
    let fresh!: i32;
    let flag!: boolean;
    print("fresh each iteration", fresh, flag);
    fresh = i + 5;
    flag = true;
    let seen: i32;
    transaction.atomic(() => {
      print("read in an atomic block before assignment", seen);
      seen = i;
    });
  }
}
