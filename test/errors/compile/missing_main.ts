// expect: main @ 1
import { print } from "stmc";

export function start(): void {
  print("no main here");
}
