// The reference runner: runs an stmc program unchanged, sequentially, on Node. Its output is
// the oracle that compiled programs are compared with.
//
// The program is first checked by stmc's checker, as the compiler checks it (typecheck.ts): what
// the compiler refuses is refused here too. Then the entry file and every file it imports
// relatively are transpiled with TypeScript into a fresh temporary directory; "stmc" is bound to
// the compiled stmc.js next to this file. Plain JavaScript neither computes nor checks what the
// compiled code does, so the transpiler rewrites the program with the checker's types: i32
// arithmetic wraps, i64 is a 64-bit BigInt, and what fails in wasm fails here with the same
// message at the same place (insert-checks.ts, arith.ts, checks.ts).

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "../../compiler/typescript.cjs";
import { displayPath } from "../../compiler/parse/node-files.js";
import type { SourceLocation } from "../abi.js";
import { formatProgramError } from "../host/report.js";
import { insertChecks } from "./insert-checks.js";
import { __stmc_seedRandom } from "./checks.js";
import { __reference } from "./stmc.js";
import { checkForReference, type CheckedFile } from "./typecheck.js";

const STMC_URL = new URL("./stmc.js", import.meta.url).href;
const CHECKS_URL = new URL("./checks.js", import.meta.url).href;

export interface ReferenceOptions {
  /** What transaction.getNumThreads() returns at start (default 1). */
  threads?: number;
  /**
   * Compute and check as the compiled code does (default true). Off, the program runs as plain
   * JavaScript (numbers are doubles, nothing is checked): a V8 baseline without the cost.
   */
  checks?: boolean;
  /** Math.random's seed (the compiled program's generator, seeded alike); by default a random one. */
  seed?: number;
  /** Called right before main() runs, after the program is transpiled and loaded (benchmarks time from here). */
  onStart?: () => void;
}

/** Runs `main()` of the program whose entry is `entryFile`; errors go to stderr as `error: ...`. */
export async function runReference(entryFile: string, options: ReferenceOptions = {}): Promise<{ exitCode: number }> {
  process.setSourceMapsEnabled(true);
  __reference.reset({ threads: options.threads ?? 1, write: (text) => writeAll(1, text) });
  __stmc_seedRandom(options.seed ?? Math.floor(Math.random() * 4294967296));
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "stmc-ref-"));
  let program: Program | undefined;
  try {
    program = transpileProgram(path.resolve(entryFile), tempDir, options.checks ?? true);
    const entry = (await import(pathToFileURL(program.entryOut).href)) as { main?: unknown };
    if (typeof entry.main !== "function") throw new Error(`${displayPath(program.entrySource)} does not export a function main`);
    options.onStart?.();
    const result: unknown = entry.main();
    __reference.flush();
    return { exitCode: typeof result === "number" ? result : 0 };
  } catch (error) {
    reportError(error, program);
    return { exitCode: 1 };
  } finally {
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

// ---- transpiling -------------------------------------------------------------------------

interface Program {
  entrySource: string;
  entryOut: string;
  /** Absolute paths of the program's source files. */
  sources: Set<string>;
  /** Output .js path -> source .ts path. */
  outToSource: Map<string, string>;
  /** Source path -> its syntax tree (to turn a JavaScript stack position into stmc's location). */
  trees: Map<string, ts.SourceFile>;
}

/** A compile-time problem found by the runner, reported at a source location. */
class SourceError extends Error {
  constructor(message: string, readonly file: string, readonly line: number, readonly column: number) {
    super(message);
  }
}

function transpileProgram(entry: string, outDir: string, checks: boolean): Program {
  const checked = checkForReference(entry);
  if ("error" in checked) throw new SourceError(checked.error.message, path.resolve(checked.error.file), checked.error.line, checked.error.column);
  for (const [file, { source }] of checked.files) {
    const host = source.statements.find((s) => ts.isFunctionDeclaration(s) && s.body === undefined && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword));
    if (host === undefined) continue;
    const { line, character } = source.getLineAndCharacterOfPosition(host.getStart(source));
    const name = (host as ts.FunctionDeclaration).name?.text ?? "";
    throw new SourceError(`the reference run cannot call host function '${name}': an embedder supplies it (instantiate's imports, stmc/api)`, path.resolve(file), line + 1, character + 1);
  }

  // Find every file, following relative imports transitively.
  const imports = new Map<string, Map<string, string>>(); // file -> specifier -> resolved file
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (imports.has(file)) continue;
    if (!fs.existsSync(file)) throw new Error(`cannot read ${displayPath(file)}`);
    const text = fs.readFileSync(file, "utf8");
    const resolved = new Map<string, string>();
    imports.set(file, resolved);
    for (const ref of ts.preProcessFile(text, true, true).importedFiles) {
      const spec = ref.fileName;
      if (spec === "stmc") continue;
      const where = locate(file, text, ref.pos);
      if (!spec.startsWith("./") && !spec.startsWith("../")) {
        throw new SourceError(`cannot import "${spec}": only "stmc" and relative imports are allowed`, ...where);
      }
      const target = resolveRelative(file, spec);
      if (target === undefined) throw new SourceError(`cannot find module "${spec}"`, ...where);
      resolved.set(spec, target);
      pending.push(target);
    }
  }

  // Mirror the files below their common directory.
  const sources = [...imports.keys()];
  let root = path.dirname(entry);
  for (const file of sources) {
    while (path.relative(root, file).startsWith("..")) root = path.dirname(root);
  }
  const outPath = (file: string) => path.join(outDir, path.relative(root, file)).replace(/\.ts$/, ".js");

  const outToSource = new Map<string, string>();
  for (const file of sources) {
    const specifiers = new Map<string, string>([["stmc", STMC_URL]]);
    for (const [spec, target] of imports.get(file)!) {
      let rel = path.relative(path.dirname(file), target).split(path.sep).join("/").replace(/\.ts$/, ".js");
      if (!rel.startsWith(".")) rel = "./" + rel;
      specifiers.set(spec, rel);
    }
    const checkedFile = checked.files.get(file);
    if (checks && checkedFile === undefined) throw new Error(`internal error: ${displayPath(file)} was not checked`);
    const out = transpileFile(file, specifiers, checks ? checkedFile : undefined);
    const target = outPath(file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, out);
    outToSource.set(target, file);
  }
  const trees = new Map([...checked.files].map(([file, c]) => [file, c.source]));
  return { entrySource: entry, entryOut: outPath(entry), sources: new Set(sources), outToSource, trees };
}

