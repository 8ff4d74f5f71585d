// expect: cannot cast Animal to Dog @ 29
import { i32, print } from "stmc";

class Animal {
  name: string;
  constructor(name: string) { this.name = name; }
  speak(): string { return "..."; }
}
class Dog extends Animal {
  speak(): string { return "woof"; }
  fetch(): string { return `${this.name} fetches`; }
}
class Cat extends Animal {}

function pick(i: i32): Animal | null {
  return i === 0 ? new Dog("rex") : i === 1 ? new Cat("tom") : null;
}

export function main(): void {
  const a: Animal = new Dog("fido");
  print((a as Dog).fetch(), (a as Animal).speak());
  const none = pick(2) as Dog | null;
  print(none === null);
  for (let i = 0; i < 2; i++) {
    const x = pick(i)!;
    if (x instanceof Dog) print((x as Dog).fetch());
  }
  const c = pick(1)!;
  print((c as Dog).fetch());
}
