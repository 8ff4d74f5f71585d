// Bitwise operators on i32: & | ^ ~ << >> >>> and their compound forms.
import { i32, print } from "stmc";

function popcount(x: i32): i32 {
  let n = 0;
  while (x !== 0) {
    n += x & 1;
    x = x >>> 1;
  }
  return n;
}

function reverseBits(x: i32): i32 {
  let r = 0;
  for (let i = 0; i < 32; i++) {
    r = (r << 1) | (x & 1);
    x = x >>> 1;
  }
  return r;
}

export function main(): void {
  const a = 0x5a5a;
  const b = 0x0ff0;
  print("and or xor", a & b, a | b, a ^ b);
  print("not", ~a, ~0, ~-1);
  print("shl", 1 << 4, 1 << 30, 1 << 31, 3 << 30, -1 << 3);
  print("sar", 256 >> 4, -256 >> 4, -1 >> 31, 2147483647 >> 30);
  print("shr", 256 >>> 4, -256 >>> 4, -1 >>> 1, -1 >>> 31, -16 >>> 28);
  print("shift count masked", 1 << 33, 256 >> 36);
  print("popcount", popcount(0), popcount(255), popcount(-1), popcount(-2147483648));
  print("reverse", reverseBits(1), reverseBits(6), reverseBits(-2147483648));
  let x = 0xff;
  x &= 0x3c;
  print("&=", x);
  x |= 0x100;
  print("|=", x);
  x ^= 0x1ff;
  print("^=", x);
  x <<= 3;
  print("<<=", x);
  x >>= 2;
  print(">>=", x);
  let y = -64;
  y >>>= 26;
  print(">>>=", y);
  let hash = 5381;
  for (let i = 0; i < 20; i++) {
    hash = ((hash << 5) ^ (hash >>> 2) ^ i) & 0x7fffffff;
  }
  print("hash", hash);
  print("mask", (0x12345678 >> 8) & 0xff, (0x12345678 >>> 24) & 0xff, 0x12345678 & -0x100);
}
