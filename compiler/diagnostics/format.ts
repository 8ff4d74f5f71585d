import type { Diagnostic } from "./diagnostic.js";

/** `<file>:<line>:<col>: error: <message>` followed by a code frame, for each diagnostic. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map(formatDiagnostic).join("\n");
}

/** The widest source line a code frame shows; a longer one is cut around the error. */
const FRAME_WIDTH = 100;
/** How much of a cut line is shown before the error's column. */
const FRAME_LEAD = 40;

function formatDiagnostic(d: Diagnostic): string {
  const gutter = String(d.line);
  const pad = " ".repeat(gutter.length);
  // Control characters (a binary file, a stray escape) would garble the terminal.
  let text = d.lineText.replace(/\t/g, " ").replace(/[\u0000-\u001f\u007f-\u009f\uFFFD]/g, "?");
  let column = d.column;
  if (text.length > FRAME_WIDTH) {
    const start = Math.max(0, Math.min(column - 1 - FRAME_LEAD, text.length - FRAME_WIDTH));
    const end = Math.min(text.length, start + FRAME_WIDTH);
    text = (start > 0 ? "…" : "") + text.slice(start, end) + (end < d.lineText.length ? "…" : "");
    column = column - start + (start > 0 ? 1 : 0);
  }
  const caretPad = " ".repeat(Math.max(0, column - 1));
  const carets = "^".repeat(Math.max(1, Math.min(d.length, text.length - (column - 1))));
  return (
    `${d.file}:${d.line}:${d.column}: error: ${d.message}\n` +
    `${pad} |\n` +
    `${gutter} | ${text}\n` +
    `${pad} | ${caretPad}${carets}\n`
  );
}
