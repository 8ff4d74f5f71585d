// The JavaScript implementation of the `stmc` module (see LANGUAGE.md): programs import it
// and run unchanged, sequentially, on Node. This file is also the type declaration that user
// programs are checked against (`tsc --strict`), so it uses no Node types: the runner
// (run.ts) installs the output writer.

export type i32 = number;
export type i64 = number;
export type f64 = number;
export type bool = boolean;
export type usize = number;

const TWO_31 = 2 ** 31;
const TWO_63 = 2 ** 63;

/** Truncates toward zero; NaN, infinities and values outside the i32 range are errors. */
export function i32(x: number): i32 {
  const t = Math.trunc(x);
  if (!(t >= -TWO_31 && t < TWO_31)) throw new Error("cannot convert " + String(x) + " to i32");
  return t + 0; // +0 turns -0 into 0
}

/** Truncates toward zero; NaN, infinities and values outside ±2^63 are errors. */
export function i64(x: number): i64 {
  const t = Math.trunc(x);
  if (!(t >= -TWO_63 && t < TWO_63)) throw new Error("cannot convert " + String(x) + " to i64");
  return t + 0;
}

export function f64(x: number): f64 {
  return x;
}

// ---- output ------------------------------------------------------------------------------

const FLUSH_AT = 1 << 16;
let out = ""; // committed output not yet written
let txOut = ""; // output of the running transaction, committed with it
let writer: (text: string) => void = defaultWriter;

// Without the runner: write through process.stdout, and flush when the process exits.
type HostProcess = { stdout: { write(t: string): unknown }; on(event: "exit", f: () => void): unknown };
const hostProcess = (globalThis as unknown as { process?: HostProcess }).process;
hostProcess?.on("exit", () => flush());

function defaultWriter(text: string): void {
  hostProcess?.stdout.write(text);
}

/** Writes the values separated by one space, then a newline. */
export function print(...values: (number | boolean | string)[]): void {
  let line = "";
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += " ";
    line += String(values[i]);
  }
  line += "\n";
  if (depth > 0) {
    txOut += line;
  } else {
    out += line;
    if (out.length >= FLUSH_AT) flush();
  }
}

function flush(): void {
  if (out.length === 0) return;
  const text = out;
  out = "";
  writer(text);
}

// ---- transactions ------------------------------------------------------------------------

type Task = { fn: (...args: unknown[]) => void; args: unknown[] };

let queue: Task[] = [];
let head = 0;
let depth = 0; // > 0 while inside a task or an atomic block
let threads = 1;

/**
 * `body` as a transaction. An error that leaves a task drops the task's output (its transaction
 * is undone); one that leaves an atomic block commits it (`commitOnError`), output included, as
 * the compiled program does.
 */
function inTransaction<R>(body: () => R, commitOnError = false): R {
  depth++;
  let ok = false;
  try {
    const result = body();
    ok = true;
    return result;
  } finally {
    depth--;
    if (depth === 0) {
      if (ok || commitOnError) out += txOut; // commit: the output appears once
      txOut = "";
      if (out.length >= FLUSH_AT) flush();
    }
  }
}

export const transaction = {
  /** Schedules `fn(...args)` as a task of the current or next `run()`. */
  add<A extends unknown[]>(fn: (...args: A) => void, ...args: A): void {
    queue.push({ fn: fn as unknown as Task["fn"], args });
  },

  /** Runs every scheduled task, and every task they add, until none is left. */
  run(): void {
    if (depth > 0) throw new Error("transaction.run() called inside a transaction");
    try {
      while (head < queue.length) {
        const task = queue[head++];
        inTransaction(() => task.fn(...task.args));
      }
    } finally {
      queue = []; // after an error, tasks not yet started are dropped
      head = 0;
    }
  },

  /** Runs the block as one transaction (nested blocks join the enclosing one). */
  atomic(fn: () => void): void {
    inTransaction(fn, true);
  },

  setNumThreads(n: i32): void {
    if (!(n >= 1)) throw new Error("bad thread count " + String(n));
    threads = n;
  },

  getNumThreads(): i32 {
    return threads;
  },
};

/**
 * For the runner only (not part of the language): resets the module's state, installs the
 * output writer and flushes buffered output.
 */
export const __reference = {
  reset(options: { threads: number; write: (text: string) => void }): void {
    out = "";
    txOut = "";
    queue = [];
    head = 0;
    depth = 0;
    threads = options.threads;
    writer = options.write;
  },
  flush,
};
