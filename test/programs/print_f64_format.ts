// print formats f64 exactly as TypeScript's String(x) does.
import { f64, print } from "stmc";

function twice(x: f64): f64 {
  return x * 2;
}

export function main(): void {
  print("third", 1 / 3);
  print("two thirds", 2 / 3);
  print("tenth sum", 0.1 + 0.2);
  print("integer valued", 100);
  print("large integer", f64(123456789012345680000));
  print("1e21", 1e21);
  print("1e21 - 1e5", 1e21 - 100000);
  print("tiny", 5e-324);
  print("1e-6", 0.000001);
  print("1e-7", 0.0000001);
  print("max", 1.7976931348623157e308);
  print("negative", -123.456);
  print("rounding", 1.005 * 1000);
  print("pi", 3.141592653589793);
  print("sqrt2", Math.sqrt(2));
  print("half", 0.5, twice(0.25));
  print("2^53", f64(9007199254740992));
  print("2^64", f64(18446744073709551616));
  const zero: f64 = 0;
  print("infinity", 1 / zero);
  print("-infinity", -1 / zero);
  print("negative zero", -zero);
  print("nan", zero / zero);
}
