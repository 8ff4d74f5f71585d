// Run-time checks that the compiled code makes and plain JavaScript does not. The runner
// (run.ts) rewrites `a[i]`, `x!` and `a.pop()` in user programs into calls of these, so that
// the reference run fails where the compiled program fails, with the same message.

/** Checks `i` as an index of `a` and returns it. */
export function __stmc_index(a: readonly unknown[], i: number): number {
  if ((i >>> 0) !== i || i >= a.length) throw new Error("index " + String(i) + " out of range");
  return i;
}

/** `a[i]` as a value. */
export function __stmc_get<T>(a: readonly T[], i: number): T {
  return a[__stmc_index(a, i)];
}

/** `a[i] = v`. */
export function __stmc_set<T>(a: T[], i: number, v: T): T {
  return (a[__stmc_index(a, i)] = v);
}

/** `x!`. */
export function __stmc_nonNull<T>(x: T): NonNullable<T> {
  if (x === null || x === undefined) throw new Error("null dereference");
  return x as NonNullable<T>;
}

/** `receiver.pop()`: on an array, popping an empty one is an error. */
export function __stmc_pop(receiver: { pop(): unknown }): unknown {
  if (Array.isArray(receiver) && receiver.length === 0) throw new Error("pop() on an empty array");
  return receiver.pop();
}
