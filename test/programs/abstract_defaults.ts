import { i32, print } from "stmc";
abstract class Shape0 {
  constructor(readonly size: i32 = 2) {}
  abstract area(k?: i32): i32;
  describe(scale: i32 = 1, unit: string = "u"): string {
    return `${this.area() * (scale & 255)}${unit}`;
  }
}
class Sq0 extends Shape0 {
  area(k?: i32): i32 {
    return (this.size & 1023) * (this.size & 1023) + (k ?? 0);
  }
}
class Tri0 extends Shape0 {
  area(k?: i32): i32 {
    const half = ((this.size & 1023) * 3) >> 1;
    return k === undefined ? half : half - (k & 255);
  }
}
export function main(): void {
  print(new Tri0(5).describe(3));
  more();
}
export function more(): void {
  const shapes: Shape0[] = [new Sq0(3), new Tri0(), new Sq0()];
  for (const s of shapes) print(s.area(), s.area(7), s.describe(), s.describe(2), s.describe(2, "cm"));
  const t = new Tri0(9);
  print(t.describe(), t.describe(4), t.area());
}
