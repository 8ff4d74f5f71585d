// A limit on how deeply a program may nest, checked before anything recursive runs over it.
//
// TypeScript's parser, the checker, the IR walkers and lowering all recurse over the syntax
// tree; on Node's default stack the first to overflow is TypeScript's parser at about 900
// nested parentheses, and our passes at about 2000 levels of operators or blocks. A program
// nested deeper than MAX_NESTING gets a positioned error instead: first from a scan of the text
// (brackets, before TypeScript parses it), then from an iterative walk of the syntax tree (a
// long chain of binary operators nests without brackets).
import ts from "../typescript.cjs";

export const MAX_NESTING = 500;

const OPENERS = new Set(["(", "[", "{"]);
const CLOSERS = new Set([")", "]", "}"]);

/** The offset of the first bracket nested deeper than MAX_NESTING in `text`, or -1. */
export function tooDeepBrackets(text: string): number {
  let depth = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === "/" && text[i + 1] === "/") {
      while (i < n && text[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") {
      i = skipString(text, i);
      continue;
    }
    if (OPENERS.has(c)) {
      depth++;
      if (depth > MAX_NESTING) return i;
    } else if (CLOSERS.has(c) && depth > 0) {
      depth--;
    }
    i++;
  }
  return -1;
}

/** The offset after the string or template literal starting at `start` (template holes are skipped whole). */
function skipString(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === "\\") i += 2;
    else if (c === quote) return i + 1;
    else if (quote !== "`" && c === "\n") return i;
    else i++;
  }
  return i;
}

/**
 * Visits the nodes of `file` in source order with their depth, without recursion (the point is
 * to survive trees too deep for it), until `visit` returns true.
 */
function walkDepthFirst(file: ts.SourceFile, visit: (node: ts.Node, depth: number) => boolean): void {
  const stack: Array<[ts.Node, number]> = [[file, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (visit(node, depth)) return;
    const children: ts.Node[] = [];
    ts.forEachChild(node, (child) => {
      children.push(child);
    });
    // Reversed, so that nodes come off the stack in source order.
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], depth + 1]);
  }
}

/** The first node of `file` nested deeper than MAX_NESTING syntax nodes, or null. */
export function tooDeepNode(file: ts.SourceFile): ts.Node | null {
  let found = null as ts.Node | null;
  walkDepthFirst(file, (node, depth) => {
    if (depth > MAX_NESTING) found = node;
    return found !== null;
  });
  return found;
}

/** The most deeply nested node of `files` (the first in the source among equals), with its file. */
export function deepestNode(files: readonly ts.SourceFile[]): { file: ts.SourceFile; node: ts.Node } | null {
  type Deepest = { file: ts.SourceFile; node: ts.Node; depth: number };
  let best = null as Deepest | null;
  for (const file of files) {
    walkDepthFirst(file, (node, depth) => {
      if (best === null || depth > best.depth) best = { file, node, depth };
      return false;
    });
  }
  return best === null ? null : { file: best.file, node: best.node };
}

/**
 * For a text whose parse overflows the stack although its brackets stay within MAX_NESTING (a
 * long `else if` chain nests one statement per link): the parse of the longest prefix that
 * `parse` takes (it ends about where the nesting became too deep). A binary search: about 20
 * parses of prefixes. The parse is kept, not redone: how deep the stack goes depends on how far
 * V8 has optimized the parser, so the same prefix may overflow a second time.
 */
export function parsablePrefix<T>(text: string, parse: (prefix: string) => T): T {
  let good = 0;
  let parsed = parse("");
  let bad = text.length;
  while (bad - good > 1) {
    const middle = (good + bad) >> 1;
    try {
      parsed = parse(text.slice(0, middle));
      good = middle;
    } catch (error) {
      if (!isStackOverflow(error)) throw error;
      bad = middle;
    }
  }
  return parsed;
}

/** Whether `error` is JavaScript's stack overflow. */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}
