// Shared helpers of the end-to-end suites: compile a program in-process, validate it, run it on
// the host (capturing output), and run its reference (in a child process, as a user would).
import { spawnSync } from "node:child_process";
import path from "node:path";
import wabtInit from "wabt";
import { compileFile, formatDiagnostics, type CompileOptions } from "../../compiler/index.js";
import { runModule } from "../../runtime/host/index.js";
import type { TargetName } from "../../targets/target.js";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const CLI = path.join(ROOT, "bin/stmc");
export const TARGETS: TargetName[] = ["wasm32", "wasm64"];

export interface RunOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export function compileOrThrow(file: string, options: Partial<CompileOptions> = {}): Uint8Array {
  const result = compileFile(file, { target: "wasm32", optimizeLevel: 2, ...options });
  if (!result.ok) throw new Error(`compile errors:\n${formatDiagnostics(result.diagnostics)}`);
  return result.wasm;
}

let wabt: Awaited<ReturnType<typeof wabtInit>> | undefined;

/** Validates with wabt, independently of the Binaryen validation the compiler already did. */
export async function validateWithWabt(wasm: Uint8Array): Promise<void> {
  wabt ??= await wabtInit();
  const features = { threads: true, exceptions: true, memory64: true, bulk_memory: true, sat_float_to_int: true, sign_extension: true, mutable_globals: true };
  // wabt reads the whole underlying buffer: give it a copy of exactly the module's bytes.
  const module = wabt.readWasm(new Uint8Array(wasm), { readDebugNames: false, ...features });
  try {
    module.validate(features);
  } finally {
    module.destroy();
  }
}

export async function runWasm(wasm: Uint8Array, threads = 1): Promise<RunOutput> {
  let stdout = "";
  let stderr = "";
  const { exitCode } = await runModule(wasm, { threads, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { stdout, stderr, exitCode };
}

/** `stmc <args>` in a child process. */
export function cli(args: string[], cwd = ROOT): RunOutput {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", timeout: 120_000 });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status ?? -1 };
}

export function runReference(file: string): RunOutput {
  return cli(["run", "--reference", file]);
}
