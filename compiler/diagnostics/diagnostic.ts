import ts from "../typescript.cjs";
import { activeFiles } from "../parse/files.js";

/** One error the user can cause, located in their source. */
export interface Diagnostic {
  /** Path as shown to the user (relative to the working directory when possible). */
  file: string;
  /** 1-based. */
  line: number;
  column: number;
  /** Characters the error spans on its line (for the code frame's underline). */
  length: number;
  message: string;
  /** The source line, for the code frame. */
  lineText: string;
}

/** `fileName` relative to the compile's working directory when under it, else as it is. */
export function displayPath(fileName: string): string {
  const { cwd, path } = activeFiles();
  const rel = path.relative(cwd, path.resolve(cwd, fileName));
  return rel.startsWith("..") || path.isAbsolute(rel) ? fileName : rel;
}

export function diagnosticAt(sourceFile: ts.SourceFile, start: number, end: number, message: string): Diagnostic {
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(start);
  const lineStarts = sourceFile.getLineStarts();
  const lineStart = lineStarts[line];
  const lineEnd = line + 1 < lineStarts.length ? lineStarts[line + 1] : sourceFile.text.length;
  const lineText = sourceFile.text.slice(lineStart, lineEnd).replace(/\r?\n$/, "");
  const length = Math.max(1, Math.min(end, lineStart + lineText.length) - start);
  return { file: displayPath(sourceFile.fileName), line: line + 1, column: character + 1, length, message, lineText };
}

export function diagnosticForNode(node: ts.Node, message: string): Diagnostic {
  const sourceFile = node.getSourceFile();
  return diagnosticAt(sourceFile, node.getStart(sourceFile), node.getEnd(), message);
}

/** Thrown by a phase that cannot go on; carries every diagnostic found so far. */
export class CompileError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`).join("\n"));
  }
}

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) =>
    a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.line - b.line || a.column - b.column,
  );
}

/** TypeScript and stmc may both report the same spot; keep stmc's message, which names the subset. */
export function dedupeDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of [...diagnostics].reverse()) {
    const key = `${d.file}:${d.line}:${d.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out.reverse();
}
