// Errors a program throws and catches: `new Error(message)` makes a StmcError, `throw` throws it
// as a wasm exception (tag ERROR_TAG, its one value the object), `catch` binds it. One that no
// catch stops reaches the host, which reads its message and location (runtime/host/thread.ts).
// A failed check (an index out of range, a null dereference, a division by zero...) raises such
// an error too, through error_fail; only what cannot go on (out of memory, a stack overflow, a
// corrupt heap) stops the program through the host's `fail`.
import { i32, f64 } from "stmc";
import { usize, throw_error, fail } from "stmc:low";
import { alloc_quiet } from "./alloc";
import { string_of_failure } from "./strings";

export class StmcError {
  /** Where it was made or first thrown: a location id (stmc.locations), or -1. */
  location: i32 = -1;
  message: string;
  constructor(message: string) {
    this.message = message;
  }
}

/** `new Error(message)` at location `location`. */
export function error_new(message: string, location: i32): StmcError {
  const error = new StmcError(message);
  error.location = location;
  return error;
}

/** A new object of a class that extends Error, made at `location`. */
export function error_at(error: StmcError, location: i32): StmcError {
  error.location = location;
  return error;
}

/** `throw error` at `location` (kept when the error already has one: where it was made). */
export function error_throw(error: StmcError, location: i32): void {
  if (error.location < 0) error.location = location;
  throw_error(error);
}

/**
 * A failed check at `location` (`value`: the index, the value that did not convert...): throws
 * the error JavaScript's checks would. A check is not a safepoint (the compiled code keeps its
 * references where the collector does not look), so the error is made without collecting.
 */
export function error_fail(code: i32, location: i32, value: f64): void {
  alloc_quiet(true);
  error_raise(string_of_failure(code, value), location);
}

const FAIL_UNCAUGHT_ERROR: i32 = 17;

/** An error that must stop the program (one that left a finalizer): the host reports it. */
export function error_fatal(error: StmcError): void {
  fail(FAIL_UNCAUGHT_ERROR, f64(usize(error)));
}

/** A check that fails with a fixed message (a failed cast, reduce of an empty array...). */
export function error_raise(message: string, location: i32): void {
  alloc_quiet(true);
  const error = error_new(message, location);
  alloc_quiet(false);
  throw_error(error);
}
