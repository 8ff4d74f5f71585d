// The collector's generations (runtime/core/gc/generations.ts): minor collections trace no old
// object, so every store of a reference into a block that may be old is followed by the write
// barrier. The compiled code is looked at (a barrier after each reference store, none after a
// number's, one per fill), and test/gc/old_to_young.ts gives old holders young objects through
// every kind of store while the collector runs minor and major collections, freed memory
// poisoned, on both targets, without and with each STM algorithm.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileFile } from "../compiler/index.js";
import { runModule } from "../runtime/host/index.js";
import { compileOrThrow, ROOT, runReference, TARGETS } from "./support/programs.js";
import { functionsOf } from "./support/wat.js";
import type { StmAlgorithm } from "../runtime/abi.js";

const SLOW = { timeout: 180_000 };

function compiledFunctions(stm: StmAlgorithm): Map<string, string> {
  const result = compileFile(path.join(ROOT, "test/generations/stores.ts"), { target: "wasm32", optimizeLevel: 0, stm, emitText: true });
  if (!result.ok) throw new Error("compile errors");
  return functionsOf(result.text!);
}

function barriers(text: string): number {
  return [...text.matchAll(/call \$gc_remember/g)].length;
}

describe("the write barrier in compiled code", () => {
  for (const stm of ["none", "etl", "tl2"] as const) {
    it(`--stm ${stm}: after each store of a reference into an object or an array's store, and only there`, () => {
      const functions = compiledFunctions(stm);
      // Transactional clones carry the same barrier (their names end in $tx).
      const text = (name: string) => functions.get(stm === "none" ? `$${name}` : `$${name}$tx`) ?? functions.get(`$${name}`)!;
      expect(barriers(text("setRef")), "a field").toBe(1);
      expect(barriers(text("setElement")), "an element").toBe(1);
      expect(barriers(text("pushRef")), "a push").toBe(1);
      expect(barriers(text("setInt")), "a number field").toBe(0);
      expect(barriers(text("clearRef")), "a null").toBe(0);
      expect(barriers(text("setNumber")), "a number element").toBe(0);
      // The test reads the block's collector word: marked (old) and not yet remembered.
      expect(text("setRef")).toMatch(/i32\.load offset=4[\s\S]*i32\.const 3[\s\S]*i32\.const 1[\s\S]*call \$gc_remember/);
    });
  }

  it("none in a constructor's first stores into `this`, which nothing could have made old; one after anything that can stop, and in a base class's", () => {
    const functions = compiledFunctions("none");
    expect(barriers(functions.get("$Pair#constructor")!), "Pair").toBe(0);
    // `first` is stored before the allocation, `second` after it.
    expect(barriers(functions.get("$Late#constructor")!), "Late").toBe(1);
    expect(barriers(functions.get("$Base#constructor")!), "Base").toBe(1);
    expect(barriers(functions.get("$Derived#constructor")!), "Derived").toBe(1);
  });

  it("once per fill, after its loop, not at every element", () => {
    const fill = compiledFunctions("none").get("$fillRefs")!;
    expect(barriers(fill)).toBe(1);
    const loopEnd = fill.lastIndexOf("(loop");
    expect(loopEnd).toBeGreaterThanOrEqual(0);
    expect(fill.indexOf("call $gc_remember")).toBeGreaterThan(fill.indexOf("(br $fill", loopEnd));
  });
});

describe("old objects holding young ones: test/gc/old_to_young.ts", SLOW, () => {
  const file = path.join(ROOT, "test/gc/old_to_young.ts");
  const expected = () => runReference(file).stdout;
  const configurations: { stm: StmAlgorithm; threads: number[] }[] = [
    { stm: "none", threads: [1] },
    { stm: "etl", threads: [1, 4] },
    { stm: "tl2", threads: [2] },
    { stm: "norec", threads: [2] },
  ];
  for (const target of TARGETS) {
    for (const { stm, threads } of configurations) {
      it(`${target}, --stm ${stm}, ${threads.join("/")} threads: minor and major collections, the collector at every chunk, freed memory poisoned`, async () => {
        const wasm = compileOrThrow(file, { target, stm, optimizeLevel: 2, maximumPages: 16 * 16 });
        for (const n of threads) {
          for (const gcStress of [false, true]) {
            let stdout = "";
            let stderr = "";
            const result = await runModule(wasm, { threads: n, gcPoison: true, gcStress, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
            const what = `${n} threads${gcStress ? ", collecting at every chunk" : ""}`;
            expect(stderr, what).toBe("");
            expect(result.exitCode, what).toBe(0);
            expect(stdout, what).toBe(expected());
            const gc = result.stats!.gc;
            expect(gc.collections - gc.majorCollections, `${what}: minor collections`).toBeGreaterThan(0);
            if (gcStress) expect(gc.majorCollections, `${what}: major collections`).toBeGreaterThan(0);
          }
        }
      });
    }
  }
});
