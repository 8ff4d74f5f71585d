import ts from "../typescript.cjs";
import { diagnosticAt, diagnosticForNode, displayPath, type Diagnostic } from "../diagnostics/diagnostic.js";
import { withFiles, type CompilerFiles } from "./files.js";
import type { PathOps } from "./paths.js";
import { readDeclarations, textHash, DECLARATIONS_FILE, type RuntimeDeclarations } from "../runtime/declarations.js";
import { deepestNode, isStackOverflow, MAX_NESTING, parsablePrefix, tooDeepBrackets, tooDeepNode } from "./nesting.js";

/** The parsed program: syntax trees, in initialisation order, and TypeScript's checker. */
export interface ParsedProgram {
  readonly checker: ts.TypeChecker;
  /** runtime/core files, dependencies first (parsed from their declarations where `runtimeDeclarationsOnly`). */
  readonly runtimeFiles: ts.SourceFile[];
  /** The runtime's sources as read, in the order of runtimeFiles (what the prebuilt runtime's fingerprint covers). */
  readonly runtimeSources: ReadonlyArray<{ fileName: string; text: string }>;
  /** Some runtime file was parsed from its declarations alone (compiler/runtime/declarations.ts): no body to check or lower. */
  readonly runtimeDeclarationsOnly: boolean;
  /** The library written in stmc (runtime/lib: Map and Set), compiled with each program; dependencies first. */
  readonly libraryFiles: ts.SourceFile[];
  /** The user's files, dependencies first; the entry is last. */
  readonly userFiles: ts.SourceFile[];
  readonly entry: ts.SourceFile;
  /** The declarations of the standard module `stmc` and of the low-level dialect `stmc:low`. */
  readonly stdlibFile: ts.SourceFile;
  readonly lowFile: ts.SourceFile;
}

export const STDLIB_MODULE = "stmc";
export const LOW_MODULE = "stmc:low";

const RUNTIME_ENTRY = "runtime/core/runtime.ts";
/** The library compiled with every program (not prebuilt: its classes are generic). */
export const LIBRARY_ENTRY = "runtime/lib/collections.ts";
export const LIBRARY_DIRECTORY = "runtime/lib";
/** The TypeScript library programs are checked against (the browser bundle holds it and what it references). */
export const LIB_FILE = "lib.es2022.d.ts";
/** The package's files the compiler reads (the browser bundle holds these). */
export const RUNTIME_DIRECTORY = "runtime/core";
export const STDLIB_FILE = "runtime/reference/stmc.ts";
const LOW_FILE = "runtime/core/low.d.ts";

function compilerOptions(files: CompilerFiles): ts.CompilerOptions {
  const root = files.root;
  return {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: [LIB_FILE],
    types: [],
    skipLibCheck: true,
    baseUrl: root,
    paths: {
      [STDLIB_MODULE]: [files.path.join(root, STDLIB_FILE)],
      [LOW_MODULE]: [files.path.join(root, LOW_FILE)],
    },
  };
}

// Library files parse the same in every compilation, and so do the package's own files (the
// runtime's sources) while their text stays the same: keep them for the process's lifetime (per
// set of files, so that a bundle's files never stand in for the disk's).
interface Parsed {
  readonly source: string;
  readonly file: ts.SourceFile;
}
const parsedCaches = new WeakMap<CompilerFiles, Map<string, Parsed>>();
const declarationCaches = new WeakMap<CompilerFiles, RuntimeDeclarations | null>();

/** What the host saw of the runtime: each runtime file's source as read, and whether its declarations stood in for it. */
interface RuntimeReads {
  readonly sources: Map<string, string>;
  declarationsOnly: boolean;
}

/**
 * The compiler host: library and package files cached; a program file that is not text, or is
 * nested too deeply for the recursive passes (TypeScript's parser first), is not parsed: its
 * error is added to `unparsable`. With `declarations`, a runtime file whose source is the one they
 * were made from is parsed from its declarations.
 */
