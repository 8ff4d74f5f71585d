// The thread script of the browser host (a module Web Worker): its first message is the thread's
// WorkerInit, later ones (thread 0) the host's calls. The thread itself is thread.ts.
import { runThread } from "./thread.js";
import type { HostMessage, WorkerInit, WorkerMessage } from "./protocol.js";

/** The worker's global scope, as much of it as is used here (not typed by Node's lib). */
const scope = globalThis as unknown as {
  postMessage(message: WorkerMessage): void;
  addEventListener(type: "message" | "messageerror", listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
  close(): void;
};

// A WorkerInit that cannot be read here would leave the host waiting for a message forever.
scope.addEventListener("messageerror", () => scope.postMessage({ type: "fatal", message: "the thread could not read the message that starts it" }));

const first = (event: { data: unknown }): void => {
  scope.removeEventListener("message", first);
  runThread(event.data as WorkerInit, {
    post: (message) => scope.postMessage(message),
    listen: (handler) => scope.addEventListener("message", (e) => handler(e.data as HostMessage)),
    close: () => scope.close(),
  });
};
scope.addEventListener("message", first);
