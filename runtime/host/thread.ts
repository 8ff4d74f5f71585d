// One thread of a program, on any engine: instantiates the compiled module on the shared memory.
// Thread 0 runs __stmc_init, then the exported functions the host asks for (main, or any other:
// app.ts), then __stmc_finish when closed; the others run __stmc_worker(id), the scheduler's
// loop, until the program ends. The thread scripts are worker.ts (Node's worker_threads) and
// browser-worker.ts (Web Workers); each gives runThread its way to talk to the host.
//
// Every thread instantiates the same WebAssembly.Module against the same shared memory, so wasm
// globals are per thread and memory is shared.

import { ERROR_LOCATION_OFFSET, FAIL_MESSAGE_UNITS, FailCode, errorMessageOffset, failMessage, MATH_FUNCTIONS, STRING_LENGTH_OFFSET, HOST_MODULE, HostImport, MEMORY_MODULE, MEMORY_NAME, ModuleExport, PROGRAM_IMPORTS_MODULE } from "../abi.js";
import { describeException, framesOf, type ThreadFailure } from "./report.js";
import { HOST_CALL_DONE, HOST_CALL_PENDING, HOST_CALL_TEXT, type HostMessage, type OutputChunk, type WorkerInit, type WorkerMessage } from "./protocol.js";

// Innermost frames are the ones that locate an error; keep enough of them to get past runtime
// functions (which are not in stmc.functions) to the user's code.
Error.stackTraceLimit = 50;

/** Thrown by the `fail` import; unwinds the wasm stack up to run(). Private to this file. */
class ProgramFailure {
  /** The wasm frames below the fail() call: where the user's code was, for failures raised by the runtime. */
  readonly stack = new Error().stack;
  constructor(
    readonly code: number,
    readonly loc: number,
    readonly arg: number,
  ) {}
}

/** A host function threw (or returned a wrong value): the program fails where it called it. */
class HostFunctionFailure extends Error {}

const OUTPUT_CHUNK = 64 * 1024;
/**
 * A line printed this long after the last flush is posted at once: a program that prints a
 * line, then computes for minutes, shows the line now. Lines that come faster are batched (a
 * message per line would cost more than printing). The thread has no timer while it runs wasm,
 * so a burst's last lines wait for the next line, a flush point (transaction.run(), a commit
 * that printed, the end) or the chunk size.
 */
const FLUSH_AFTER_MS = 20;

/**
 * The program's host functions: each call is posted to the host thread, which runs the embedder's
 * function, and this thread waits for the result (the program sees an ordinary synchronous call).
 */
function programImports(init: WorkerInit, output: Output): Record<string, (...args: (number | bigint)[]) => number | bigint | undefined> {
  const functions: Record<string, (...args: (number | bigint)[]) => number | bigint | undefined> = {};
  const buffer = init.hostCall;
  if (buffer === undefined) return functions;
  const state = new Int32Array(buffer, 0, 2);
  const value = new DataView(buffer, 8, 8);
  for (const [name, signature] of Object.entries(init.imports)) {
    functions[name] = (...args) => {
      output.flush(); // what the program printed before the call comes first
      Atomics.store(state, 0, HOST_CALL_PENDING);
      post({ type: "hostcall", name, args });
      Atomics.wait(state, 0, HOST_CALL_PENDING);
      if (Atomics.load(state, 0) !== HOST_CALL_DONE) {
        const text = new TextDecoder().decode(new Uint8Array(buffer, HOST_CALL_TEXT, state[1]).slice());
        throw new HostFunctionFailure(text);
      }
      switch (signature.result) {
        case "void": return undefined;
        case "i64": return value.getBigInt64(0, true);
        default: return value.getFloat64(0, true);
      }
    };
  }
  return functions;
}

/** How a thread talks to the host: Node's parentPort or a Web Worker's global scope. */
export interface ThreadPort {
  post(message: WorkerMessage): void;
  /** Calls `handler` for each message the host sends (thread 0, after `ready`). */
  listen(handler: (message: HostMessage) => void): void;
  /** This thread has posted its last message. */
  close(): void;
}

let port: ThreadPort;

function post(message: WorkerMessage): void {
  port.post(message);
}

/** Lines printed by this thread, numbered from the shared counter, until they are posted. */
class Output {
  private readonly chunks: OutputChunk[] = [];
  private size = 0;
  private lastFlush = -Infinity;
  private line = "";
  private lineStarted = false;
  private readonly sequence: Int32Array;

  constructor(sequence: SharedArrayBuffer) {
    this.sequence = new Int32Array(sequence);
  }

