// expect: import @ 4
// expect: import @ 5
import { print } from "stmc";
import fs from "fs";
import { something } from "some-package";

export function main(): void {
  print("hi");
}
