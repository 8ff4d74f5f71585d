// Edge f64 values and conversions, printed as String(x) prints them: NaN, -0 (prints 0; 1 / x
// tells it apart), infinities, the limits of exact integers, and the conversions between f64,
// i32 and i64 at the edges of their ranges (in range: out of range fails, see test/errors).
import { i32, i64, f64, print } from "stmc";

function sign(x: f64): f64 {
  return 1 / x; // -Infinity for -0
}

export function main(): void {
  const zero = 0.0;
  const inf = 1 / zero;
  const nan = zero / zero;
  const negZero = -zero;
  print("specials", inf, -inf, nan, -nan, negZero, sign(negZero), sign(zero), inf - inf, inf * 0, -inf / inf);
  print("compare nan", nan === nan, nan !== nan, nan < 1, nan >= 1, negZero === zero, inf > 1e308, -inf < -1e308);
  print("math", Math.sqrt(-1), Math.sqrt(inf), sign(Math.sqrt(negZero)), Math.floor(-0.5), sign(Math.floor(-0.5)), sign(Math.ceil(-0.5)), sign(Math.trunc(-0.1)));
  print("min max", sign(Math.min(zero, negZero)), sign(Math.max(negZero, zero)), Math.min(1, nan), Math.max(nan, 1), Math.min(-inf, 1), Math.abs(-inf), sign(Math.abs(negZero)));
  print("remainder", -7.5 % 2, 7.5 % -2, 5.5 % 2.5, 1 % 0.5, 10 % 3, -10 % 3, 5 % 0.0, inf % 2);
  // Exact like fmod: x / y rounding up, huge quotients, infinite divisors, subnormals, -0.
  print("exact remainder", 0.3 % 0.1, 1e300 % 3, 7 % inf, -7 % -inf, 123456789.123 % 0.001, 8.98846567431158e307 % 1.5);
  print("remainder edges", 5e-324 % 2.5e-323, 1e-310 % 3e-311, -1e-320 % 7e-321, sign(-4 % 2), sign(negZero % 3), nan % 1, 2 % nan, sign(-1e-300 % 1e-300));
  print("format", 1e21, 1e-7, 123e-20, 0.1 + 0.2, 9007199254740992.0 + 1, 5e-324, 1.7976931348623157e308, -1e-7, 100, 1e20);
  print("to i32", i32(2147483647.99), i32(-2147483648.99), i32(-0.0), i32(1e-300), i32(-1e-300), i32(nan === nan ? 1.5 : 0.5));
  print("to i64", i64(9223372036854774784.0), i64(-9223372036854775808.0), i64(-0.0), i64(1e18 + 0.5), i64(-2.9));
  const big: i64 = 9223372036854775807;
  const i: i32 = -2147483647 - 1;
  print("from ints", f64(big), f64(i), f64(big) === 9223372036854775808.0, f64(i64(1) << 62) * 2, i / 0, -i / 0, f64(i) * f64(i));
}
