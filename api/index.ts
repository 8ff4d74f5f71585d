// `stmc/api`: the package's JavaScript interface in one typed module (docs/embedding.md): the
// compiler (compiler/) and the host that runs compiled modules on worker threads (runtime/host/).
import { compileFile, type CompileOptions, type CompileResult } from "../compiler/index.js";
import type { TargetName } from "../targets/target.js";

export { compileFile, formatDiagnostics, type CompileOptions, type CompileResult, type Diagnostic } from "../compiler/index.js";

/** What `compile` compiles: an entry file on disk, one source text, or files held in memory. */
export type CompileInput = string | { source: string; name?: string } | { files: Readonly<Record<string, string>>; entry: string };

/**
 * Compiles a program: `compile("src/main.ts")` reads files from disk; `compile({ source })`
 * compiles one text (named `name`, default "main.ts", in diagnostics and locations);
 * `compile({ files, entry })` takes every file from the map (relative imports between them
 * resolve there first). Options default to wasm32, -O2, etl.
 */
export function compile(input: CompileInput, options: Partial<CompileOptions> = {}): CompileResult {
  const settings: CompileOptions = { target: "wasm32" as TargetName, optimizeLevel: 2, ...options };
  if (typeof input === "string") return compileFile(input, settings);
  if ("source" in input) {
    const name = input.name ?? "main.ts";
    return compileFile(name, { ...settings, sources: { ...settings.sources, [name]: input.source } });
  }
  return compileFile(input.entry, { ...settings, sources: { ...settings.sources, ...input.files } });
}
export {
  runModule,
  instantiate,
  ProgramFailedError,
  readModuleMeta,
  readModuleInfo,
  ModuleFormatError,
  formatProgramError,
  memory64Support,
  type RunOptions,
  type RunResult,
  type App,
  type Value,
  type ExportSignature,
  type ValueKind,
  type HostFunction,
  type StmStats,
  type GcStats,
  type ModuleInfo,
  type ModuleMeta,
  type ProgramError,
  type SourceLocation,
} from "../runtime/host/index.js";
export { STM_ALGORITHMS, DEFAULT_STM, MAX_THREADS, type StmAlgorithm } from "../runtime/abi.js";
export type { TargetName } from "../targets/target.js";
