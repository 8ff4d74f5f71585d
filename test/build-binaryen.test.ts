// The build's copy of Binaryen with its wasm in a file of its own (compiler/build-binaryen.ts).
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { splitBinaryen, VENDOR_DIRECTORY } from "../compiler/build-binaryen.js";
import { packageRoot } from "../runtime/packageRoot.js";

const EMPTY_MODULE = "\\0asm\\x01\\0\\0\\0";

describe("splitBinaryen", () => {
  it("takes the embedded wasm out and loads it from the file beside the module", () => {
    const split = splitBinaryen(`var b;f(){return b??=d(\`${EMPTY_MODULE}\`),go(b)}`, "x.wasm");
    expect(split).toBeDefined();
    expect([...split!.wasm]).toEqual([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    expect(split!.module).not.toContain("\\0asm");
    expect(split!.module).toContain('new URL("./x.wasm", import.meta.url)');
    expect(split!.module.startsWith("var b;f(){return b??=(")).toBe(true);
    expect(split!.module.endsWith("),go(b)}")).toBe(true);
  });

  it("leaves a module of another shape alone", () => {
    expect(splitBinaryen("export default 1;", "x.wasm")).toBeUndefined();
    expect(splitBinaryen(`d(\`${EMPTY_MODULE}\${x}\`)`, "x.wasm")).toBeUndefined();
    expect(splitBinaryen("d(`\\0asm not wasm`)", "x.wasm")).toBeUndefined();
  });

  it("made the build's copy: the installed Binaryen's wasm, byte for byte, in a small module", () => {
    const original = fs.readFileSync(createRequire(import.meta.url).resolve("binaryen"), "utf8");
    const split = splitBinaryen(original, "binaryen.wasm");
    expect(split).toBeDefined();
    const dir = path.join(packageRoot(), VENDOR_DIRECTORY);
    expect(fs.readFileSync(path.join(dir, "index.js"), "utf8")).toBe(split!.module);
    expect(Buffer.compare(fs.readFileSync(path.join(dir, "binaryen.wasm")), split!.wasm)).toBe(0);
    expect(split!.module.length).toBeLessThan(original.length / 20);
  });
});
