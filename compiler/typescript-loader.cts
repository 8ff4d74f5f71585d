// Loads TypeScript (9 MB of JavaScript) on Node, with the V8 code cache the build leaves beside
// this file (build-ts-cache.ts): V8 then neither parses the file nor compiles the functions a
// compile uses again (about 0.1 s of CPU per `stmc compile`, bench/RESULTS.md). V8 rejects a
// cache made by another Node or under other V8 flags: TypeScript is then compiled from its
// source, as require() would. The npm package does not ship the cache (it would be for the
// packer's Node version): a checkout built with `npm ci` has it. STMC_DEBUG_TS_CACHE=1 says on
// stderr whether it was used (test/cli.test.ts checks that `stmc compile` uses it).
import fs = require("node:fs");
import path = require("node:path");
import vm = require("node:vm");
import nodeModule = require("node:module");
import type ts = require("typescript");

/** Where the build writes the code cache (next to this file, in dist/compiler). */
export const CACHE_FILE = path.join(__dirname, "typescript.cache");

let loaded: { ts: typeof ts; script: vm.Script } | null = null;

export function loadTypeScript(): { ts: typeof ts; script: vm.Script } {
  if (loaded !== null) return loaded;
  const file = require.resolve("typescript");
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(CACHE_FILE);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(nodeModule.wrap(fs.readFileSync(file, "utf8")), { filename: file, cachedData });
  const loading = new nodeModule.Module(file);
  loading.filename = file;
  script.runInThisContext()(loading.exports, nodeModule.createRequire(file), loading, file, path.dirname(file));
  loading.loaded = true;
  // require("typescript") now returns this instance.
  require.cache[file] = loading;
  loaded = { ts: loading.exports as typeof ts, script };
  if (process.env.STMC_DEBUG_TS_CACHE) process.stderr.write(`typescript code cache: ${cachedData === undefined ? "none" : script.cachedDataRejected ? "rejected" : "used"}\n`);
  return loaded;
}

loadTypeScript();
