// A compiled program kept running between calls: thread 0 runs the module initialisers once,
// then calls exported functions on request; the scheduler's worker threads stay up between
// calls. runModule (index.ts) is instantiate + main + close. The threads themselves are the
// engine's (node-threads.ts, browser-threads.ts): this file is the same on Node and in a page.
import type { ExportSignature, ValueKind } from "../abi.js";
import type { HostFunction, StmStats } from "./program.js";
import { OrderedOutput } from "./ordered-output.js";
import { HOST_CALL_BYTES, HOST_CALL_DONE, HOST_CALL_FAILED, HOST_CALL_TEXT, type HostMessage, type WorkerInit, type WorkerMessage } from "./protocol.js";
import { formatProgramError, type ProgramError } from "./report.js";
import type { Locator } from "./locate.js";

/** A value JavaScript passes to or receives from a program's exported function. */
export type Value = number | bigint | boolean;

/** The program failed (a runtime error, a trap, a stack overflow on any thread): the CLI's message and location. */
export class ProgramFailedError extends Error {
  override name = "ProgramFailedError";
  /** The report the CLI prints: `error: <message>` and `    at <file>:<line>:<col>`. */
  readonly report: string;
  constructor(readonly failure: ProgramError) {
    super(failure.location === undefined ? failure.message : `${failure.message} (at ${failure.location.join(":")})`);
    this.report = formatProgramError(failure);
  }
}

/** A running program (instantiate). Calls run one at a time, in the order they were made. */
export interface App {
  /** The exported functions and their signatures. */
  readonly exports: Readonly<Record<string, ExportSignature>>;
  /** Calls an exported function: i32 and f64 as numbers, i64 as a bigint, boolean as a boolean. */
  call(name: string, ...args: Value[]): Promise<Value | undefined>;
  /** Runs main like the CLI; resolves with the exit status (main's i32 result, else 0). */
  main(): Promise<number>;
  /** Runs the finalizers and stops the threads; resolves once all have ended, with the STM's and collector's figures. */
  close(): Promise<StmStats | undefined>;
  /** Stops every thread now (a runaway program); pending and later calls reject. */
  terminate(): Promise<void>;
}

type Pending = { resolve: (value: Value | undefined) => void; reject: (error: unknown) => void; result: ValueKind };

/** What a thread tells its host, in order; `exit` comes last (its code is the engine's). */
export interface ThreadEvents {
  message(message: WorkerMessage): void;
  error(error: unknown): void;
  exit(code: number): void;
}

/** A started thread, as the host sees it. */
export interface ThreadHandle {
  post(message: HostMessage): void;
  /** Stops the thread now; its `exit` event follows. */
  terminate(): void;
}

/** Starts one of the program's threads (a Node worker thread, a Web Worker). */
export type SpawnThread = (init: WorkerInit, events: ThreadEvents) => ThreadHandle;

/** Starts the threads of `base` and resolves once the module's initialisers have run. */
export interface AppSetup {
  base: Omit<WorkerInit, "threadIndex">;
  exports: Record<string, ExportSignature>;
  spawn: SpawnThread;
  /** Finds where a thread's failure happened in the program's source. */
  locator: Locator;
  writeOut: (text: string) => void;
  /** The embedder's host functions, for the program's `declare function`s (base.imports). */
  hostFunctions: Record<string, HostFunction>;
  /** Stops every thread when it aborts, as terminate() does. */
  signal?: AbortSignal;
  /** Reads the figures at the addresses thread 0 reported when it closed. */
  readFigures: (statsAddress?: number, gcStatsAddress?: number) => StmStats | undefined;
}

