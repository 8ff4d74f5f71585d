// The compiler in a web page (docs/embedding.md, "The compiler in a page"): no Node API on this
// path. What the compiler reads besides the program (the runtime sources, TypeScript's lib files)
// comes from one JSON bundle, fetched once by loadCompiler; the program comes from `compile`'s
// input. Its only bare imports are "typescript", "#binaryen" and "@jridgewell/*", which the page
// maps with an import map.
import ts from "./typescript.cjs";
import { compileWith, type CompileOptions, type CompileResult } from "./compile.js";
import { memoryFiles, type CompilerBundle, type CompilerFiles, type MemoryLayout } from "./parse/files.js";
import type { TargetName } from "../targets/target.js";

export { formatDiagnostics } from "./diagnostics/format.js";
export type { Diagnostic } from "./diagnostics/diagnostic.js";
export type { CompileOptions, CompileResult } from "./compile.js";
export type { CompilerBundle, MemoryLayout } from "./parse/files.js";

/** What `compile` compiles: one source text, or files held in memory (there is no disk). */
export type CompileInput = { source: string; name?: string } | { files: Readonly<Record<string, string>>; entry: string };

let files: CompilerFiles | null = null;
let loading: Promise<void> | null = null;

/**
 * Fetches the bundle (by default dist/browser/compiler-files.json, beside this module's folder)
 * once; later calls resolve at once. A failed fetch may be retried.
 */
export async function loadCompiler(bundleUrl: URL | string = new URL("../browser/compiler-files.json", import.meta.url)): Promise<void> {
  if (files !== null) return;
  if (loading === null) {
    loading = fetchBundle(bundleUrl);
    loading.catch(() => (loading = null));
  }
  return loading;
}

async function fetchBundle(url: URL | string): Promise<void> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot load the compiler's files from ${url}: HTTP ${response.status}`);
  useBundle((await response.json()) as CompilerBundle);
}

/**
 * Uses `bundle` without fetching it (Node, tests). `layout` places its files; by default the
 * working directory is "/" and stmc's runtime appears under /node_modules/stmc, so diagnostics
 * show the program's files as named and runtime locations as node_modules/stmc/runtime/...
 */
export function useBundle(bundle: CompilerBundle, layout?: MemoryLayout): void {
  // Lib files of another TypeScript than the one checking the program could disagree with it.
  if (bundle.typescript !== ts.version) {
    throw new Error(`the compiler's files were built with TypeScript ${bundle.typescript}, but TypeScript ${ts.version} is loaded`);
  }
  files = memoryFiles(bundle, layout);
}

/**
 * As stmc/api's `compile`, in memory: `compile({ source, name? })` compiles one text (named
 * `name`, default "main.ts"); `compile({ files, entry })` takes every file from the map. Options
 * default to wasm32, -O2, etl. Call loadCompiler first.
 */
export function compile(input: CompileInput, options: Partial<CompileOptions> = {}): CompileResult {
  if (files === null) throw new Error("the compiler is not loaded: await loadCompiler() first");
  if (typeof input !== "object" || input === null) throw new TypeError("compile takes { source, name? } or { files, entry }: a page has no files to read");
  const settings: CompileOptions = { target: "wasm32" as TargetName, optimizeLevel: 2, ...options };
  if ("source" in input) {
    const name = input.name ?? "main.ts";
    return compileWith(files, name, { ...settings, sources: { ...settings.sources, [name]: input.source } });
  }
  return compileWith(files, input.entry, { ...settings, sources: { ...settings.sources, ...input.files } });
}