function createHost(files: CompilerFiles, options: ts.CompilerOptions, unparsable: Diagnostic[], declarations: RuntimeDeclarations | null, reads: RuntimeReads): ts.CompilerHost {
  const parsed = parsedCaches.get(files) ?? new Map<string, Parsed>();
  parsedCaches.set(files, parsed);
  const host = files.createHost(options);
  // As tsc parses: documentation comments only where they carry types (JavaScript files), which
  // stmc never compiles. Nearly half of parsing TypeScript's lib files went to them.
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  const getSourceFile = host.getSourceFile.bind(host);
  const libDir = files.libDirectory;
  const runtimeDir = files.path.join(files.root, RUNTIME_DIRECTORY);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (!fileName.startsWith(libDir)) {
      const text = host.readFile(fileName);
      if (text !== undefined && /[\u0000\uFFFD]/.test(text)) {
        // Binary data or another encoding: TypeScript would report every byte.
        const offset = text.search(/[\u0000\uFFFD]/);
        const head = ts.createSourceFile(fileName, text.slice(0, offset + 1), languageVersion);
        unparsable.push(diagnosticAt(head, offset, offset + 1, "this file is not UTF-8 text (binary data or another encoding)"));
        return ts.createSourceFile(fileName, "", languageVersion);
      }
      const offset = text === undefined ? -1 : tooDeepBrackets(text);
      if (text === undefined) return getSourceFile(fileName, languageVersion, onError, shouldCreate);
      if (offset < 0) {
        let parseText = text;
        let key = fileName;
        if (fileName.startsWith(runtimeDir)) {
          reads.sources.set(fileName, text);
          const stored = declarations?.files[files.path.relative(files.root, fileName).replaceAll("\\", "/")];
          if (stored !== undefined && stored.hash === textHash([text])) {
            parseText = stored.text;
            key = `${fileName}\0declarations`;
            reads.declarationsOnly = true;
          }
        }
        const cacheable = fileName.startsWith(files.root);
        const cached = cacheable ? parsed.get(key) : undefined;
        const version = typeof languageVersion === "object" ? languageVersion.languageVersion : languageVersion;
        if (cached !== undefined && cached.source === text && cached.file.languageVersion === version) return cached.file;
        try {
          const file = ts.createSourceFile(fileName, parseText, languageVersion, true);
          if (cacheable) parsed.set(key, { source: text, file });
          return file;
        } catch (error) {
          if (!isStackOverflow(error)) throw error;
          // The error goes to the most deeply nested node of the longest prefix that parses.
          unparsable.push(stackOverflowError([parsablePrefix(text, (prefix) => ts.createSourceFile(fileName, prefix, languageVersion))]));
          return ts.createSourceFile(fileName, "", languageVersion);
        }
      }
      // Parsed up to the offending bracket only: enough to position the error.
      const head = ts.createSourceFile(fileName, text.slice(0, offset + 1), languageVersion);
      unparsable.push(nestingError(head, offset));
      return ts.createSourceFile(fileName, "", languageVersion);
    }
    // A lib file: never changes, so not even read again.
    let file = parsed.get(fileName)?.file;
    if (file === undefined) {
      file = getSourceFile(fileName, languageVersion, onError, shouldCreate);
      if (file !== undefined) parsed.set(fileName, { source: "", file });
    }
    return file;
  };
  return host;
}

function storedDeclarations(files: CompilerFiles): RuntimeDeclarations | null {
  if (!declarationCaches.has(files)) declarationCaches.set(files, readDeclarations(files.readPackageFile(DECLARATIONS_FILE)));
  return declarationCaches.get(files)!;
}

/** Serves the program's files from `sources` (paths resolved against the working directory) before the disk. */
function inMemory(host: ts.CompilerHost, sources: Readonly<Record<string, string>>, { cwd, path }: CompilerFiles): void {
  const resolve = (name: string) => path.resolve(cwd, name);
  const files = new Map(Object.entries(sources).map(([name, text]) => [resolve(name), text]));
  const directories = new Set([...files.keys()].flatMap((file) => ancestors(path.dirname(file), path)));
  const { readFile, fileExists } = host;
  host.readFile = (fileName) => files.get(resolve(fileName)) ?? readFile.call(host, fileName);
  host.fileExists = (fileName) => files.has(resolve(fileName)) || fileExists.call(host, fileName);
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (name) => directories.has(resolve(name)) || (directoryExists?.(name) ?? false);
}

