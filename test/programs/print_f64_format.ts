// print formats f64 exactly as TypeScript's String(x) does.
import { f64, print } from "stmc";

function show(label: string, x: f64): void {
  print(label, x);
}

export function main(): void {
  show("third", 1 / 3);
  show("two thirds", 2 / 3);
  show("tenth sum", 0.1 + 0.2);
  show("integer valued", 100);
  show("large integer", 123456789012345680000);
  show("1e21", 1e21);
  show("1e21 - 1e5", 1e21 - 100000);
  show("tiny", 5e-324);
  show("1e-6", 0.000001);
  show("1e-7", 0.0000001);
  show("max", 1.7976931348623157e308);
  show("negative", -123.456);
  show("rounding", 1.005 * 1000);
  show("pi", 3.141592653589793);
  show("sqrt2", Math.sqrt(2));
  show("half", 0.5);
  show("2^53", 9007199254740992);
  show("2^64", 18446744073709551616);
  const zero: f64 = 0;
  show("infinity", 1 / zero);
  show("-infinity", -1 / zero);
  show("negative zero", -zero);
  show("nan", zero / zero);
}
