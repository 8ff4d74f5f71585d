import type { Diagnostic } from "./diagnostic.js";

/** `<file>:<line>:<col>: error: <message>` followed by a code frame, for each diagnostic. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map(formatDiagnostic).join("\n");
}

function formatDiagnostic(d: Diagnostic): string {
  const gutter = String(d.line);
  const pad = " ".repeat(gutter.length);
  const text = d.lineText.replace(/\t/g, " ");
  const caretPad = " ".repeat(Math.max(0, d.column - 1));
  const carets = "^".repeat(Math.max(1, Math.min(d.length, text.length - (d.column - 1))));
  return (
    `${d.file}:${d.line}:${d.column}: error: ${d.message}\n` +
    `${pad} |\n` +
    `${gutter} | ${text}\n` +
    `${pad} | ${caretPad}${carets}\n`
  );
}
