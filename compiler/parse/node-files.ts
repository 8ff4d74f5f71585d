// The compiler's files on Node: the disk, through TypeScript's own compiler host (ts.sys), and
// the package found from this module's location. Never imported by the browser entry.
import fs from "node:fs";
import path from "node:path";
import ts from "../typescript.cjs";
import { packageRoot } from "../../runtime/packageRoot.js";
import { displayPath as display } from "../diagnostics/diagnostic.js";
import { withFiles, type CompilerFiles } from "./files.js";

let files: CompilerFiles | null = null;

export function nodeFiles(): CompilerFiles {
  files ??= {
    // Read at each use: the process may change directory between compiles.
    get cwd() {
      return process.cwd();
    },
    get root() {
      return packageRoot();
    },
    get libDirectory() {
      return path.dirname(ts.getDefaultLibFilePath({}));
    },
    path,
    createHost: (options) => ts.createCompilerHost(options, true),
    readPackageFile(relative) {
      try {
        return fs.readFileSync(path.join(packageRoot(), relative), "utf8");
      } catch {
        return undefined;
      }
    },
  };
  return files;
}

/** A path as diagnostics show it, for messages made outside a compile (the reference runner's). */
export function displayPath(fileName: string): string {
  return withFiles(nodeFiles(), () => display(fileName));
}
