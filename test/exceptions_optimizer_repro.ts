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

export function main(): void {
  print(sumDigits("12a3b"));
}
