// The compiler's public API on Node: source file in, WebAssembly out (compile.ts), reading the
// runtime and TypeScript's lib files from disk. The browser's entry is browser.ts.
import { compileWith, type CompileOptions, type CompileResult } from "./compile.js";
import { nodeFiles } from "./parse/node-files.js";

export { formatDiagnostics } from "./diagnostics/format.js";
export type { Diagnostic } from "./diagnostics/diagnostic.js";
export type { CompileOptions, CompileResult } from "./compile.js";

export function compileFile(entryFile: string, options: CompileOptions): CompileResult {
  return compileWith(nodeFiles(), entryFile, options);
}
