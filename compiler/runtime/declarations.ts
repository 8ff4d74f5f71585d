// The runtime's sources with their function bodies emptied: what a compile whose runtime comes
// prebuilt (prebuilt.ts) parses instead of the sources. Such a compile needs only the runtime's
// declarations (checkProgram's runtimeBodies: false), and TypeScript parses and binds every body
// of a file it is given: about a fifth of a small program's parse phase and a few MB of syntax
// trees went to bodies nothing read. Written by the build (build-runtime.ts) beside the prebuilt
// runtimes; each file is used only while its source is the text it was made from.
import ts from "../typescript.cjs";

/** Changes when the file's shape or what is emptied does. */
const FORMAT = 1;

/** As stored: per runtime file (path relative to the package root), its source's hash and its declarations. */
export interface RuntimeDeclarations {
  readonly format: number;
  readonly files: Record<string, { readonly hash: string; readonly text: string }>;
}

/** Where the build writes them, relative to the package root. */
export const DECLARATIONS_FILE = "dist/runtime/prebuilt/declarations.json";

/** A hash of `text` (two 32-bit FNV-style lanes): identifies a source, not a secret. */
export function textHash(texts: readonly string[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x9e3779b9;
  for (const text of texts) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
  }
  return (h1 >>> 0).toString(16).padStart(8, "0") + (h2 >>> 0).toString(16).padStart(8, "0");
}

/**
 * `text` with the bodies of its functions, methods, accessors and constructors emptied (blanked:
 * every character but line breaks becomes a space, so every position, which locations and
 * diagnostics report, stays where it was). A body is kept where TypeScript would infer the
 * declaration's type from it (no return type written).
 */
export function emptyBodies(fileName: string, text: string): string {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, false);
  const bodies: Array<{ start: number; end: number }> = [];
  const visit = (node: ts.Node): void => {
    if (isEmptiable(node)) {
      bodies.push({ start: node.body.getStart(file), end: node.body.getEnd() });
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = "";
  let at = 0;
  for (const { start, end } of bodies) {
    out += text.slice(at, start) + "{" + text.slice(start + 1, end - 1).replace(/[^\n]/g, " ") + "}";
    at = end;
  }
  return out + text.slice(at);
}

type WithBody = ts.FunctionLikeDeclarationBase & { body: ts.Block };

function isEmptiable(node: ts.Node): node is WithBody {
  const declares =
    ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node) || ts.isConstructorDeclaration(node);
  if (!declares) return false;
  const fn = node as ts.FunctionLikeDeclarationBase;
  if (fn.body === undefined || !ts.isBlock(fn.body)) return false;
  return fn.type !== undefined || ts.isConstructorDeclaration(node) || ts.isSetAccessorDeclaration(node);
}

/** The declarations of `sources` (path relative to the package root -> text), for the build to write. */
export function makeDeclarations(sources: ReadonlyArray<{ path: string; text: string }>): RuntimeDeclarations {
  const files: Record<string, { hash: string; text: string }> = {};
  for (const { path, text } of sources) files[path] = { hash: textHash([text]), text: emptyBodies(path, text) };
  return { format: FORMAT, files };
}

/** The declarations as the build stored them, or null where there are none (or of another format). */
export function readDeclarations(text: string | undefined): RuntimeDeclarations | null {
  if (text === undefined) return null;
  try {
    const parsed = JSON.parse(text) as RuntimeDeclarations;
    return parsed.format === FORMAT ? parsed : null;
  } catch {
    return null;
  }
}