export function startApp({ base, exports, spawn, locator, writeOut, hostFunctions, signal, readFigures }: AppSetup): Promise<App> {
  const output = new OrderedOutput(writeOut);
  const workers = new Set<ThreadHandle>();
  let thread0: ThreadHandle | undefined;
  let started = 0;
  let nextCall = 0;
  const pending = new Map<number, Pending>();
  let state: "starting" | "ready" | "closing" | "over" = "starting";
  let ended: unknown; // why the app is over: a ProgramFailedError, an Error, or "closed"
  let ready: { resolve: (app: App) => void; reject: (error: unknown) => void };
  let closed: { resolve: (figures: StmStats | undefined) => void; reject: (error: unknown) => void } | undefined;
  let figures: { statsAddress?: number; gcStatsAddress?: number } = {};
  let allExited: () => void = () => {};
  const exited = new Promise<void>((resolve) => (allExited = resolve));

  /** Ends the app with `reason` once every thread has stopped; everything waiting rejects. */
  const end = (reason: unknown): void => {
    if (state === "over") return;
    state = "over";
    ended = reason;
    for (const w of workers) w.terminate();
    void exited.then(() => {
      let error = reason === "closed" ? null : reason;
      try {
        output.drain(); // may throw again: the stdout callback that ended the app
        if (error === null) closed?.resolve(readFigures(figures.statsAddress, figures.gcStatsAddress));
      } catch (thrown) {
        error ??= thrown;
      } finally {
        if (error !== null) {
          closed?.reject(error);
          ready.reject(error);
        }
        for (const p of pending.values()) p.reject(error ?? new Error("the program has ended"));
        pending.clear();
      }
    });
  };

  const onThread0 = (message: WorkerMessage): void => {
    switch (message.type) {
      case "ready":
        if (state !== "starting") return; // stopped while starting: instantiate rejects
        state = "ready";
        ready.resolve(app);
        return;
      case "return": {
        const p = pending.get(message.id);
        pending.delete(message.id);
        // Resolved once every line printed before the return has been written.
        void output.written(message.sequence).then(() => p?.resolve(fromWasm(message.value, p.result)));
        return;
      }
      case "exit":
        figures = { statsAddress: message.statsAddress, gcStatsAddress: message.gcStatsAddress };
        return;
      default:
        return;
    }
  };

  const start = (): void => {
    const threadIndex = started++;
    const hostCall = Object.keys(base.imports).length > 0 ? new SharedArrayBuffer(HOST_CALL_BYTES) : undefined;
    let crash: unknown;
    let final = false;
    const worker = spawn({ ...base, threadIndex, hostCall }, {
      message: (message) => {
        switch (message.type) {
          case "output":
            try {
              output.add(message.chunks);
            } catch (error) {
              end(error); // a throwing stdout callback stops the program
            }
            return;
          case "spawn":
            if (state !== "over") for (let i = 0; i < message.count; i++) start();
            return;
          case "failure":
            final = true;
            end(new ProgramFailedError(locator.error(message.error)));
            return;
          case "fatal":
            final = true;
            end(new Error(message.message));
            return;
          case "exit":
            final = true;
            if (threadIndex === 0) onThread0(message);
            return;
          case "hostcall":
            // Not after the end: the embedder's function must not run for a program that is over.
            if (state !== "over") void answerHostCall(hostFunctions, base.imports, message, hostCall!);
            return;
          default:
            if (threadIndex === 0) onThread0(message);
        }
      },
      error: (error) => (crash = error),
      exit: (code) => {
        workers.delete(worker);
        if (!final && state !== "over") {
          const reason = crash instanceof Error ? crash.message : crash !== undefined ? String(crash) : `exit code ${code}`;
          end(new Error(`thread ${threadIndex} stopped unexpectedly (${reason})`));
        }
        if (workers.size === 0) {
          if (state !== "over") end("closed");
          allExited();
        }
      },
    });
    workers.add(worker);
    if (threadIndex === 0) thread0 = worker;
  };

  const refuse = (): Promise<never> => Promise.reject(state === "over" && ended instanceof Error ? ended : new Error("the app is closed"));

  const app: App = {
    exports,
    call(name, ...args) {
      if (state !== "ready") return refuse();
      const signature = Object.hasOwn(exports, name) ? exports[name] : undefined;
      if (signature === undefined) return Promise.reject(new Error(`the program exports no function '${name}'${Object.keys(exports).length > 0 ? ` (it exports ${Object.keys(exports).join(", ")})` : ""}`));
      let converted: (number | bigint)[];
      try {
        converted = toWasm(name, signature, args);
      } catch (error) {
        return Promise.reject(error);
      }
      const id = nextCall++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, result: signature.result });
        const message: HostMessage = { type: "call", id, name, args: converted };
        thread0!.post(message);
      });
    },
    async main() {
      const result = await app.call("main");
      return typeof result === "number" ? result | 0 : 0;
    },
    close() {
      if (state !== "ready") return refuse();
      state = "closing";
      return new Promise((resolve, reject) => {
        closed = { resolve, reject };
        const message: HostMessage = { type: "close" };
        thread0!.post(message);
      });
    },
    async terminate() {
      end(new Error("the app was terminated"));
      await exited;
    },
  };

  return new Promise<App>((resolve, reject) => {
    ready = { resolve, reject };
    const stop = () => end(new Error(`the program was stopped (${signal?.reason instanceof Error ? signal.reason.message : String(signal?.reason)})`));
    if (signal?.aborted === true) {
      reject(new Error(`the program was stopped before it started (${String(signal.reason)})`));
      return;
    }
    signal?.addEventListener("abort", stop, { once: true });
    void exited.then(() => signal?.removeEventListener("abort", stop));
    for (let i = 0; i < base.threads; i++) start();
  });
}

