// Writes dist/browser/compiler-files.json, the files the compiler reads besides the program, for
// the compiler in a web page (browser.ts): the runtime's and the library's sources, the prebuilt
// runtimes with the runtime's declarations, and
// TypeScript's lib files. Run by `npm run build` (and prepare, test) after tsc and
// build-runtime.js: `node dist/compiler/build-bundle.js`.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { packageRoot } from "../runtime/packageRoot.js";
import type { CompilerBundle } from "./parse/files.js";
import { LIB_FILE, LIBRARY_DIRECTORY, RUNTIME_DIRECTORY, STDLIB_FILE } from "./parse/program.js";
import { prebuiltFile } from "./runtime/prebuilt.js";
import { DECLARATIONS_FILE } from "./runtime/declarations.js";
import { STM_ALGORITHMS } from "../runtime/abi.js";
import { TARGET_NAMES } from "../targets/target.js";

/** Where the bundle lands, relative to the package root (browser.ts loads it from there). */
export const BUNDLE_FILE = "dist/browser/compiler-files.json";

export function buildBundle(): CompilerBundle {
  const root = packageRoot();
  const prebuilt = TARGET_NAMES.flatMap((target) => STM_ALGORITHMS.map((stm) => prebuiltFile(target, stm)));
  const runtime = [...typeScriptFiles(root, RUNTIME_DIRECTORY), ...typeScriptFiles(root, LIBRARY_DIRECTORY), STDLIB_FILE, ...prebuilt, DECLARATIONS_FILE].sort();
  const lib: Record<string, string> = {};
  addLib(path.dirname(ts.getDefaultLibFilePath({})), LIB_FILE, lib);
  return {
    typescript: ts.version,
    package: Object.fromEntries(runtime.map((file) => [file, fs.readFileSync(path.join(root, file), "utf8")])),
    lib: Object.fromEntries(Object.entries(lib).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}

/** The .ts files under `dir` (relative to `root`, with "/"), low.d.ts included. */
function typeScriptFiles(root: string, dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return typeScriptFiles(root, file);
    return entry.name.endsWith(".ts") ? [file] : [];
  });
}

/** `name` and the lib files it references (`/// <reference lib="es2021" />` is lib.es2021.d.ts), transitively. */
function addLib(libDirectory: string, name: string, out: Record<string, string>): void {
  if (name in out) return;
  const text = fs.readFileSync(path.join(libDirectory, name), "utf8");
  out[name] = text;
  for (const reference of ts.preProcessFile(text, false, false).libReferenceDirectives) {
    addLib(libDirectory, `lib.${reference.fileName.toLowerCase()}.d.ts`, out);
  }
}

export function writeBundle(): string {
  const file = path.join(packageRoot(), BUNDLE_FILE);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(buildBundle()));
  return file;
}

// Run as a script (`node dist/compiler/build-bundle.js`, perhaps through a symbolic link).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(fs.realpathSync(path.resolve(process.argv[1]))).href) writeBundle();