function resolveRelative(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  const candidates = spec.endsWith(".ts") ? [base] : spec.endsWith(".js") ? [base.slice(0, -3) + ".ts"] : [base + ".ts", path.join(base, "index.ts")];
  return candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
}

/** Transpiles one file; with its checked form, rewritten to compute and check as compiled code does. */
function transpileFile(file: string, specifiers: Map<string, string>, checked: CheckedFile | undefined): string {
  const used = new Set<string>();
  const result = ts.transpileModule(fs.readFileSync(file, "utf8"), {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      inlineSourceMap: true,
      // Stack traces then name the original file, not the temporary copy.
      sourceRoot: pathToFileURL(path.dirname(file)).href + "/",
    },
    transformers: { before: checked !== undefined ? [insertChecks(used, checked.types)] : [], after: [linkImports(specifiers, used)] },
  });
  const diagnostic = result.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (diagnostic !== undefined) {
    const where: [string, number, number] = diagnostic.file ? locate(file, diagnostic.file.text, diagnostic.start ?? 0) : [file, 1, 1];
    throw new SourceError(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"), ...where);
  }
  return result.outputText;
}

/** Points import specifiers at the transpiled files and imports the checks used. */
function linkImports(specifiers: Map<string, string>, used: Set<string>): ts.TransformerFactory<ts.SourceFile> {
  return (context) => {
    const f = context.factory;
    const relink = (spec: ts.Expression | undefined) =>
      spec !== undefined && ts.isStringLiteral(spec) && specifiers.has(spec.text) ? f.createStringLiteral(specifiers.get(spec.text)!) : spec;
    return (file) => {
      const statements = file.statements.map((s) => {
        if (ts.isImportDeclaration(s)) return f.updateImportDeclaration(s, s.modifiers, s.importClause, relink(s.moduleSpecifier)!, s.attributes);
        if (ts.isExportDeclaration(s)) return f.updateExportDeclaration(s, s.modifiers, s.isTypeOnly, s.exportClause, relink(s.moduleSpecifier), s.attributes);
        return s;
      });
      if (used.size > 0) {
        const names = [...used].sort().map((n) => f.createImportSpecifier(false, undefined, f.createIdentifier(n)));
        statements.unshift(f.createImportDeclaration(undefined, f.createImportClause(undefined, undefined, f.createNamedImports(names)), f.createStringLiteral(CHECKS_URL)));
      }
      return f.updateSourceFile(file, statements);
    };
  };
}

