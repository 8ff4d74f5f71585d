// The browser host's threads: one module Web Worker per program thread, running
// browser-worker.js. A Web Worker has no exit event: a thread is over when it posts its last
// message (exit, failure or fatal), fails to load or run, or is terminated; the host then ends
// the worker and reports the exit itself.
import type { SpawnThread } from "./app.js";
import type { WorkerMessage } from "./protocol.js";

/** A Web Worker, as much of it as is used here (Node's lib does not type the DOM's Worker). */
interface WebWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onmessageerror: ((event: unknown) => void) | null;
  onerror: ((event: { message?: string; preventDefault(): void }) => void) | null;
}
type WebWorkerConstructor = new (url: URL | string, options: { type: "module"; name?: string }) => WebWorker;

/** Threads running `script` (browser-worker.js) as module workers. */
export function browserThreads(script: URL | string): SpawnThread {
  const Worker = (globalThis as unknown as { Worker?: WebWorkerConstructor }).Worker;
  if (Worker === undefined) throw new Error("this JavaScript environment has no Web Workers, which stmc programs run on");
  return (init, events) => {
    const worker = new Worker(script, { type: "module", name: `stmc thread ${init.threadIndex}` });
    let over = false;
    const exit = (code: number): void => {
      if (over) return;
      over = true;
      worker.terminate();
      events.exit(code);
    };
    worker.onmessage = (event) => {
      if (over) return;
      const message = event.data as WorkerMessage;
      events.message(message);
      if (message.type === "exit" || message.type === "failure" || message.type === "fatal") exit(0);
    };
    worker.onmessageerror = () => {
      events.error(new Error("a message from the thread could not be read"));
      exit(1);
    };
    worker.onerror = (event) => {
      // An error the thread did not catch (its script failed to load, or threw): the thread is lost.
      event.preventDefault();
      events.error(new Error(event.message ?? `the thread's script ${String(script)} failed to load`));
      exit(1);
    };
    worker.postMessage(init);
    return { post: (message) => worker.postMessage(message), terminate: () => exit(1) };
  };
}