  value(text: string): void {
    if (this.lineStarted) this.line += " ";
    else this.lineStarted = true;
    this.line += text;
  }

  endLine(): void {
    const seq = Atomics.add(this.sequence, 0, 1);
    const last = this.chunks[this.chunks.length - 1];
    if (last !== undefined && last.first + last.count === seq) {
      last.text += this.line + "\n";
      last.count++;
    } else {
      this.chunks.push({ first: seq, count: 1, text: this.line + "\n" });
    }
    this.size += this.line.length + 1;
    this.line = "";
    this.lineStarted = false;
    if (this.size >= OUTPUT_CHUNK || performance.now() - this.lastFlush >= FLUSH_AFTER_MS) this.flush();
  }

  flush(): void {
    if (this.chunks.length === 0) return;
    post({ type: "output", chunks: this.chunks.splice(0) });
    this.size = 0;
    this.lastFlush = performance.now();
  }
}

/** `length` UTF-16 code units of the program's memory (a string's, runtime/core/strings.ts). */
function readUnits(memory: WebAssembly.Memory, address: number, length: number): string {
  // The memory is shared (no TextDecoder on it), and it may have grown since the last call.
  const units = new Uint16Array(memory.buffer, address, length);
  let text = "";
  for (let i = 0; i < length; i += 8192) text += String.fromCharCode(...units.subarray(i, i + 8192));
  return text;
}

/** The string whose block is at `address` (runtime/core/strings.ts: length after the header). */
function readString(memory: WebAssembly.Memory, address: number): string {
  const length = new DataView(memory.buffer).getInt32(address + STRING_LENGTH_OFFSET, true);
  return readUnits(memory, address + STRING_LENGTH_OFFSET + 4, length);
}

