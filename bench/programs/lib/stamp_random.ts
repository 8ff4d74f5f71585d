// The deterministic random numbers of the STAMP programs (kmeans, vacation, genome): a
// Park–Miller minimal-standard generator. Products stay below 2^47, so the i64 arithmetic is
// exact both compiled and on the reference run (where i64 is a double).
import { i32, i64 } from "stmc";

const MODULUS: i64 = 2147483647;
const MULTIPLIER: i64 = 48271;

export class StampRandom {
  state: i64;

  /** Any seed; 0 and multiples of the modulus are moved off the generator's fixed point. */
  constructor(seed: i64) {
    let s = seed % MODULUS;
    if (s < 0) s += MODULUS;
    if (s === 0) s = 1;
    this.state = s;
    this.next();
    this.next();
  }

  /** The next value, in 1 .. 2^31 - 2. */
  next(): i32 {
    this.state = (this.state * MULTIPLIER) % MODULUS;
    return i32(this.state);
  }

  /** A value in 0 .. bound - 1 (bound >= 1). */
  below(bound: i32): i32 {
    return this.next() % bound;
  }
}
