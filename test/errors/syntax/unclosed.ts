import { print } from "stmc";

export function main(): void {
  print("a");
  if (true {
  }
}
