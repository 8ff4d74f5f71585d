// What the compiler reads besides the program: stmc's runtime sources (by path under the package
// root), TypeScript's lib files, and the working directory paths are shown relative to. Node reads
// them from disk (node-files.ts); a web page gets them from one JSON bundle (memoryFiles below).
import ts from "../typescript.cjs";
import { posixPath, type PathOps } from "./paths.js";

export interface CompilerFiles {
  /** Relative program paths resolve against it; diagnostics show paths relative to it. */
  readonly cwd: string;
  /** stmc's package directory: runtime/core/ and runtime/reference/stmc.ts lie under it. */
  readonly root: string;
  /** The directory of TypeScript's lib files. */
  readonly libDirectory: string;
  readonly path: PathOps;
  /** A TypeScript compiler host over these files (the program's own may be added on top). */
  createHost(options: ts.CompilerOptions): ts.CompilerHost;
  /** A file of the package's build (by path relative to `root`), or undefined if it has none. */
  readPackageFile(relative: string): string | undefined;
}

/** The in-memory files, as the build writes them (dist/browser/compiler-files.json). */
export interface CompilerBundle {
  /** The version of TypeScript whose lib files these are. */
  typescript: string;
  /** stmc's runtime sources and prebuilt runtimes, by path relative to the package root. */
  package: Record<string, string>;
  /** TypeScript's lib files, by name (lib.es2022.d.ts and every file it references). */
  lib: Record<string, string>;
}

/** Where the bundle's files appear: by default as if stmc were installed in /node_modules. */
export interface MemoryLayout {
  cwd?: string;
  root?: string;
  libDirectory?: string;
}

export function memoryFiles(bundle: CompilerBundle, layout: MemoryLayout = {}): CompilerFiles {
  const path = posixPath;
  const cwd = path.resolve(layout.cwd ?? "/");
  const root = path.resolve(layout.root ?? "/node_modules/stmc");
  const libDirectory = path.resolve(layout.libDirectory ?? "/node_modules/typescript/lib");
  const files = new Map<string, string>();
  for (const [name, text] of Object.entries(bundle.package)) files.set(path.join(root, name), text);
  for (const [name, text] of Object.entries(bundle.lib)) files.set(path.join(libDirectory, name), text);
  const directories = new Set<string>();
  for (const file of files.keys()) {
    for (let dir = path.dirname(file); !directories.has(dir); dir = path.dirname(dir)) directories.add(dir);
  }
  const at = (file: string) => path.resolve(cwd, file);
  const createHost = (): ts.CompilerHost => ({
    getSourceFile(fileName, languageVersion) {
      const text = files.get(at(fileName));
      return text === undefined ? undefined : ts.createSourceFile(fileName, text, languageVersion, true);
    },
    getDefaultLibFileName: (options) => path.join(libDirectory, ts.getDefaultLibFileName(options)),
    getDefaultLibLocation: () => libDirectory,
    writeFile() {
      throw new Error("the compiler writes no file");
    },
    getCurrentDirectory: () => cwd,
    getCanonicalFileName: (fileName) => fileName,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
    fileExists: (fileName) => files.has(at(fileName)),
    readFile: (fileName) => files.get(at(fileName)),
    directoryExists: (name) => directories.has(at(name)),
    getDirectories: () => [],
    realpath: (fileName) => fileName,
  });
  const readPackageFile = (relative: string) => files.get(path.join(root, relative));
  return { cwd, root, libDirectory, path, createHost, readPackageFile };
}

// The files of the compile in progress: diagnostics and locations show paths relative to their
// working directory. Compiles are synchronous, so one slot suffices.
let active: CompilerFiles | null = null;

export function withFiles<T>(files: CompilerFiles, f: () => T): T {
  const previous = active;
  active = files;
  try {
    return f();
  } finally {
    active = previous;
  }
}

export function activeFiles(): CompilerFiles {
  if (active === null) throw new Error("internal error: a path was displayed outside a compile");
  return active;
}
