// if / else if / else, while, do-while, nested conditions and early exits.
import { i32, print } from "stmc";

function classify(n: i32): i32 {
  if (n < 0) {
    return -1;
  } else if (n === 0) {
    return 0;
  } else if (n < 10) {
    return 1;
  } else {
    return 2;
  }
}

function collatzSteps(start: i32): i32 {
  let n = start;
  let steps = 0;
  while (n !== 1) {
    if (n % 2 === 0) n = i32(n / 2);
    else n = 3 * n + 1;
    steps++;
  }
  return steps;
}

function digits(n: i32): i32 {
  let count = 0;
  do {
    count++;
    n = i32(n / 10);
  } while (n > 0);
  return count;
}

export function main(): void {
  print("classify", classify(-5), classify(0), classify(7), classify(12));
  print("collatz", collatzSteps(1), collatzSteps(7), collatzSteps(27), collatzSteps(97));
  print("digits", digits(0), digits(9), digits(10), digits(123456));
  let x = 0;
  do {
    x += 100;
  } while (x < 0);
  print("do-while runs once", x);
  let i = 0;
  let evens = 0;
  while (true) {
    i++;
    if (i > 20) break;
    if (i % 2 === 1) continue;
    evens += i;
  }
  print("evens", evens, i);
  let j = 10;
  while (j > 0) j -= 3;
  print("j", j);
  let a = 3;
  let b = 4;
  if (a > b) print("a bigger");
  else if (a === b) print("equal");
  else print("b bigger");
  if (a < b) {
    if (b > 10) {
      print("never");
    } else {
      print("nested else");
    }
  }
  if (a === 3) print("no braces");
  let steps = 0;
  let n = 1000;
  do n = i32(n / 3); while (n > 1 && ++steps < 100);
  print("do without braces", n, steps);
}
