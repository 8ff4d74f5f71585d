// expect: cannot cast Animal to Dog @ 12
import { i32, print } from "stmc";

class Animal {}
class Dog extends Animal {}
class Cat extends Animal {}

export function main(): void {
  const pets: Animal[] = [new Dog(), new Cat()];
  for (let i = 0; i < pets.length; i++) {
    print(i);
    const dog = pets[i] as Dog;
    print(dog instanceof Dog);
  }
}
