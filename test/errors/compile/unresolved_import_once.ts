// expect-only: the failed imports, not each use of what they would have imported
// expect: only relative imports and "stmc" are supported @ 4
// expect: cannot find module "./missing" @ 5
import { run } from "/abs/elsewhere";
import { other, VALUE } from "./missing";
import { print } from "stmc";

export function main(): void {
  run(1);
  other();
  print(VALUE);
}
