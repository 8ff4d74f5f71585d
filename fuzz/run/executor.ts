// Child process: compiles programs in-process (compileFile, as the CLI does) and runs them
// (runModule), for the fuzzer over IPC. Started by child.ts with the programs' folder as its cwd.
import { compileFile, formatDiagnostics } from "../../compiler/index.js";
import { runModule } from "../../runtime/host/index.js";
import { RANDOM_SEED } from "./protocol.js";
import type { CompileReply, CompileRequest, ConfigResult } from "./protocol.js";

async function handle(req: CompileRequest): Promise<CompileReply> {
  const results: ConfigResult[] = [];
  for (const config of req.configs) {
    let compiled;
    try {
      compiled = compileFile(req.file, { target: config.target, optimizeLevel: config.optimizeLevel, stm: config.stm });
    } catch (error) {
      results.push({ config, compile: "internal", text: error instanceof Error ? (error.stack ?? error.message) : String(error), runs: [] });
      continue;
    }
    if (!compiled.ok) {
      let text: string;
      try {
        text = formatDiagnostics(compiled.diagnostics);
      } catch (error) {
        results.push({ config, compile: "internal", text: `formatDiagnostics threw: ${error instanceof Error ? error.stack : String(error)}`, runs: [] });
        continue;
      }
      results.push({ config, compile: "rejected", text, runs: [] });
      continue;
    }
    const result: ConfigResult = { config, compile: "ok", text: "", runs: [] };
    for (const threads of config.threads) {
      let stdout = "";
      let stderr = "";
      try {
        const r = await runModule(compiled.wasm, { threads, seed: RANDOM_SEED, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), gcStress: req.gcStress });
        result.runs.push({ threads, stdout, stderr, exitCode: r.exitCode });
      } catch (error) {
        result.runs.push({ threads, stdout, stderr, exitCode: -1, fatal: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    }
    results.push(result);
  }
  return { id: req.id, results };
}

let queue: Promise<void> = Promise.resolve();
process.on("message", (req: CompileRequest) => {
  queue = queue.then(async () => void process.send!(await handle(req)));
});
