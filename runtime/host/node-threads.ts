// The Node host's threads: one worker_threads Worker per program thread, running worker.js.
import { Worker } from "node:worker_threads";
import type { SpawnThread } from "./app.js";
import type { WorkerMessage } from "./protocol.js";

/**
 * A worker inherits the process's Node options, but refuses to start under `--input-type`
 * (`node --input-type=module -e ...`); passed explicitly, it refuses V8's options too. The worker
 * script needs none of them (V8's flags are process-wide anyway), so then it gets none.
 */
const WORKER_EXEC_ARGV = process.execArgv.some((arg) => arg.startsWith("--input-type")) ? [] : undefined;

/** Threads running `script` (dist/runtime/host/worker.js) with `stackSizeMb` MiB of stack each. */
export function nodeThreads(script: URL, stackSizeMb: number): SpawnThread {
  return (init, events) => {
    const worker = new Worker(script, { workerData: init, resourceLimits: { stackSizeMb }, stdout: false, stderr: false, execArgv: WORKER_EXEC_ARGV });
    worker.on("message", (message: WorkerMessage) => events.message(message));
    worker.on("error", (error) => events.error(error));
    worker.on("exit", (code) => events.exit(code));
    return { post: (message) => worker.postMessage(message), terminate: () => void worker.terminate() };
  };
}
