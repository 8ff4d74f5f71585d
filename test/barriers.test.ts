// Barrier selection (compiler/barriers/select.ts): the decisions `stmc compile --emit barriers`
// prints are pinned here, so that a change that puts a barrier back fails a test; and the
// programs whose plans are checked run correctly on several threads.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileFile } from "../compiler/index.js";
import { compileOrThrow, ROOT, runReference, TARGETS } from "./support/programs.js";
import { runModule } from "../runtime/host/index.js";
import type { StmAlgorithm } from "../runtime/abi.js";
import { functionsOf } from "./support/wat.js";

function plan(file: string, fn: string, stm: StmAlgorithm = "etl"): string[] {
  const result = compileFile(path.join(ROOT, file), { target: "wasm32", optimizeLevel: 0, stm, emitBarriers: true });
  if (!result.ok) throw new Error("compile errors");
  const lines = result.barriers!.split("\n");
  const start = lines.findIndex((l) => l.startsWith(`${fn} `));
  expect(start, `function ${fn} in the report`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > start && !l.startsWith("  "));
  return lines.slice(start + 1, end).map((l) => l.trim());
}

/** The text of function `name` in a module's text format. */
function functionText(wat: string, name: string): string {
  const start = wat.indexOf(`(func $${name} `);
  expect(start, `function ${name} in the module`).toBeGreaterThanOrEqual(0);
  const end = wat.indexOf("\n (func ", start + 1);
  return wat.slice(start, end < 0 ? undefined : end);
}

