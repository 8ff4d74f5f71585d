// expect: class Wrong implements Sized, but has no method 'size' with its types (size(): i32) @ 20
// expect: optional interface member 'label' is not supported @ 12
// expect: generic interfaces are not supported @ 15
// expect: interface members need plain names @ 9
// expect: interface methods take plain parameters @ 10
import { i32, f64, print } from "stmc";

interface Sized {
  [key: string]: i32;
  grow(by?: i32): void;
  size(): i32;
  label?: string;
}

interface Holder<T> {
  value: T;
}

// TypeScript sees i32 and f64 as one type (number); stmc does not.
class Wrong implements Sized {
  size(): f64 {
    return 1.5;
  }
}

export function main(): void {
  print(new Wrong().size());
}
