// Tests run many programs on many threads: on a loaded 2-core machine a test can take longer
// than vitest's default 5 s without anything being wrong. The limit only guards against hangs.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 60_000,
  },
});
