// += on string places whose object or index is computed (evaluated once), fields and elements.
import { i32, print } from "stmc";

class Box {
  label: string = "box";
}

let calls = 0;
function index(i: i32): i32 {
  calls++;
  return i;
}

export function main(): void {
  const a: string[] = ["x", "y"];
  a[i32(0)] += "z";
  a[index(1)] += "w";
  const boxes = [new Box(), new Box()];
  boxes[index(0)].label += "!";
  a.slice(0)[0] += "lost";
  print(a.join(","), boxes[0].label, boxes[1].label, calls);
}
