// expect: a class cannot extend a generic class @ 19
// expect: generic classes cannot have static members @ 23
// expect: 'T | null' (here T is i32): only references @ 27
// expect: generic method 'get' cannot override a method @ 36
// expect: does not satisfy the constraint of T (T extends Base) of function onlyBase @ 42
// expect: cannot infer the type argument T of make from the arguments @ 43
// expect: a value of type i32 is not assignable to string @ 44
// expect: generic function 'same' cannot be used as a value @ 45
// expect: instanceof cannot test for generic class Box @ 46
// expect: cannot infer the type argument T of class Box from the arguments @ 47
// expect: class Box takes 1 type argument, got 2 @ 48
// expect: Expected 0 type arguments, but got 1 @ 49
import { i32, print } from "stmc";

class Base {
  get(): i32 { return 1; }
}

class Derived extends Maybe<i32> {}

class Box<T> {
  constructor(public value: T) {}
  static count: i32 = 0;
}

class Maybe<T> {
  value: T | null = null;
}

function onlyBase<T extends Base>(x: T): T { return x; }
function make<T>(): T[] { return []; }
function same<T>(a: T, b: T): T { return a; }
function plain(x: i32): i32 { return x; }

class Sub extends Base {
  get<U>(): i32 { return 2; }
}

export function main(): void {
  const b = new Box<i32>(1);
  const m = new Maybe<i32>();
  print(onlyBase(new Box<i32>(2)).value);
  print(make().length);
  print(same(1, "one"));
  const f = same;
  print(b instanceof Box);
  const e = new Box();
  const two: Box<i32, i32> | null = null;
  print(plain<i32>(3), m.value, e.value, f, two);
}