function ancestors(dir: string, path: PathOps): string[] {
  const parent = path.dirname(dir);
  return parent === dir ? [dir] : [dir, ...ancestors(parent, path)];
}

export interface ParseOptions {
  /** Parse the runtime from the declarations the build stored, where they are current (default false). */
  runtimeDeclarations?: boolean;
}

/**
 * Parses the entry file, everything it imports and the runtime, and runs TypeScript's own
 * strict type check over the user's files: a stmc program is a valid TypeScript program.
 */
export function parseProgram(files: CompilerFiles, entryFile: string, sources?: Readonly<Record<string, string>>, options: ParseOptions = {}): { program: ParsedProgram | null; diagnostics: Diagnostic[] } {
  return withFiles(files, () => parse(files, entryFile, sources, options));
}

function parse(files: CompilerFiles, entryFile: string, sources: Readonly<Record<string, string>> | undefined, parseOptions: ParseOptions): { program: ParsedProgram | null; diagnostics: Diagnostic[] } {
  const { path } = files;
  const entryPath = path.resolve(files.cwd, entryFile);
  const runtimeEntry = path.join(files.root, RUNTIME_ENTRY);
  const options = compilerOptions(files);
  const unparsable: Diagnostic[] = [];
  const reads: RuntimeReads = { sources: new Map(), declarationsOnly: false };
  const host = createHost(files, options, unparsable, parseOptions.runtimeDeclarations ? storedDeclarations(files) : null, reads);
  if (sources !== undefined) inMemory(host, sources, files);
  const libraryEntry = path.join(files.root, LIBRARY_ENTRY);
  const tsProgram = ts.createProgram([runtimeEntry, libraryEntry, entryPath], options, host);
  if (unparsable.length > 0) return { program: null, diagnostics: unparsable };
  const entry = tsProgram.getSourceFile(entryPath);
  if (entry === undefined) {
    return {
      program: null,
      diagnostics: [
        { file: displayPath(entryFile), line: 1, column: 1, length: 1, message: "cannot read this file", lineText: "" },
      ],
    };
  }
  const stdlibFile = tsProgram.getSourceFile(options.paths![STDLIB_MODULE][0])!;
  const lowFile = tsProgram.getSourceFile(options.paths![LOW_MODULE][0])!;
  const importDiagnostics: Diagnostic[] = [];
  const exists = (file: string) => host.fileExists(file);
  const runtimeFiles = importOrder(tsProgram, tsProgram.getSourceFile(runtimeEntry)!, "runtime", importDiagnostics, exists, path);
  const runtimeSet = new Set(runtimeFiles);
  const libraryFiles = importOrder(tsProgram, tsProgram.getSourceFile(libraryEntry)!, "library", importDiagnostics, exists, path, runtimeSet).filter((f) => !runtimeSet.has(f));
  const userFiles = importOrder(tsProgram, entry, "user", importDiagnostics, exists, path, new Set([...runtimeFiles, ...libraryFiles]));
  for (const file of userFiles) {
    const deep = tooDeepNode(file);
    if (deep !== null) unparsable.push(nestingError(file, deep.getStart(file)));
  }
  if (unparsable.length > 0) return { program: null, diagnostics: unparsable };
  // TypeScript's findings first: where stmc reports the same spot, its message (naming the subset) wins.
  const diagnostics: Diagnostic[] = [];
  try {
    for (const file of userFiles) {
      const tsDiagnostics = [...tsProgram.getSyntacticDiagnostics(file), ...tsProgram.getSemanticDiagnostics(file)];
      for (const d of tsDiagnostics) diagnostics.push(fromTypeScript(d));
    }
  } catch (error) {
    if (!isStackOverflow(error)) throw error;
    return { program: null, diagnostics: [stackOverflowError(userFiles)] };
  }
  diagnostics.push(...importDiagnostics);
  const runtimeSources = runtimeFiles.map((file) => ({ fileName: file.fileName, text: reads.sources.get(file.fileName) ?? file.text }));
  const runtimeDeclarationsOnly = reads.declarationsOnly;
  const program: ParsedProgram = { checker: tsProgram.getTypeChecker(), runtimeFiles, runtimeSources, runtimeDeclarationsOnly, libraryFiles, userFiles, entry, stdlibFile, lowFile };
  return { program, diagnostics };
}

