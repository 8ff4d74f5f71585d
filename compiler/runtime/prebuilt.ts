// The runtime (runtime/core), lowered and optimized once per target and STM algorithm: when the
// package is built (build-runtime.ts writes dist/runtime/prebuilt/<target>-<stm>.json), or, where
// that file is missing or was built from other sources, once per process. Each compile reads the
// runtime's module back from its binary and lowers only the program into it (lower/module.ts), so
// a compile parses and checks the runtime (the program's calls need its declarations) but no
// longer lowers or optimizes it.
import binaryen from "#binaryen";
import { ABI_VERSION, HOST_MODULE, type SourceLocation, type StmAlgorithm } from "../../runtime/abi.js";
import type { Target, TargetName } from "../../targets/target.js";
import type { CheckedProgram } from "../check/ir.js";
import { optimizeRuntime } from "../link/link.js";
import { lowerRuntime, runtimeExport, type RuntimeFacts, type RuntimeModule } from "../lower/module.js";
import { activeFiles, type CompilerFiles } from "../parse/files.js";
import { displayPath } from "../diagnostics/diagnostic.js";
import { textHash } from "./declarations.js";

/** Changes when the file's shape or the runtime's lowering contract does. */
const FORMAT = 2;

/** As stored: the locations' files are relative to the package root (shown from each compile's working directory). */
export interface PrebuiltRuntime extends RuntimeFacts {
  readonly format: number;
  /** Of the runtime's sources and the ABI (runtimeFingerprint). */
  readonly fingerprint: string;
  readonly target: TargetName;
  readonly stm: StmAlgorithm;
  /** The optimized module, base64. */
  readonly wasm: string;
}

/** Where the build writes the runtime for `target` and `stm`, relative to the package root. */
export function prebuiltFile(target: TargetName, stm: StmAlgorithm): string {
  return `dist/runtime/prebuilt/${target}-${stm}.json`;
}

/** Identifies the runtime's sources (in the order the compiler reads them) and the ABI they were built for. */
export function runtimeFingerprint(sources: ReadonlyArray<{ fileName: string; text: string }>, root: string): string {
  const parts = [`stmc runtime ${FORMAT} abi ${ABI_VERSION}\n`];
  for (const file of sources) parts.push(file.fileName.startsWith(root) ? file.fileName.slice(root.length) : file.fileName, "\0", file.text, "\0");
  return textHash(parts);
}

/** Lowers and optimizes the runtime part of `program` (any program: the runtime's part is the same in all). */
export function buildRuntime(program: CheckedProgram, target: Target, stm: StmAlgorithm, fingerprint: string): PrebuiltRuntime {
  const lowered = lowerRuntime(program, target, stm);
  optimizeRuntime(lowered.module);
  const wasm = lowered.module.emitBinary();
  lowered.module.dispose();
  // The binary names no import: record the names the reader gives them, which every compile sees.
  const read = binaryen.readBinary(wasm);
  const hostImports: Record<string, string> = {};
  for (let i = 0; i < read.getNumFunctions(); i++) {
    const info = binaryen.getFunctionInfo(read.getFunctionByIndex(i));
    if (info.module === HOST_MODULE && info.base !== null) hostImports[info.base] = info.name;
  }
  for (let i = 0; i < read.getNumExports(); i++) {
    const exported = binaryen.getExportInfo(read.getExportByIndex(i));
    if (exported.kind === binaryen.ExternalFunction && exported.name !== runtimeExport.function(exported.value)) {
      throw new Error(`the runtime's export ${exported.name} names function ${exported.value}: the optimizer renamed it`);
    }
  }
  const memory = /\(import\s"[^"]*"\s"[^"]*"\s\(memory\s\$(\S+)/.exec(read.emitText());
  read.dispose();
  if (memory === null) throw new Error("the runtime's module imports no memory");
  return {
    format: FORMAT,
    fingerprint,
    target: target.name,
    stm,
    staticEnd: lowered.staticEnd,
    strings: [...lowered.context.strings],
    locations: lowered.context.locations.map(([file, line, column]) => [packagePath(file), line, column]),
    hostImports,
    memoryName: memory[1],
    stopping: lowered.context.safepoints.runtimeStopping(),
    wasm: toBase64(wasm),
  };
}

/** A fresh module of the runtime, for one compile to lower its program into. */
export function runtimeModule(runtime: PrebuiltRuntime): RuntimeModule {
  const { root, path } = activeFiles();
  const locations = runtime.locations.map(([file, line, column]): SourceLocation => [displayPath(path.join(root, file)), line, column]);
  return { ...runtime, locations, module: binaryen.readBinary(fromBase64(runtime.wasm)) };
}

/** A runtime file's location as the build saw it (shown from its working directory) made relative to the package. */
function packagePath(file: string): string {
  const { cwd, root, path } = activeFiles();
  return path.relative(root, path.resolve(cwd, file)).replaceAll("\\", "/");
}

const built = new Map<string, PrebuiltRuntime>();

/**
 * The runtime for `target` and `stm` built from the sources of this fingerprint, if this process
 * has it (from an earlier compile) or the package's build does; else null.
 */
export function findRuntime(files: CompilerFiles, target: TargetName, stm: StmAlgorithm, fingerprint: string): PrebuiltRuntime | null {
  const key = cacheKey(target, stm, fingerprint);
  let runtime = built.get(key) ?? null;
  if (runtime === null) {
    runtime = readPrebuilt(files, target, stm, fingerprint);
    if (runtime !== null) built.set(key, runtime);
  }
  return runtime;
}

/**
 * For a compile that found no runtime (findRuntime): builds it from `program`, which must have its
 * runtime bodies checked, and keeps it for the rest of the process.
 */
export function buildAndKeep(program: CheckedProgram, target: Target, stm: StmAlgorithm, fingerprint: string): PrebuiltRuntime {
  const runtime = buildRuntime(program, target, stm, fingerprint);
  built.set(cacheKey(target.name, stm, fingerprint), runtime);
  return runtime;
}

function cacheKey(target: TargetName, stm: StmAlgorithm, fingerprint: string): string {
  return `${target}/${stm}/${fingerprint}`;
}

function readPrebuilt(files: CompilerFiles, target: TargetName, stm: StmAlgorithm, fingerprint: string): PrebuiltRuntime | null {
  const text = files.readPackageFile(prebuiltFile(target, stm));
  if (text === undefined) return null;
  let runtime: PrebuiltRuntime;
  try {
    runtime = JSON.parse(text) as PrebuiltRuntime;
  } catch {
    return null;
  }
  // Built from other sources (a runtime file edited since the build): built again, not used.
  const current = runtime.format === FORMAT && runtime.fingerprint === fingerprint && runtime.target === target && runtime.stm === stm;
  return current ? runtime : null;
}

// atob/btoa: in Node 16+ and every browser.
function toBase64(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
