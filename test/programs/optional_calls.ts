import { i32, print } from "stmc";
class Button {
  onClick: ((n: i32) => void) | null = null;
  label: ((n: i32) => string) | null = null;
}
let clicks = 0;
export function main(): void {
  const b = new Button();
  let f = b.onClick;
  f?.(1);
  b.onClick = (n: i32) => { clicks += n; };
  f = b.onClick;
  f?.(5);
  f?.(6);
  let g = b.label;
  print(clicks, g?.(3) ?? "no label");
  b.label = (n: i32) => `#${n}`;
  g = b.label;
  print(g?.(3) ?? "no label", g?.(4));
}
