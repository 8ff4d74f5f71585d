// The worker thread script: instantiates the compiled module on the shared memory and, on thread
// 0, runs __stmc_init(threads) and main(). Always loaded from dist/runtime/host/worker.js.
//
// Every thread instantiates the same WebAssembly.Module against the same shared memory, so wasm
// globals are per thread and memory is shared; the host starts one worker per thread with its
// thread index (today only thread 0 exists).

import { parentPort, workerData } from "node:worker_threads";
import { failMessage, HOST_MODULE, HostImport, MEMORY_MODULE, MEMORY_NAME, ModuleExport } from "../abi.js";
import { describeException, locationFromStack, type ProgramError } from "./report.js";
import type { WorkerInit, WorkerMessage } from "./protocol.js";

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

const OUTPUT_CHUNK = 64 * 1024;

function post(message: WorkerMessage): void {
  parentPort!.postMessage(message);
}

function run(init: WorkerInit): void {
  // ---- output: values of one line joined by single spaces, posted in chunks of whole lines
  let buffer = "";
  let lineStarted = false;
  const flush = (): void => {
    if (buffer.length > 0) {
      post({ type: "output", text: buffer });
      buffer = "";
    }
  };
  const value = (text: string): void => {
    if (lineStarted) buffer += " ";
    else lineStarted = true;
    buffer += text;
  };
  const strings = init.strings;
  const imports = {
    [MEMORY_MODULE]: { [MEMORY_NAME]: init.memory },
    [HOST_MODULE]: {
      [HostImport.printI32]: (x: number) => value(String(x)),
      [HostImport.printI64]: (x: bigint) => value(String(x)),
      [HostImport.printF64]: (x: number) => value(String(x)),
      [HostImport.printBool]: (x: number) => value(x !== 0 ? "true" : "false"),
      [HostImport.printStr]: (id: number) => value(strings[id] ?? `<string #${id}>`),
      [HostImport.printEnd]: () => {
        buffer += "\n";
        lineStarted = false;
        if (buffer.length >= OUTPUT_CHUNK) flush();
      },
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
  const initFn = exports[ModuleExport.init];
  const mainFn = exports[ModuleExport.main];
  if (typeof initFn !== "function" || typeof mainFn !== "function") {
    post({ type: "fatal", message: `the module does not export ${ModuleExport.init} and ${ModuleExport.main}` });
    return;
  }
  if (init.threadIndex !== 0) {
    // Other threads take tasks from the in-wasm scheduler; not implemented yet.
    post({ type: "fatal", message: `thread ${init.threadIndex}: only one thread is supported so far` });
    return;
  }

  let result: WorkerMessage;
  try {
    initFn(init.threads);
    const returned = mainFn();
    result = { type: "exit", exitCode: init.mainReturnsI32 ? Number(returned) | 0 : 0 };
  } catch (error) {
    result = { type: "failure", error: programError(error, init) };
  }
  flush();
  post(result);
}

function programError(error: unknown, init: WorkerInit): ProgramError {
  if (error instanceof ProgramFailure) {
    const location = error.loc >= 0 && error.loc < init.locations.length ? init.locations[error.loc] : undefined;
    // A failure raised inside the runtime has no location of its own: take the user's code that called it.
    return { message: failMessage(error.code, error.arg, init.strings), location: location ?? locationFromStack(error, init.functions, init.sourceMap) };
  }
  return { message: describeException(error), location: locationFromStack(error, init.functions, init.sourceMap) };
}

run(workerData as WorkerInit);