describe("barrier selection", () => {
  it("hoists a loop's invariant reads: a field the loop does not write, an array's length and store pointer", () => {
    const lines = plan("test/barriers/hoisting.ts", "sumTable");
    expect(lines).toContain("16:23 field Table.count read: hoisted");
    expect(lines).toContain("16:23 before the loop: value: read");
    expect(lines).toContain("16:42 length: hoisted");
    expect(lines).toContain("16:42 store pointer: hoisted");
    expect(lines).toContain("16:42 before the loop: length and store pointer: read");
    // The element itself is shared data the loop reads: it keeps its barrier.
    expect(lines).toContain("16:42 element read: read");
  });

  it("does not hoist array headers in a loop that pushes or pops (directly or through calls)", () => {
    const lines = plan("test/barriers/hoisting.ts", "grows");
    expect(lines.some((l) => l.includes("length: hoisted"))).toBe(false);
    expect(lines).toContain("22:31 length: write");
    // A module variable the loop does not write is still hoisted.
    expect(lines).toContain("22:43 variable sums read: hoisted");
  });

  it("does not hoist through a local the loop assigns, a field a called function writes, or a nullable local", () => {
    expect(plan("test/barriers/hoisting.ts", "replaces")).toContain("30:10 length: read");
    const writer = plan("test/barriers/hoisting.ts", "callsWriter");
    expect(writer).toContain("43:23 field Table.count read: read");
    expect(writer).toContain("44:10 length: hoisted");
    expect(plan("test/barriers/hoisting.ts", "narrowed")).toContain("55:26 length: read");
  });

  it("elides barriers on objects the transaction allocated and on fields never written after construction", () => {
    const build = plan("test/barriers/elision.ts", "build");
    expect(build).toContain("21:3 field Node.next write: fresh");
    expect(build).toContain("22:17 field Node.value read: fresh");
    expect(build).toContain("23:3 element write: write");
    const readBack = plan("test/barriers/elision.ts", "readBack");
    expect(readBack).toContain("29:12 field Node.value read: immutable");
    // label is written by a method after construction: it keeps its barrier.
    expect(readBack).toContain("29:22 field Node.label read: read");
    expect(plan("test/barriers/elision.ts", "Node.relabel")).toContain("12:5 field Node.label write: write");
    expect(plan("test/barriers/elision.ts", "Node#constructor")).toContain("9:5 field Node.value write: fresh");
  });

  it("reads an array's header without a barrier when nothing resizes an array of its type, and a module variable only its initialiser writes", () => {
    const lines = plan("test/barriers/headers.ts", "tally");
    // i64[]: no push or pop anywhere.
    expect(lines).toContain("19:3 length: immutable");
    expect(lines).toContain("19:3 store pointer: immutable");
    expect(lines).toContain("19:3 element write: write");
    // i32[]: enqueue pushes onto another i32[], so any i32[] header may change.
    expect(lines).toContain("20:3 length: read");
    expect(lines).toContain("20:3 store pointer: read");
    // Square[] is never resized, but Shape[] is, and a Square[] may be used as a Shape[].
    expect(lines).toContain("21:3 length: read");
    // const module variables (counts, sizes, squares) are written only by their initialisers.
    expect(lines).toContain("19:3 variable counts read: immutable");
    expect(lines).toContain("21:3 variable squares read: immutable");
    expect(plan("test/barriers/headers.ts", "enqueue")).toContain("25:3 length: write");
  });

  it("needs no barrier for a location a dominating write of the transaction owns, and only for it", () => {
    const lines = plan("test/barriers/owned.ts", "count");
    // The first write locks; the same field after it, read or written, is owned.
    expect(lines).toContain("14:3 field Counter.hits write: write");
    expect(lines).toContain("14:12 field Counter.hits read: read");
    expect(lines).toContain("15:3 field Counter.hits write: owned");
    expect(lines).toContain("15:3 field Counter.hits read: owned");
    expect(lines).toContain("18:7 variable total read: owned");
    // A write inside a branch does not dominate what follows the branch.
    expect(lines).toContain("18:24 field Counter.misses read: read");
    // The loop assigns c: after its back edge, c may be another object.
    expect(lines).toContain("20:5 field Counter.hits write: write");
    expect(lines).toContain("23:12 field Counter.hits read: read");
    expect(lines).toContain("23:3 variable total write: owned");
  });

  it("needs no barrier on a parameter every transactional caller passes a new object, and only then", () => {
    // sum: its only transactional caller passes a new array (report, outside transactions, does not count).
    expect(plan("test/barriers/fresh-params.ts", "sum")).toEqual(["11:23 length: fresh", "11:48 length: fresh", "11:48 store pointer: fresh", "11:48 element read: fresh"]);
    // first: one caller passes shared data.
    expect(plan("test/barriers/fresh-params.ts", "first")).toContain("16:10 element read: read");
    // peek: called from an atomic block of plain code, with an array allocated before it began.
    expect(plan("test/barriers/fresh-params.ts", "peek")).toContain("20:10 element read: read");
  });

  it("reuses a read's value for later reads of the same location until something may write it", () => {
    const lines = plan("test/barriers/repeats.ts", "probe");
    expect(lines).toContain("16:13 field Node.count read: read");
    // Dominated by the read on line 16, in straight-line code and inside a branch.
    expect(lines).toContain("17:13 field Node.count read: repeat");
    expect(lines).toContain("19:18 field Node.count read: repeat");
    expect(lines).toContain("19:28 variable nodes read: repeat");
    // After a call that writes Node.count (bump), and after a write of count on another object.
    expect(lines).toContain("21:13 field Node.count read: read");
    expect(lines).toContain("23:13 field Node.count read: read");
    // Reads in a && operand or a ?: branch are not known afterwards, nor reused within a statement.
    expect(lines).toContain("25:41 field Node.count read: read");
    // A condition's read is known to its branches, but not after a branch that reassigns its
    // local (28) or writes its field (30).
    expect(lines).toContain("28:13 field Node.count read: read");
    expect(lines).toContain("29:7 field Node.count read: repeat");
    expect(lines).toContain("30:13 field Node.count read: read");
  });

  it("inlines ETL's read and owned-write fast paths: the runtime is called only on the slow path", () => {
    const result = compileFile(path.join(ROOT, "test/barriers/owned.ts"), { target: "wasm32", optimizeLevel: 0, stm: "etl", emitText: true });
    if (!result.ok) throw new Error("compile errors");
    const fn = functionText(result.text!, "count$tx");
    // The read: the lock word's stamp against the snapshot, the read set appended in line.
    expect(fn).toMatch(/\(block \$readSlow\d+/);
    expect(fn).toContain("global.get $tls.snapshot");
    expect(fn).toContain("global.set $tls.readCount");
    // The write to a stripe the transaction owns: its lock word's owner and log entry.
    expect(fn).toMatch(/\(block \$writeSlow\d+/);
    expect(fn).toContain("global.get $tls.ownerTag");
    // A read of a stripe the transaction holds stays in line too: every fast path, read or
    // write, compares the lock word's owner with this thread's.
    const fastPaths = [...fn.matchAll(/\(block \$(readSlow|writeSlow)\d+/g)].length;
    expect([...fn.matchAll(/global\.get \$tls\.ownerTag/g)].length).toBe(fastPaths);
    // Each slow-path call sits in the block its fast path branches out of.
    const calls = [...fn.matchAll(/call \$(read_\w+_slow|write_prepare)/g)].length;
    const slowBlocks = [...fn.matchAll(/\(block \$(readSlow|writeSlow)\d+/g)].length;
    expect(calls).toBeGreaterThan(0);
    expect(calls).toBe(slowBlocks);
  });

  it("keeps the slow paths out of line at -O3: every barrier's slow path is a call, for every algorithm", () => {
    for (const stm of ["etl", "tl2", "norec"] as const) {
      const result = compileFile(path.join(ROOT, "test/barriers/owned.ts"), { target: "wasm32", optimizeLevel: 3, stm, emitText: true });
      if (!result.ok) throw new Error("compile errors");
      // The conflict test after the algorithm's read or write (runtime/core/stm/transaction.ts)
      // stays in the runtime: no transactional function of the program has it inlined.
      const functions = [...functionsOf(result.text!)];
      const inlined = functions.filter(([name, text]) => name.endsWith("$tx") && text.includes("$tls.conflicted")).map(([name]) => name);
      expect(functions.some(([name]) => name.endsWith("$tx")), stm).toBe(true);
      expect(inlined, stm).toEqual([]);
      expect(result.text!, stm).toMatch(/call \$read_(i32|usize)_slow/);
    }
  });

  it("inlines the slow paths' test for private data, the allocation-range search left a call: etl's write_prepare and every read slow path", () => {
    for (const stm of ["etl", "tl2", "norec"] as const) {
      const result = compileFile(path.join(ROOT, "test/barriers/owned.ts"), { target: "wasm32", optimizeLevel: 3, stm, emitText: true });
      if (!result.ok) throw new Error("compile errors");
      const slowPaths = [...functionsOf(result.text!)].filter(([name]) => name === "$write_prepare" || /^\$(read|write)_\w+_slow$/.test(name));
      expect(slowPaths.length, stm).toBeGreaterThan(0);
      for (const [name, text] of slowPaths) {
        // The irrevocable flag is tested in the slow path itself, not through a call...
        expect(text, `${stm} ${name}`).toContain("global.get $tls.irrevocable");
        // ...and the search of the transaction's allocation ranges is a call behind it.
        expect(text, `${stm} ${name}`).toContain("call $allocated_earlier_by_transaction");
      }
    }
  });

  it("with a redo log (tl2, norec), a location the transaction wrote keeps its barrier: its value is in the log", () => {
    for (const stm of ["tl2", "norec"] as const) {
      const lines = plan("test/barriers/owned.ts", "count", stm);
      expect(lines, stm).toContain("15:3 field Counter.hits write: write");
      expect(lines, stm).toContain("15:3 field Counter.hits read: read");
      expect(lines.filter((l) => l.endsWith(": owned")), stm).toEqual([]);
      // What does not depend on where the value is stays elided: a repeated read reuses the first.
      expect(plan("test/barriers/repeats.ts", "probe", stm), stm).toContain("17:13 field Node.count read: repeat");
    }
  });

  it("calls the runtime for tl2's and norec's barriers: reads look in the log first, writes go to it", () => {
    for (const stm of ["tl2", "norec"] as const) {
      const result = compileFile(path.join(ROOT, "test/barriers/owned.ts"), { target: "wasm32", optimizeLevel: 0, stm, emitText: true });
      if (!result.ok) throw new Error("compile errors");
      const fn = functionText(result.text!, "count$tx");
      expect(fn, stm).toMatch(/call \$read_i32_slow/);
      expect(fn, stm).toMatch(/call \$write_i32_slow/);
      expect(fn, stm).not.toContain("write_prepare");
      expect(fn, stm).not.toContain("$tls.snapshot");
    }
  });

  for (const file of ["test/barriers/hoisting.ts", "test/barriers/elision.ts", "test/barriers/owned.ts", "test/barriers/fresh-params.ts", "test/barriers/repeats.ts"]) {
    for (const target of TARGETS) {
      it(`${path.basename(file)} on ${target} (${target === "wasm32" ? "etl" : "tl2"}): the same output as the reference at 1, 2 and 4 threads, with forced aborts`, async () => {
        const expected = runReference(path.join(ROOT, file));
        const wasm = compileOrThrow(path.join(ROOT, file), { target, stm: target === "wasm32" ? "etl" : "tl2" });
        for (const threads of [1, 2, 4]) {
          let stdout = "";
          const result = await runModule(wasm, { threads, forcedAbortRate: 0.3, stdout: (t) => (stdout += t), stderr: () => {} });
          expect(result.exitCode, `${threads} threads`).toBe(0);
          expect(stdout, `${threads} threads`).toBe(expected.stdout);
        }
      });
    }
  }
});
