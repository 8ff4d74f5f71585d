// switch over integers: fallthrough, default anywhere, no default, break/continue/return inside.
import { i32, i64, print } from "stmc";

function name(day: i32): i32 {
  switch (day) {
    case 0:
      return 100;
    case 1:
    case 2:
    case 3:
      return 200;
    case 6:
      return 300;
    default:
      return -1;
  }
}

function fallthrough(n: i32): i32 {
  let r = 0;
  switch (n) {
    case 1:
      r += 1;
    case 2:
      r += 10;
    case 3:
      r += 100;
      break;
    case 4:
      r += 1000;
  }
  return r;
}

function defaultInMiddle(n: i32): i32 {
  let r = 0;
  switch (n) {
    case 1:
      r = 1;
      break;
    default:
      r = 50;
    case 2:
      r += 2;
      break;
    case -3:
      r = -3;
  }
  return r;
}

function sparse(n: i32): i32 {
  switch (n) {
    case -100:
      return 1;
    case 0:
      return 2;
    case 1000000:
      return 3;
    case 7: {
      const x = n * 2;
      return x;
    }
  }
  return 0;
}

export function main(): void {
  print("name", name(0), name(2), name(3), name(4), name(6), name(-1));
  print("fallthrough", fallthrough(1), fallthrough(2), fallthrough(3), fallthrough(4), fallthrough(5));
  print("default in middle", defaultInMiddle(1), defaultInMiddle(2), defaultInMiddle(-3), defaultInMiddle(9));
  print("sparse", sparse(-100), sparse(0), sparse(1000000), sparse(7), sparse(8));
  let evens = 0;
  let threes = 0;
  for (let i = 0; i < 30; i++) {
    switch (i % 6) {
      case 0:
        threes++;
      case 2:
      case 4:
        evens++;
        continue;
      case 3:
        threes++;
        break;
    }
  }
  print("loop", evens, threes);
  const big: i64 = 5000000000;
  switch (i32(big % 3)) {
    case 0:
      print("mod 0");
      break;
    case 1:
      print("mod 1");
      break;
    default:
      print("mod 2");
  }
  let nested = 0;
  for (let a = 0; a < 3; a++) {
    for (let b = 0; b < 3; b++) {
      switch (a) {
        case 0:
          switch (b) {
            case 0:
              nested += 1;
              break;
            default:
              nested += 10;
          }
          break;
        default:
          nested += 100;
      }
    }
  }
  print("nested", nested);
}
