import { i32, print, transaction } from "stmc";
let log = "";
function f(n: i32): i32 {
  try {
    if (n === 0) throw new Error("zero");
    return 10 / n > 3 ? 1 : 2;
  } catch (e) {
    log += "c";
    return -1;
  } finally {
    log += "f";
  }
}
function g(): i32 {
  let total = 0;
  outer: for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      try {
        try {
          if (j === 1) continue;
          if (j === 2) continue outer;
          if (i === 3) break outer;
          total += i * 10 + j;
        } finally {
          total += 1000;
        }
      } catch {
        total = -1;
      }
    }
  }
  return total;
}
function h(a: i32[]): i32 {
  try {
    return a[5];
  } catch {
    try {
      return a[6];
    } catch (e) {
      if (e instanceof Error) return e.message.length;
      return 0;
    }
  } finally {
    print("h finally");
  }
}
class Box { v: i32 = 0; }
let counter = 0;
function atomicThrow(): void {
  const b = new Box();
  try {
    transaction.atomic(() => {
      counter++;
      b.v = 5;
      // What the block printed stays too: it commits, then the error goes on.
      print("inside the atomic block");
      const arr: i32[] = [];
      arr.pop();
    });
  } catch (e) {
    print("atomic", (e as Error).message, counter, b.v);
  }
}
export function main(): void {
  print(f(0), f(1), f(5), log);
  print(g());
  print(h([1, 2]));
  atomicThrow();
  let s = "";
  for (let i = 0; i < 300; i++) {
    try {
      const parts: string[] = [];
      for (let k = 0; k < 50; k++) parts.push(`p${k}`);
      s = parts.join(",");
      if (i % 7 === 0) throw new Error(s.substring(0, 5));
    } catch (e) {
      s = (e as Error).message;
    }
  }
  print(s);
}
