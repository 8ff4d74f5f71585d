// Writes dist/compiler/typescript.cache: V8's code cache for TypeScript, made after compiling two
// programs under the V8 settings of `stmc compile` (bin/tiering.ts), so that it holds the
// functions a compile uses (typescript-loader.cts). Run by `npm run build` (and prepare, test)
// after build-runtime.js: `node dist/compiler/build-ts-cache.js`.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { baselineTierOnly } from "../bin/tiering.js";
import { packageRoot } from "../runtime/packageRoot.js";

const require = createRequire(import.meta.url);

export async function writeTypeScriptCache(): Promise<string> {
  baselineTierOnly();
  const { compileFile } = await import("./index.js");
  for (const example of ["examples/hello.ts", "examples/richards.ts"]) {
    const result = compileFile(path.join(packageRoot(), example), { target: "wasm32", optimizeLevel: 2 });
    if (!result.ok) throw new Error(`${example} does not compile`);
  }
  const loader = require("./typescript-loader.cjs") as typeof import("./typescript-loader.cjs");
  fs.writeFileSync(loader.CACHE_FILE, loader.loadTypeScript().script.createCachedData());
  return loader.CACHE_FILE;
}

// Run as a script (`node dist/compiler/build-ts-cache.js`, perhaps through a symbolic link).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(fs.realpathSync(path.resolve(process.argv[1]))).href) await writeTypeScriptCache();