function writeUnits(memory: WebAssembly.Memory, address: number, text: string): number {
  const units = new Uint16Array(memory.buffer, address, text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return text.length;
}

/** parseInt (kind 0; radix 0 for none), parseFloat (1) or Number (2): JavaScript's own. */
function parseNumber(kind: number, text: string, radix: number): number {
  if (kind === 0) return radix === 0 ? parseInt(text) : parseInt(text, radix);
  return kind === 1 ? parseFloat(text) : Number(text);
}

/** Runs thread `init.threadIndex` of the program, talking to the host through `threadPort`. */
export function runThread(init: WorkerInit, threadPort: ThreadPort): void {
  port = threadPort;
  const output = new Output(init.sequence);
  const strings = init.strings;
  const imports = {
    [MEMORY_MODULE]: { [MEMORY_NAME]: init.memory },
    [PROGRAM_IMPORTS_MODULE]: programImports(init, output),
    [HOST_MODULE]: {
      [HostImport.printI32]: (x: number) => output.value(String(x)),
      [HostImport.printI64]: (x: bigint) => output.value(String(x)),
      [HostImport.printF64]: (x: number) => output.value(String(x)),
      [HostImport.printBool]: (x: number) => output.value(x !== 0 ? "true" : "false"),
      [HostImport.printStr]: (id: number) => output.value(strings[id] ?? `<string #${id}>`),
      [HostImport.printEnd]: () => output.endLine(),
      [HostImport.flush]: () => output.flush(),
      [HostImport.spawnThreads]: (count: number) => post({ type: "spawn", count }),
      [HostImport.clock]: () => performance.now(),
      [HostImport.printChars]: (address: number | bigint, length: number) => output.value(readUnits(init.memory, Number(address), length)),
      [HostImport.formatF64]: (value: number, buffer: number | bigint) => writeUnits(init.memory, Number(buffer), String(value)),
      [HostImport.caseMap]: (upper: number, address: number | bigint, length: number, buffer: number | bigint, capacity: number) => {
        const text = readUnits(init.memory, Number(address), length);
        const mapped = upper !== 0 ? text.toUpperCase() : text.toLowerCase();
        return mapped.length <= capacity ? writeUnits(init.memory, Number(buffer), mapped) : mapped.length;
      },
      [HostImport.failMessage]: (code: number, value: number, buffer: number | bigint) =>
        writeUnits(init.memory, Number(buffer), failMessage(code, value, strings).slice(0, FAIL_MESSAGE_UNITS)),
      [HostImport.math]: (fn: number, a: number, b: number) => (Math[MATH_FUNCTIONS[fn]] as (a: number, b: number) => number)(a, b),
      [HostImport.parseNumber]: (kind: number, address: number | bigint, length: number, radix: number) => parseNumber(kind, readUnits(init.memory, Number(address), length), radix),
      [HostImport.fail]: (code: number, loc: number, arg: number) => {
        throw new ProgramFailure(code, loc, arg);
      },
    },
  };

  let instance: WebAssembly.Instance;
  try {
    instance = new WebAssembly.Instance(init.module, imports);
  } catch (error) {
    post({ type: "fatal", message: `cannot instantiate the module: ${error instanceof Error ? error.message : String(error)}` });
    return;
  }
  const exports = instance.exports as Record<string, unknown>;
  const entry = (name: string): ((...args: (number | bigint)[]) => unknown) => {
    const fn = exports[name];
    if (typeof fn !== "function") throw new Error(`the module does not export ${name}`);
    return fn as (...args: (number | bigint)[]) => unknown;
  };

  const errorTag = exports[ModuleExport.errorTag] as WebAssembly.Tag | undefined;
  const fail = (error: unknown): void => {
    output.flush();
    post({ type: "failure", error: failureOf(error, init, errorTag) });
    port.close();
  };
  if (init.threadIndex !== 0) {
    try {
      entry(ModuleExport.worker)(init.threadIndex);
    } catch (error) {
      fail(error);
      return;
    }
    output.flush();
    post({ type: "exit" });
    return;
  }
  try {
    entry(ModuleExport.init)(init.threads, init.forcedAbortsPerMillion, init.gcFlags, init.limitPages, init.seed);
  } catch (error) {
    fail(error);
    return;
  }
  output.flush();
  // Between calls thread 0 is in JavaScript: it counts as stopped, so that a collection another
  // thread starts (finalizers after the last task) does not wait for the next call. (Optional
  // exports: a module without them keeps such a collection waiting until then.)
  const optional = (name: string) => (typeof exports[name] === "function" ? entry(name) : () => undefined);
  const idle = optional(ModuleExport.idle);
  const resume = optional(ModuleExport.resume);
  idle();
  post({ type: "ready" });
  // Thread 0 serves calls until it is told to close (the event loop runs between calls).
  const sequence = new Int32Array(init.sequence);
  port.listen((message) => {
    try {
      resume();
      if (message.type === "call") {
        const value = entry(message.name)(...message.args);
        idle();
        output.flush();
        post({ type: "return", id: message.id, value, sequence: Atomics.load(sequence, 0) });
        return;
      }
      entry(ModuleExport.finish)();
      const statsAddress = Number(entry(ModuleExport.stats)());
      const gcStatsAddress = typeof exports[ModuleExport.gcStats] === "function" ? Number(entry(ModuleExport.gcStats)()) : undefined;
      output.flush();
      post({ type: "exit", statsAddress, gcStatsAddress });
      port.close();
    } catch (error) {
      fail(error);
    }
  });
}

/** The report of the error object (runtime/core/errors.ts StmcError) at `address`. */
function errorObject(init: WorkerInit, address: number, pointerSize: 4 | 8): ThreadFailure {
  const view = new DataView(init.memory.buffer);
  const loc = view.getInt32(address + ERROR_LOCATION_OFFSET, true);
  const messageAt = pointerSize === 8 ? Number(view.getBigInt64(address + errorMessageOffset(8), true)) : view.getInt32(address + errorMessageOffset(4), true);
  const location = loc >= 0 && loc < init.locations.length ? init.locations[loc] : undefined;
  return { message: readString(init.memory, messageAt), location, frames: [] };
}

/** What went wrong, with the location when the program's table has it, else the frames to find it from. */
function failureOf(error: unknown, init: WorkerInit, errorTag: WebAssembly.Tag | undefined): ThreadFailure {
  if (errorTag !== undefined && error instanceof WebAssembly.Exception && error.is(errorTag)) {
    // An error the program threw and nothing caught: its message and where it was made.
    return errorObject(init, Number(error.getArg(errorTag, 0) as number | bigint), init.pointerSize);
  }
  if (error instanceof ProgramFailure && error.code === FailCode.UncaughtError) return errorObject(init, error.arg, init.pointerSize);
  if (error instanceof ProgramFailure) {
    const location = error.loc >= 0 && error.loc < init.locations.length ? init.locations[error.loc] : undefined;
    // A failure raised inside the runtime has no location of its own: the host takes the user's code that called it.
    return { message: failMessage(error.code, error.arg, init.strings), location, frames: location === undefined ? framesOf(error) : [] };
  }
  if (error instanceof Error && /does not export/.test(error.message)) return { message: `internal error: ${error.message}`, frames: [] };
  if (error instanceof HostFunctionFailure) return { message: error.message, frames: framesOf(error) };
  return { message: describeException(error), frames: framesOf(error) };
}
