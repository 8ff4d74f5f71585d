// Writes dist/vendor/binaryen/: Binaryen's JavaScript module with its wasm taken out into a file of
// its own (binaryen.wasm), which Node loads through package.json's "#binaryen" import. The
// published module embeds its 9.9 MB of wasm as one string literal, which V8 keeps for the life of
// the process three times over (the 14.8 MB source, the literal, the decoded bytes) and decodes
// character by character at every start: about 38 MB of a compile's peak memory and 0.15 s of
// its CPU. Run by `npm run build` (and prepare, test) right after tsc, before anything that loads
// Binaryen: `node dist/compiler/build-binaryen.js`.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { packageRoot } from "../runtime/packageRoot.js";

/** Where the split module lands, relative to the package root (package.json's "imports" names it). */
export const VENDOR_DIRECTORY = "dist/vendor/binaryen";

/** The embedded wasm: a call of the module's decoder on a template literal that starts with the wasm magic. */
const EMBEDDED_WASM = /\b([A-Za-z_$][\w$]*)\(`\\0asm/;

/**
 * The module's text with the embedded wasm replaced by a read of `wasmFile` beside it, and the
 * wasm's bytes; undefined when the module has no embedded wasm of the known shape (another
 * Binaryen build), which is then used as it is.
 */
export function splitBinaryen(source: string, wasmFile: string): { module: string; wasm: Uint8Array } | undefined {
  const call = EMBEDDED_WASM.exec(source);
  if (call === null) return undefined;
  const literalStart = call.index + call[1].length + 1;
  let end = literalStart + 1;
  while (end < source.length && source[end] !== "`") end += source[end] === "\\" ? 2 : 1;
  if (source[end + 1] !== ")" || source.slice(literalStart, end).includes("${")) return undefined;
  const text = new Function(`return ${source.slice(literalStart, end + 1)}`)() as string;
  // Decoded as the module's own decoder does it.
  const wasm = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) wasm[i] = (~text.charCodeAt(i) >> 8) & text.charCodeAt(i);
  if (!WebAssembly.validate(wasm)) return undefined;
  // The module awaits the bytes it instantiates, so a promise can stand for them (the call is not in an async function).
  const url = `new URL(${JSON.stringify(`./${wasmFile}`)}, import.meta.url)`;
  const load = `(globalThis.process?.versions?.node ? import("node:fs").then((fs) => fs.readFileSync(${url})) : fetch(${url}).then((r) => r.arrayBuffer()))`;
  return { module: `${source.slice(0, call.index)}${load}${source.slice(end + 2)}`, wasm };
}

export function writeSplitBinaryen(): string {
  const require = createRequire(import.meta.url);
  const original = require.resolve("binaryen");
  const out = path.join(packageRoot(), VENDOR_DIRECTORY);
  fs.mkdirSync(out, { recursive: true });
  const split = splitBinaryen(fs.readFileSync(original, "utf8"), "binaryen.wasm");
  if (split === undefined) {
    process.stderr.write(`build-binaryen: ${original} has no embedded wasm of the known shape; using it unchanged\n`);
    fs.copyFileSync(original, path.join(out, "index.js"));
  } else {
    fs.writeFileSync(path.join(out, "index.js"), split.module);
    fs.writeFileSync(path.join(out, "binaryen.wasm"), split.wasm);
  }
  return out;
}

// Run as a script (`node dist/compiler/build-binaryen.js`, perhaps through a symbolic link).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(fs.realpathSync(path.resolve(process.argv[1]))).href) writeSplitBinaryen();
