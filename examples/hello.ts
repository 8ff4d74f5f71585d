// The smallest stmc program. Run it with: stmc run examples/hello.ts
import { print } from "stmc";

export function main(): void {
  print("Hello from stmc!");
}
