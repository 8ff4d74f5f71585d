// Generics are monomorphised (compiler/check/generics.ts): each instance is a class or function of
// its own, specialised to its type arguments, and an instance is made once per type list however
// often it is used. A call through an interface is a direct call of the interface's dispatcher,
// which tests the object's class and calls each implementation directly
// (compiler/check/interfaces.ts). Pinned here so that a change to either fails a test.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileFile } from "../compiler/index.js";
import { ROOT, TARGETS } from "./support/programs.js";
import { functionsOf } from "./support/wat.js";

const FILE = path.join(ROOT, "test/generics/instances.ts");

describe.each(TARGETS)("%s", (target) => {
  const result = compileFile(FILE, { target, stm: "etl", optimizeLevel: 0, emitText: true });
  if (!result.ok) throw new Error("instances.ts does not compile");
  const names = [...functionsOf(result.text!).keys()];
  // Functions of an instance, without their transactional twins ($tx).
  const matching = (prefix: string) => names.filter((n) => n.startsWith(prefix) && !n.endsWith("$tx"));

  it("makes a class per list of type arguments, each with its own methods", () => {
    expect(matching('$Stack<i32>.push')).toHaveLength(1);
    expect(matching('$Stack<string>.push')).toHaveLength(1);
    expect(matching('$Stack<f64>')).toEqual([]);
  });

  it("makes a function once per list of type arguments, however often it is called", () => {
    expect(matching('$twice<i32>')).toHaveLength(1);
    expect(matching('$twice<f64>')).toHaveLength(1);
  });

  it("makes a generic method per receiver instance and type arguments", () => {
    expect(matching('$Stack<i32>.mapLast<f64>')).toHaveLength(1);
    expect(matching('$Stack<string>.mapLast<i32>')).toHaveLength(1);
  });
});

describe.each(TARGETS)("%s: a call through an interface", (target) => {
  const result = compileFile(path.join(ROOT, "test/generics/dispatch.ts"), { target, stm: "none", optimizeLevel: 0, emitText: true });
  if (!result.ok) throw new Error("dispatch.ts does not compile");
  const fns = functionsOf(result.text!);

  it("is a direct call of the interface's dispatcher, with no table", () => {
    const total = fns.get("$total")!;
    expect(total).toContain("call $Shape.area");
    expect(total).not.toContain("call_indirect");
  });

  it("dispatches by class id to each implementation, directly", () => {
    const dispatcher = fns.get("$Shape.area")!;
    expect(dispatcher).toContain("call $Square.area");
    expect(dispatcher).toContain("call $Circle.area");
    expect(dispatcher).not.toContain("call_indirect");
  });
});

describe.each(TARGETS)("%s: map.get(k) ?? d", (target) => {
  it("calls the library's getOr, which boxes nothing, instead of get", () => {
    const result = compileFile(path.join(ROOT, "test/generics/get_or.ts"), { target, stm: "none", optimizeLevel: 0, emitText: true });
    if (!result.ok) throw new Error("get_or.ts does not compile");
    const main = functionsOf(result.text!).get("$main")!;
    expect(main).toContain('call $"Map<string, i32>.getOr"');
    expect(main).not.toContain('call $"Map<string, i32>.get"');
  });
});
