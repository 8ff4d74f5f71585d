// expect: static accessors are not supported @ 5
import { i32, print } from "stmc";

class Config {
  static get size(): i32 {
    return 4;
  }
}

export function main(): void {
  print(Config.size);
}
