// The thread script of the Node host (worker_threads): always loaded from
// dist/runtime/host/worker.js; the thread itself is thread.ts.
import { parentPort, workerData } from "node:worker_threads";
import { runThread } from "./thread.js";
import type { HostMessage, WorkerInit } from "./protocol.js";

const port = parentPort!;
runThread(workerData as WorkerInit, {
  post: (message) => port.postMessage(message),
  listen: (handler) => port.on("message", (message: HostMessage) => handler(message)),
  close: () => port.close(),
});
