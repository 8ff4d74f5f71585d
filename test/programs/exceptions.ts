import { i32, print, transaction } from "stmc";

class ParseError extends Error {
  constructor(message: string, readonly at: i32) {
    super(message);
  }
}

function parseDigit(s: string, i: i32): i32 {
  const c = s.charCodeAt(i);
  if (c < 48 || c > 57) throw new ParseError(`not a digit: ${s.charAt(i)}`, i);
  return c - 48;
}

function sumDigits(s: string): i32 {
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    try {
      sum += parseDigit(s, i);
    } catch (e) {
      if (e instanceof ParseError) print("skip", e.at, e.message);
      else throw e;
    } finally {
      sum += 0;
    }
  }
  return sum;
}

let log = "";
function withFinally(n: i32): i32 {
  try {
    if (n > 2) return n * 10;
    for (let i = 0; i < 3; i++) {
      try {
        if (i === n) break;
        log += `i${i}`;
      } finally {
        log += "f";
      }
    }
    return n;
  } finally {
    log += "F";
  }
}

let shared = 0;
function task(i: i32): void {
  try {
    if (i % 3 === 0) throw new Error("task " + i);
    shared += i;
  } catch (e) {
    shared += 1000;
  }
}

export function main(): void {
  print(sumDigits("12a3b"));
  print(withFinally(1), withFinally(5), log);
  try {
    throw new Error("plain");
  } catch (e) {
    print((e as Error).message, e instanceof Error, e instanceof ParseError);
  }
  let count = 0;
  try {
    transaction.atomic(() => {
      count++;
      throw new Error("from atomic");
    });
  } catch (e) {
    print("caught", (e as Error).message, count);
  }
  for (let i = 0; i < 9; i++) transaction.add(task, i);
  transaction.run();
  print("shared", shared);
}