/**
 * Runs the embedder's function for a thread's host call and writes the result where the thread
 * waits for it; a throw, a rejected promise or a value of the wrong type fails the program there.
 */
async function answerHostCall(functions: Record<string, HostFunction>, signatures: Record<string, ExportSignature>, call: { name: string; args: (number | bigint)[] }, buffer: SharedArrayBuffer): Promise<void> {
  const state = new Int32Array(buffer, 0, 2);
  const signature = signatures[call.name];
  let failure: string;
  try {
    const args = call.args.map((a, i) => (signature.params[i] === "bool" ? a !== 0 : a));
    const result = await functions[call.name](...args);
    const value = new DataView(buffer, 8, 8);
    const wrong = (expected: string) => `host function ${call.name} returned ${typeof result === "bigint" ? `${result}n` : JSON.stringify(result) ?? String(result)}, not ${expected}`;
    switch (signature.result) {
      case "void":
        break;
      case "i64":
        if (typeof result !== "bigint") throw new TypeError(wrong("an i64 (a bigint)"));
        value.setBigInt64(0, BigInt.asIntN(64, result), true);
        break;
      case "bool":
        if (typeof result !== "boolean") throw new TypeError(wrong("a boolean"));
        value.setFloat64(0, result ? 1 : 0, true);
        break;
      case "i32":
        if (typeof result !== "number" || !Number.isInteger(result) || result < -(2 ** 31) || result >= 2 ** 31) throw new TypeError(wrong("an i32"));
        value.setFloat64(0, result, true);
        break;
      default:
        if (typeof result !== "number") throw new TypeError(wrong("a number"));
        value.setFloat64(0, result, true);
    }
    Atomics.store(state, 0, HOST_CALL_DONE);
    Atomics.notify(state, 0);
    return;
  } catch (error) {
    failure = error instanceof TypeError && /^host function /.test(error.message) ? error.message : `host function ${call.name} failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  const text = new TextEncoder().encode(failure).slice(0, HOST_CALL_BYTES - HOST_CALL_TEXT);
  new Uint8Array(buffer, HOST_CALL_TEXT, text.length).set(text);
  state[1] = text.length;
  Atomics.store(state, 0, HOST_CALL_FAILED);
  Atomics.notify(state, 0);
}

/** Checks and converts the arguments of a call to what the wasm function takes. */
function toWasm(name: string, signature: ExportSignature, args: readonly Value[]): (number | bigint)[] {
  if (args.length !== signature.params.length) throw new TypeError(`${name} takes ${signature.params.length} argument(s), not ${args.length}`);
  return signature.params.map((kind, i) => {
    const arg = args[i];
    const bad = (what: string) => new TypeError(`argument ${i + 1} of ${name} must be ${what}, not ${typeof arg === "bigint" ? `${arg}n` : JSON.stringify(arg)}`);
    switch (kind) {
      case "i32":
        if (typeof arg !== "number" || !Number.isInteger(arg) || arg < -(2 ** 31) || arg >= 2 ** 31) throw bad("an i32 (an integer number)");
        return arg;
      case "f64":
        if (typeof arg !== "number") throw bad("a number");
        return arg;
      case "i64":
        if (typeof arg !== "bigint" || BigInt.asIntN(64, arg) !== arg) throw bad("an i64 (a bigint)");
        return arg;
      case "bool":
        if (typeof arg !== "boolean") throw bad("a boolean");
        return arg ? 1 : 0;
      default:
        throw new TypeError(`${name} takes a ${kind} parameter, which JavaScript cannot pass`);
    }
  });
}

function fromWasm(value: unknown, kind: ValueKind): Value | undefined {
  switch (kind) {
    case "bool":
      return value !== 0;
    case "void":
    case "ref":
      return undefined;
    default:
      return value as Value;
  }
}
