// expect: accessor @ 6
import { i32, print } from "stmc";

class Temperature {
  celsius: i32 = 0;
  get doubled(): i32 {
    return this.celsius * 2;
  }
}

export function main(): void {
  print(new Temperature().doubled);
}
