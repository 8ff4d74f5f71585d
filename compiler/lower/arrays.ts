// Arrays: an array object (length, capacity, store pointer) and a separate element store.
// Every index is bounds-checked; push grows the store through the runtime.
import binaryen from "binaryen";
import { FailCode } from "../../runtime/abi.js";
import type { Expr, Loc } from "../check/ir.js";
import type { Type } from "../check/types.js";
import type { FunctionContext } from "./context.js";
import { lowerExpr, spill } from "./expressions.js";
import { allocate } from "./objects.js";

type Ref = binaryen.ExpressionRef;
type ArrayExpr = Extract<Expr, { k: "index.get" | "index.set" | "array.length" | "array.push" | "array.pop" | "array.fill" | "new.array" | "array.literal" }>;

export function lowerArrayExpr(fc: FunctionContext, e: ArrayExpr): Ref {
  const { m, mod } = fc;
  const layout = mod.layout;
  switch (e.k) {
    case "array.length":
      return m.i32.load(layout.arrayLengthOffset, 4, lowerExpr(fc, e.array));
    case "index.get": {
      const element = e.type;
      const a = spill(fc, lowerExpr(fc, e.array), mod.ptr);
      const i = spill(fc, lowerExpr(fc, e.index), binaryen.i32);
      return m.block(null, [a.set, i.set, boundsCheck(fc, a.get, i.get, e.loc), mod.load(element, elementAddress(fc, a.get(), i.get(), element), layout.headerSize)], mod.wasmType(element));
    }
    case "index.set": {
      const element = elementType(e.array.type);
      const a = spill(fc, lowerExpr(fc, e.array), mod.ptr);
      const i = spill(fc, lowerExpr(fc, e.index), binaryen.i32);
      const v = spill(fc, lowerExpr(fc, e.value), mod.wasmType(element));
      const store = mod.store(element, elementAddress(fc, a.get(), i.get(), element), v.get(), layout.headerSize);
      const body = [a.set, i.set, v.set, boundsCheck(fc, a.get, i.get, e.loc), store];
      return e.tee ? m.block(null, [...body, v.get()], mod.wasmType(element)) : m.block(null, body, binaryen.none);
    }
    case "array.push": {
      const element = elementType(e.array.type);
      const size = mod.sizeOf(element);
      const a = spill(fc, lowerExpr(fc, e.array), mod.ptr);
      const v = spill(fc, lowerExpr(fc, e.value), mod.wasmType(element));
      const length = spill(fc, m.i32.load(layout.arrayLengthOffset, 4, a.get()), binaryen.i32);
      const full = m.i32.eq(length.get(), m.i32.load(layout.arrayCapacityOffset, 4, a.get()));
      const grow = m.call(mod.runtimeFunction("array_grow").name, [a.get(), mod.ptrConst(size), m.i32.const(mod.arrayStoreClassId)], binaryen.none);
      const newLength = m.i32.add(length.get(), m.i32.const(1));
      return m.block(null, [
        a.set, v.set, length.set,
        m.if(full, grow),
        mod.store(element, elementAddress(fc, a.get(), length.get(), element), v.get(), layout.headerSize),
        m.i32.store(layout.arrayLengthOffset, 4, a.get(), newLength),
        newLength,
      ], binaryen.i32);
    }
    case "array.pop": {
      const element = e.type;
      const a = spill(fc, lowerExpr(fc, e.array), mod.ptr);
      const last = spill(fc, m.i32.sub(m.i32.load(layout.arrayLengthOffset, 4, a.get()), m.i32.const(1)), binaryen.i32);
      return m.block(null, [
        a.set, last.set,
        m.if(m.i32.lt_s(last.get(), m.i32.const(0)), mod.fail(FailCode.PopEmpty, e.loc)),
        m.i32.store(layout.arrayLengthOffset, 4, a.get(), last.get()),
        mod.load(element, elementAddress(fc, a.get(), last.get(), element), layout.headerSize),
      ], mod.wasmType(element));
    }
    case "array.fill": {
      const element = elementType(e.array.type);
      const a = spill(fc, lowerExpr(fc, e.array), mod.ptr);
      const v = spill(fc, lowerExpr(fc, e.value), mod.wasmType(element));
      return m.block(null, [a.set, v.set, fillLoop(fc, a.get, v.get, element, m.i32.load(layout.arrayLengthOffset, 4, a.get())), a.get()], mod.ptr);
    }
    case "new.array": {
      const element = e.type.element;
      const length = spill(fc, lowerExpr(fc, e.length), binaryen.i32);
      const fill = spill(fc, lowerExpr(fc, e.fill), mod.wasmType(element));
      const negative = m.if(m.i32.lt_s(length.get(), m.i32.const(0)), mod.fail(FailCode.NegativeArrayLength, e.loc, m.f64.convert_s.i32(length.get())));
      const a = spill(fc, newArray(fc, length.get, element), mod.ptr);
      const zeroFill = e.fill.k === "null" || (e.fill.k === "const" && (e.fill.value === 0 || e.fill.value === 0n || e.fill.value === false) && !Object.is(e.fill.value, -0));
      const body = [fill.set, length.set, negative, a.set];
      if (!zeroFill) body.push(fillLoop(fc, a.get, fill.get, element, length.get()));
      return m.block(null, [...body, a.get()], mod.ptr);
    }
    case "array.literal": {
      const element = e.type.element;
      const count = e.elements.length;
      const values = e.elements.map((x) => spill(fc, lowerExpr(fc, x), mod.wasmType(element)));
      const a = spill(fc, newArray(fc, () => m.i32.const(count), element), mod.ptr);
      const stores = values.map((v, i) => mod.store(element, elementAddress(fc, a.get(), m.i32.const(i), element), v.get(), layout.headerSize));
      return m.block(null, [...values.map((v) => v.set), a.set, ...stores, a.get()], mod.ptr);
    }
  }
}

