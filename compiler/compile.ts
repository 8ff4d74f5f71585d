// The compiler over a set of files (compiler/parse/files.ts): source file in, WebAssembly out.
//   parse -> check -> mid-end (midend/pipeline.ts) -> lower (into the prebuilt runtime's module) -> link (optimize, emit)
// Reached by the Node entry (index.ts) and the browser's (browser.ts), so it imports nothing of Node.
import { checkProgram } from "./check/index.js";
import { dedupeDiagnostics, sortDiagnostics, type Diagnostic } from "./diagnostics/diagnostic.js";
import { link, type OptimizeLevel } from "./link/link.js";
import { lowerProgram, type LoweredModule } from "./lower/module.js";
import { buildAndKeep, findRuntime, runtimeFingerprint, runtimeModule, type PrebuiltRuntime } from "./runtime/prebuilt.js";
import { withFiles, type CompilerFiles } from "./parse/files.js";
import { parseProgram, stackOverflowError } from "./parse/program.js";
import { isStackOverflow } from "./parse/nesting.js";
import { formatBarrierReport } from "./barriers/report.js";
import { formatMidEnd } from "./midend/print.js";
import { getTarget, type TargetName } from "../targets/target.js";
import { DEFAULT_STM, type StmAlgorithm } from "../runtime/abi.js";

export interface CompileOptions {
  target: TargetName;
  optimizeLevel: OptimizeLevel;
  emitText?: boolean;
  /** The sourceMappingURL to write into the module (the source map itself is returned). */
  sourceMapUrl?: string;
  /** Heap limit in 64 KiB pages; defaults to the target's. */
  maximumPages?: number;
  /** The STM algorithm the module is built for (default: etl). */
  stm?: StmAlgorithm;
  /** Also return the barrier plan as text (`--emit barriers`). */
  emitBarriers?: boolean;
  /** Also return the program's functions as the mid-end leaves them (`--emit ir`). */
  emitIr?: boolean;
  /**
   * Program files held in memory, by path (relative to the working directory, or absolute): they
   * are read from here, not from disk (the entry file too).
   */
  sources?: Readonly<Record<string, string>>;
}

/** `files`: the program's source files the compile read (absolute paths), for a watcher. */
export type CompileResult =
  | { ok: true; wasm: Uint8Array; text?: string; sourceMap?: string; barriers?: string; ir?: string; timings: Record<string, number>; files: string[] }
  | { ok: false; diagnostics: Diagnostic[]; files: string[] };

/** Compiles the program of `entryFile`, reading what it needs besides `options.sources` from `files`. */
export function compileWith(files: CompilerFiles, entryFile: string, options: CompileOptions): CompileResult {
  return withFiles(files, () => compileIn(files, entryFile, options));
}

function compileIn(files: CompilerFiles, entryFile: string, options: CompileOptions): CompileResult {
  const timings: Record<string, number> = {};
  const time = <T>(phase: string, f: () => T): T => {
    const start = performance.now();
    try {
      return f();
    } finally {
      timings[phase] = performance.now() - start;
    }
  };
  const target = getTarget(options.target);
  const stm = options.stm ?? DEFAULT_STM;
  // The runtime's declarations suffice when it comes prebuilt (most compiles): its bodies are
  // neither parsed nor checked. Where it does not (sources edited since the build), parsed again whole.
  let parsed = time("parse", () => parseProgram(files, entryFile, options.sources, { runtimeDeclarations: true }));
  let prebuilt: PrebuiltRuntime | null = null;
  let fingerprint = "";
  if (parsed.program !== null) {
    fingerprint = runtimeFingerprint(parsed.program.runtimeSources, files.root);
    prebuilt = findRuntime(files, target.name, stm, fingerprint);
    if (prebuilt === null && parsed.program.runtimeDeclarationsOnly) parsed = time("parse", () => parseProgram(files, entryFile, options.sources));
  }
  const program = parsed.program;
  const read = program === null ? [files.path.resolve(files.cwd, entryFile)] : program.userFiles.map((f) => f.fileName);
  if (program === null) return { ok: false, diagnostics: parsed.diagnostics, files: read };
  try {
    // With the runtime prebuilt, its bodies need no checking (most of the check phase's work).
    const checked = time("check", () => checkProgram(program, target, { runtimeBodies: prebuilt === null }));
    const diagnostics = dedupeDiagnostics([...parsed.diagnostics, ...checked.diagnostics]);
    if (diagnostics.length > 0 || checked.program === null) return { ok: false, diagnostics: sortDiagnostics(diagnostics), files: read };
    const runtime = time("runtime", () => runtimeModule(prebuilt ?? buildAndKeep(checked.program!, target, stm, fingerprint)));
    let lowered: LoweredModule;
    try {
      lowered = time("lower", () => lowerProgram(runtime, checked.program!, target, options.maximumPages ?? target.defaultMaximumPages, stm));
    } catch (error) {
      // The module holds the whole runtime: not left behind in a long-running process (--watch).
      runtime.module.dispose();
      throw error;
    }
    // link() frees the module.
    const linked = time("link", () =>
      link(lowered, { optimizeLevel: options.optimizeLevel, emitText: options.emitText ?? false, sourceMapUrl: options.sourceMapUrl }),
    );
    const barriers = options.emitBarriers ? formatBarrierReport(lowered.context.barrierReports) : undefined;
    const ir = options.emitIr && lowered.context.midEnd !== null ? formatMidEnd(lowered.context.midEnd, checked.program.functions, checked.program.userInit) : undefined;
    return { ok: true, wasm: linked.wasm, text: linked.text, sourceMap: linked.sourceMap, barriers, ir, timings, files: read };
  } catch (error) {
    // A program within MAX_NESTING whose shape still overflows one of the recursive passes.
    if (!isStackOverflow(error)) throw error;
    return { ok: false, diagnostics: [stackOverflowError(program.userFiles)], files: read };
  }
}

