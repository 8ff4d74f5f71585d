// Tests run many programs on many threads: on a loaded 2-core machine a test can take longer
// than vitest's default 5 s without anything being wrong. The limit only guards against hangs.
// Two files at a time even on 2 cores (vitest's default there is one): much of a test's time is
// spent waiting for child processes and worker threads. Files share a worker's loaded modules
// (isolate: false): each file loading TypeScript and Binaryen again cost about 2 of 14 minutes;
// the compiler and the host keep no state between compiles and runs.
import { defineConfig } from "vitest/config";

export default defineConfig({
  // The compiler loads TypeScript through compiler/typescript.cts (require(): faster on Node);
  // vitest transforms sources itself and takes the package directly.
  resolve: { alias: [{ find: /^(?:\.\.?\/)+(?:compiler\/)?typescript\.cjs$/, replacement: "typescript" }] },
  test: {
    testTimeout: 60_000,
    maxWorkers: 2,
    isolate: false,
  },
});
