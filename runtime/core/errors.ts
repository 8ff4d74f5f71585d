// Errors a program throws and catches: `new Error(message)` makes a StmcError, `throw` throws it
// as a wasm exception (tag ERROR_TAG, its one value the object), `catch` binds it. One that no
// catch stops reaches the host, which reads its message and location (runtime/host/thread.ts).
// Failures of checks (an index out of range, a null dereference...) are not errors of this kind:
// they stop the program.
import { i32 } from "stmc";
import { throw_error } from "stmc:low";

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

/** `throw error` at `location` (kept when the error already has one: where it was made). */
export function error_throw(error: StmcError, location: i32): void {
  if (error.location < 0) error.location = location;
  throw_error(error);
}