/** For a program that passes MAX_NESTING yet overflows a recursive pass: the error at its most deeply nested spot. */
export function stackOverflowError(files: readonly ts.SourceFile[]): Diagnostic {
  const deepest = deepestNode(files);
  const message = "nested too deeply for the compiler (its stack overflowed here): split the expression or block";
  if (deepest === null) return { file: "stmc", line: 1, column: 1, length: 1, message, lineText: "" };
  return diagnosticAt(deepest.file, deepest.node.getStart(deepest.file), deepest.node.getEnd(), message);
}

function nestingError(file: ts.SourceFile, offset: number): Diagnostic {
  return diagnosticAt(file, offset, offset + 1, `nested too deeply: more than ${MAX_NESTING} levels (split the expression or block)`);
}

function fromTypeScript(d: ts.Diagnostic): Diagnostic {
  const message = ts.flattenDiagnosticMessageText(d.messageText, "\n  ");
  if (d.file === undefined || d.start === undefined) {
    return { file: "stmc", line: 1, column: 1, length: 1, message, lineText: "" };
  }
  return diagnosticAt(d.file, d.start, d.start + (d.length ?? 1), message);
}

/**
 * The files reachable from `start` through relative imports, dependencies first (the order
 * module-level initialisers run in). Reports imports the subset does not allow.
 */
/** Whose files: the runtime's and the library's may use the low-level dialect; the library's may import the runtime's. */
type FileOwner = "runtime" | "library" | "user";

function importOrder(program: ts.Program, start: ts.SourceFile, owner: FileOwner, diagnostics: Diagnostic[], exists: (file: string) => boolean, path: PathOps, packageFiles: ReadonlySet<ts.SourceFile> = new Set()): ts.SourceFile[] {
  const order: ts.SourceFile[] = [];
  const visited = new Set<ts.SourceFile>();
  const visit = (file: ts.SourceFile): void => {
    if (visited.has(file)) return;
    visited.add(file);
    for (const statement of file.statements) {
      if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
      const specifier = statement.moduleSpecifier;
      if (specifier === undefined || !ts.isStringLiteral(specifier)) continue;
      const name = specifier.text;
      if (name === STDLIB_MODULE) continue;
      if (name === LOW_MODULE) {
        if (owner === "user") diagnostics.push(diagnosticForNode(specifier, `"${LOW_MODULE}" (the low-level dialect) is only available to the runtime`));
        continue;
      }
      if (!name.startsWith("./") && !name.startsWith("../")) {
        diagnostics.push(diagnosticForNode(specifier, `cannot import "${name}": only relative imports and "stmc" are supported`));
        continue;
      }
      const resolved = resolveRelative(file.fileName, name, exists, path);
      const target = resolved === null ? undefined : program.getSourceFile(resolved);
      if (target === undefined) {
        diagnostics.push(diagnosticForNode(specifier, `cannot find module "${name}"`));
        continue;
      }
      // The runtime is built once for every program (compiler/runtime/prebuilt.ts): a program
      // that subclassed its classes would break the class-id ranges the runtime was built with.
      if (owner === "user" && packageFiles.has(target)) {
        diagnostics.push(diagnosticForNode(specifier, `cannot import "${name}": it is a file of stmc's runtime; programs import from "stmc"`));
        continue;
      }
      // The library's imports of the runtime are the runtime's (already in order).
      if (owner === "library" && packageFiles.has(target)) continue;
      visit(target);
    }
    order.push(file);
  };
  visit(start);
  return order;
}

function resolveRelative(fromFile: string, specifier: string, exists: (file: string) => boolean, path: PathOps): string | null {
  const base = path.resolve(path.dirname(fromFile), specifier);
  const candidates = [base, base + ".ts", base.replace(/\.js$/, ".ts"), path.join(base, "index.ts")];
  for (const candidate of candidates) {
    if (candidate.endsWith(".ts") && exists(candidate)) return candidate;
  }
  return null;
}
