// Child process: runs programs with the reference implementation (runReference, in-process, as
// `stmc run --reference` does). The reference writes to file descriptors 1 and 2 itself, so the
// parent reads them through pipes; a marker after each run tells where the run's output ends.
import fs from "node:fs";
import { runReference } from "../../runtime/reference/run.js";
import { marker, RANDOM_SEED, type ReferenceReply, type ReferenceRequest } from "./protocol.js";

async function handle(req: ReferenceRequest): Promise<ReferenceReply> {
  let exitCode = -1;
  let crash: string | undefined;
  try {
    exitCode = (await runReference(req.file, { threads: 1, seed: RANDOM_SEED })).exitCode;
  } catch (error) {
    crash = error instanceof Error ? (error.stack ?? error.message) : String(error);
  }
  for (const fd of [1, 2]) fs.writeSync(fd, marker(req.id));
  return { id: req.id, exitCode, crash };
}

// One run at a time: the reference's module state is global.
let queue: Promise<void> = Promise.resolve();
process.on("message", (req: ReferenceRequest) => {
  queue = queue.then(async () => void process.send!(await handle(req)));
});
