// Run-time checks that the compiled code makes and plain JavaScript does not. The runner
// rewrites `a[i]`, `x!` and `a.pop()` in user programs (insert-checks.ts) into code that calls
// these, so that the reference run fails where the compiled program fails, with the same
// message. They are tiny and monomorphic so that V8 inlines them.

/** Checks `i` as an index into an array of `length` elements and returns it. */
export function __stmc_check(i: number, length: number): number {
  if ((i >>> 0) !== i || i >= length) throw new Error("index " + String(i) + " out of range");
  return i;
}

/** `a[i] = v`: checks the index after `v` was evaluated and returns `v`. */
export function __stmc_checkStore<T>(v: T, i: number, length: number): T {
  if ((i >>> 0) !== i || i >= length) throw new Error("index " + String(i) + " out of range");
  return v;
}

/** `x!` where x is null. */
export function __stmc_null(): never {
  throw new Error("null dereference");
}

/** `receiver.pop()`: on an array, popping an empty one is an error. */
export function __stmc_pop(receiver: { pop(): unknown }): unknown {
  if (Array.isArray(receiver) && receiver.length === 0) throw new Error("pop() on an empty array");
  return receiver.pop();
}
