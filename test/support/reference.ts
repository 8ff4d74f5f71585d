// The reference runner (runtime/reference/run.ts) run from its compiled form in dist/, in a child
// process started in the repository root, as `stmc run --reference` runs it; several programs
// share one process. Needs `tsc -p tsconfig.json` first.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const REFERENCE_JS = path.join(ROOT, "dist/runtime/reference/run.js");

export interface Result {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * Runs `runReference(file, options)` for each file, one after another, in one fresh Node process.
 * After each program the child writes a NUL line (with the exit code on stdout) to both streams,
 * so that the output can be split per program.
 */
export function runPrograms(files: string[], options: object = {}): Promise<Result[]> {
  const script = [
    `import fs from "node:fs";`,
    `import { runReference } from ${JSON.stringify(pathToFileURL(REFERENCE_JS).href)};`,
    `const options = JSON.parse(process.argv[1]);`,
    `for (const file of process.argv.slice(2)) {`,
    `  const { exitCode } = await runReference(file, options);`,
    `  fs.writeSync(1, "\\0" + exitCode + "\\n");`,
    `  fs.writeSync(2, "\\0\\n");`,
    `}`,
  ].join("\n");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script, JSON.stringify(options), ...files], { cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    child.on("error", reject);
    child.on("close", (status) => {
      const outs = stdout.split(/\0(-?\d+)\n/); // [out, code, out, code, ..., rest]
      const errs = stderr.split("\0\n");
      const results: Result[] = files.map((_, i) => ({ stdout: outs[2 * i] ?? "", stderr: errs[i] ?? "", code: Number(outs[2 * i + 1]) }));
      if (status !== 0 || outs.length !== 2 * files.length + 1) {
        reject(new Error(`runner process failed (status ${status}):\n${stderr}`));
      } else {
        resolve(results);
      }
    });
  });
}

export async function runProgram(file: string, options: object = {}): Promise<Result> {
  return (await runPrograms([file], options))[0];
}