// ---- errors ------------------------------------------------------------------------------

function reportError(error: unknown, program: Program | undefined): void {
  try {
    __reference.flush();
  } catch {
    // stdout is gone; still report the error
  }
  // Reported exactly as the compiled program reports it (runtime/host/report.ts).
  const overflow = error instanceof RangeError && /call stack size/i.test(error.message);
  const message = overflow ? "stack overflow" : error instanceof Error ? error.message : String(error);
  const where = error instanceof SourceError ? ([error.file, error.line, error.column] as const) : userFrame(error, program, overflow);
  const location: SourceLocation | undefined = where === undefined ? undefined : [displayPath(where[0]), where[1], where[2]];
  writeAll(2, formatProgramError({ message, location }));
}

const STMC_FILE = fileURLToPath(STMC_URL);

/**
 * The location the compiled program reports for a failure: the innermost stack frame that lies
 * in one of the program's files (source-mapped), at the start of its call expression. A stack
 * overflow happens in compiled code on entering a function and is reported at the call that
 * entered it, while V8 cuts the innermost JavaScript function short anywhere in its body (in
 * one of the checks, which compiled code inlines, or in a builtin such as Math.imul): that frame
 * is skipped, unless it was calling the stmc module (print, transaction), whose call it is.
 */
function userFrame(error: unknown, program: Program | undefined, overflow: boolean): readonly [string, number, number] | undefined {
  if (!(error instanceof Error) || program === undefined || typeof error.stack !== "string") return undefined;
  let skip = overflow;
  let inner: string | undefined; // the file of the frame called by the current one
  for (const line of error.stack.split("\n")) {
    if (!/^\s*at /.test(line)) continue;
    const m = /^\s*at .*?\(?((?:file:\/\/|\/)[^()]*?):(\d+):(\d+)\)?$/.exec(line);
    let file = m === null ? "" : m[1].startsWith("file:") ? fileURLToPath(m[1]) : m[1];
    file = program.outToSource.get(file) ?? file; // not mapped: at least name the source file
    const callee = inner;
    inner = file;
    if (!program.sources.has(file)) continue;
    if (skip && callee !== STMC_FILE) {
      skip = false;
      continue;
    }
    return callStart(program.trees.get(file), file, Number(m![2]), Number(m![3]));
  }
  return undefined;
}

/**
 * V8 places a method call (`transaction.run()`, `o.m(x)`) at the method's name; stmc locates
 * every call at its start.
 */
function callStart(tree: ts.SourceFile | undefined, file: string, line: number, column: number): [string, number, number] {
  if (tree === undefined) return [file, line, column];
  const lines = tree.getLineStarts();
  if (line - 1 >= lines.length) return [file, line, column];
  const pos = lines[line - 1] + column - 1;
  let node: ts.Node = tree;
  for (;;) {
    const child: ts.Node | undefined = node.forEachChild((c) => (c.getStart(tree) <= pos && pos < c.end ? c : undefined));
    if (child === undefined) break;
    node = child;
  }
  const access = node.parent;
  if (ts.isIdentifier(node) && access !== undefined && ts.isPropertyAccessExpression(access) && access.name === node && node.getStart(tree) === pos) {
    const call = access.parent;
    if (call !== undefined && ts.isCallExpression(call) && call.expression === access) {
      const start = tree.getLineAndCharacterOfPosition(call.getStart(tree));
      return [file, start.line + 1, start.character + 1];
    }
  }
  return [file, line, column];
}

function locate(file: string, text: string, pos: number): [string, number, number] {
  const { line, character } = ts.getLineAndCharacterOfPosition(ts.createSourceFile(file, text, ts.ScriptTarget.Latest), pos);
  return [file, line + 1, character + 1];
}

const closed = new Set<number>(); // descriptors whose reader went away (EPIPE)

/** Writes all of `text` to a file descriptor, synchronously (stdout may be a non-blocking pipe). */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, "utf8");
  let offset = 0;
  while (offset < bytes.length && !closed.has(fd)) {
    try {
      offset += fs.writeSync(fd, bytes, offset);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EPIPE") closed.add(fd); // e.g. piped into `head`: drop the rest quietly
      else if (code === "EAGAIN") Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1); // pipe full: wait 1 ms
      else throw e;
    }
  }
}
