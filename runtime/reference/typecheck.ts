// The reference runner's front end: the program is checked by stmc's own checker, exactly as
// the compiler checks it. A program the compiler refuses is refused here too (with the
// compiler's first diagnostic), and for one it accepts the checker's types are kept for each
// expression, for the rewriting that makes the JavaScript compute what wasm computes.
import path from "node:path";
import type ts from "../../compiler/typescript.cjs";
import { checkProgram } from "../../compiler/check/index.js";
import { recordTypes } from "../../compiler/check/recorder.js";
import { dedupeDiagnostics, sortDiagnostics, type Diagnostic } from "../../compiler/diagnostics/diagnostic.js";
import { withFiles } from "../../compiler/parse/files.js";
import { nodeFiles } from "../../compiler/parse/node-files.js";
import { parseProgram } from "../../compiler/parse/program.js";
import type { Target } from "../../targets/target.js";
import { nodeKey, type TypeTable } from "./insert-checks.js";

export interface CheckedFile {
  /** The file's syntax tree, as the checker saw it. */
  readonly source: ts.SourceFile;
  /** The checker's types of its nodes. */
  readonly types: TypeTable;
}

/**
 * Checking only lays out objects by the target; nothing the reference computes depends on it.
 * (Written out rather than taken from targets/target.ts, which loads Binaryen.)
 */
const CHECK_TARGET: Target = { name: "wasm32", pointerSize: 4, pointerType: 0, memory64: false, defaultMaximumPages: 0 };

/** Checks the program of `entry`: its files (by absolute path), or the first compile error. */
export function checkForReference(entry: string): { files: Map<string, CheckedFile> } | { error: Diagnostic } {
  return withFiles(nodeFiles(), () => check(entry));
}

function check(entry: string): { files: Map<string, CheckedFile> } | { error: Diagnostic } {
  const parsed = parseProgram(nodeFiles(), entry);
  if (parsed.program === null) return { error: sortDiagnostics(parsed.diagnostics)[0] };
  const { result: checked, types } = recordTypes(() => checkProgram(parsed.program!, CHECK_TARGET));
  const diagnostics = dedupeDiagnostics([...parsed.diagnostics, ...checked.diagnostics]);
  if (diagnostics.length > 0) return { error: sortDiagnostics(diagnostics)[0] };
  if (checked.program === null) throw new Error("the checker found no error and no program");

  const tables = new Map<ts.SourceFile, Map<string, NonNullable<ReturnType<TypeTable["get"]>>>>();
  for (const file of parsed.program.userFiles) tables.set(file, new Map());
  for (const [node, nodeTypes] of types) tables.get(node.getSourceFile())?.set(nodeKey(node), nodeTypes);
  const files = new Map<string, CheckedFile>();
  for (const [source, table] of tables) {
    files.set(path.resolve(source.fileName), { source, types: { get: (node) => table.get(nodeKey(node)) } });
  }
  return { files };
}