function elementType(t: Type): Type {
  if (t.kind !== "array") throw new Error("not an array type");
  return t.element;
}

/** Fails unless 0 <= index < length (one unsigned comparison). */
function boundsCheck(fc: FunctionContext, array: () => Ref, index: () => Ref, loc: Loc): Ref {
  const { m, mod } = fc;
  const outside = m.i32.ge_u(index(), m.i32.load(mod.layout.arrayLengthOffset, 4, array()));
  return m.if(outside, mod.fail(FailCode.IndexOutOfRange, loc, m.f64.convert_s.i32(index())));
}

/** Address of element `index` minus the store's header (the header is the load/store offset). */
function elementAddress(fc: FunctionContext, array: Ref, index: Ref, element: Type): Ref {
  const { mod } = fc;
  const store = mod.load({ kind: "usize" }, array, mod.layout.arrayDataOffset);
  const scaled = mod.ptrOps.mul(mod.indexToPtr(index), mod.ptrConst(mod.sizeOf(element)));
  return mod.ptrOps.add(store, scaled);
}

/** A new array with `length` elements (zeroed) and as much capacity. */
function newArray(fc: FunctionContext, length: () => Ref, element: Type): Ref {
  const { m, mod } = fc;
  const layout = mod.layout;
  const bytes = mod.ptrOps.add(mod.ptrConst(layout.headerSize), mod.ptrOps.mul(mod.indexToPtr(length()), mod.ptrConst(mod.sizeOf(element))));
  const store = spill(fc, allocate(fc, bytes, mod.arrayStoreClassId), mod.ptr);
  const a = spill(fc, allocate(fc, mod.ptrConst(layout.arraySize), mod.arrayClassId), mod.ptr);
  return m.block(null, [
    store.set,
    a.set,
    m.i32.store(layout.arrayLengthOffset, 4, a.get(), length()),
    m.i32.store(layout.arrayCapacityOffset, 4, a.get(), length()),
    mod.store({ kind: "usize" }, a.get(), store.get(), layout.arrayDataOffset),
    a.get(),
  ], mod.ptr);
}

function fillLoop(fc: FunctionContext, array: () => Ref, value: () => Ref, element: Type, length: Ref): Ref {
  const { m, mod } = fc;
  const i = spill(fc, m.i32.const(0), binaryen.i32);
  const n = spill(fc, length, binaryen.i32);
  const label = `fill${i.index}`;
  const store = mod.store(element, elementAddress(fc, array(), i.get(), element), value(), mod.layout.headerSize);
  return m.block(null, [
    i.set,
    n.set,
    m.loop(label, m.if(m.i32.lt_s(i.get(), n.get()), m.block(null, [store, m.local.set(i.index, m.i32.add(i.get(), m.i32.const(1))), m.br(label)]))),
  ], binaryen.none);
}
