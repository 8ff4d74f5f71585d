// expect: async @ 4
import { i32, print } from "stmc";

async function later(): Promise<i32> {
  return 1;
}

export function main(): void {
  later();
  print("x");
}
