// Arrays: an array object (length, capacity, store pointer) and a separate element store.
// Every index is bounds-checked; push grows the store through the runtime.
import binaryen from "#binaryen";
import { FailCode } from "../../runtime/abi.js";
import type { Expr, Loc } from "../check/ir.js";
import { I32, isReference, USIZE, type Type } from "../check/types.js";
import { accessOf, barrierBlock, rememberIfOld, sharedLoad, sharedStore, type Access } from "../barriers/barriers.js";
import type { FunctionContext } from "./context.js";
import { lowerExpr, rootedSpill, spill } from "./expressions.js";
import { allocate } from "./objects.js";

type Ref = binaryen.ExpressionRef;
type ArrayExpr = Extract<Expr, { k: "index.get" | "index.set" | "array.length" | "array.push" | "array.pop" | "array.fill" | "new.array" | "array.literal" }>;

export function lowerArrayExpr(fc: FunctionContext, e: ArrayExpr): Ref {
  const { m, mod } = fc;
  const layout = mod.layout;
  switch (e.k) {
    case "array.length": {
      const header = fc.hoistedHeader(e.array);
      if (header !== null) return header.length();
      return lengthOf(fc, lowerExpr(fc, e.array), accessOf(fc, e, "length"));
    }
    case "index.get": {
      const element = e.type;
      const parts = arrayParts(fc, e);
      const a = spill(fc, lowerExpr(fc, e.array), mod.ptr);
      const i = spill(fc, lowerExpr(fc, e.index), binaryen.i32);
      const load = sharedLoad(fc, element, elementAddress(fc, storeOf(fc, a.get(), parts.store), i.get(), element), layout.headerSize, parts.value);
      return m.block(null, [a.set, i.set, boundsCheck(fc, a.get, i.get, parts.length, e.loc), load], mod.wasmType(element));
    }
    case "index.set": {
      const element = elementType(e.array.type);
      const parts = arrayParts(fc, e);
      const a = spill(fc, lowerExpr(fc, e.array), mod.ptr);
      const i = spill(fc, lowerExpr(fc, e.index), binaryen.i32);
      const v = spill(fc, lowerExpr(fc, e.value), mod.wasmType(element));
      const s = spill(fc, storeOf(fc, a.get(), parts.store), mod.ptr);
      const store = sharedStore(fc, element, elementAddress(fc, s.get(), i.get(), element), v.get(), layout.headerSize, parts.value, barrierBlock(fc, e, s.get));
      const body = [a.set, i.set, v.set, boundsCheck(fc, a.get, i.get, parts.length, e.loc), s.set, store];
      return e.tee ? m.block(null, [...body, v.get()], mod.wasmType(element)) : m.block(null, body, binaryen.none);
    }
    case "array.push": {
      const element = elementType(e.array.type);
      const size = mod.sizeOf(element);
      // A loop that resizes arrays hoists no array header: push and pop read theirs here.
      const parts = { length: accessOf(fc, e, "length"), store: accessOf(fc, e, "store"), value: accessOf(fc, e, "value") };
      const a = spill(fc, lowerExpr(fc, e.array), mod.ptr);
      const v = spill(fc, lowerExpr(fc, e.value), mod.wasmType(element));
      const length = spill(fc, lengthOf(fc, a.get(), parts.length), binaryen.i32);
      const full = m.i32.eq(length.get(), sharedLoad(fc, I32, a.get(), layout.arrayCapacityOffset, parts.length));
      const growArgs = [a.get(), mod.ptrConst(size), m.i32.const(mod.storeClassId(element)), m.i32.const(mod.locationId(e.loc))];
      const grow = m.block(null, [...(fc.frame?.spills() ?? []), fc.located(m.call(mod.runtimeFunction("array_grow").name, growArgs, binaryen.none), e.loc)]);
      const newLength = () => m.i32.add(length.get(), m.i32.const(1));
      const s = spill(fc, storeOf(fc, a.get(), parts.store), mod.ptr);
      return m.block(null, [
        a.set, v.set, length.set,
        m.if(full, grow),
        s.set,
        sharedStore(fc, element, elementAddress(fc, s.get(), length.get(), element), v.get(), layout.headerSize, parts.value, barrierBlock(fc, e, s.get)),
        sharedStore(fc, I32, a.get(), newLength(), layout.arrayLengthOffset, parts.length),
        newLength(),
      ], binaryen.i32);
    }
    case "array.pop": {
      const element = e.type;
      const parts = { length: accessOf(fc, e, "length"), store: accessOf(fc, e, "store"), value: accessOf(fc, e, "value") };
      const a = spill(fc, lowerExpr(fc, e.array), mod.ptr);
      const last = spill(fc, m.i32.sub(lengthOf(fc, a.get(), parts.length), m.i32.const(1)), binaryen.i32);
      return m.block(null, [
        a.set, last.set,
        m.if(m.i32.lt_s(last.get(), m.i32.const(0)), mod.fail(FailCode.PopEmpty, e.loc)),
        sharedStore(fc, I32, a.get(), last.get(), layout.arrayLengthOffset, parts.length),
        sharedLoad(fc, element, elementAddress(fc, storeOf(fc, a.get(), parts.store), last.get(), element), layout.headerSize, parts.value),
      ], mod.wasmType(element));
    }
    case "array.fill": {
      const element = elementType(e.array.type);
      const parts = arrayParts(fc, e);
      const a = spill(fc, lowerExpr(fc, e.array), mod.ptr);
      const v = spill(fc, lowerExpr(fc, e.value), mod.wasmType(element));
      return m.block(null, [a.set, v.set, fillLoop(fc, a.get, v.get, element, lengthOf(fc, a.get(), parts.length), parts, e.value), a.get()], mod.ptr);
    }
    case "new.array": {
      const element = e.type.element;
      const length = spill(fc, lowerExpr(fc, e.length), binaryen.i32);
      const fill = spill(fc, lowerExpr(fc, e.fill), mod.wasmType(element));
      const negative = m.if(m.i32.lt_s(length.get(), m.i32.const(0)), mod.fail(FailCode.NegativeArrayLength, e.loc, m.f64.convert_s.i32(length.get())));
      const a = spill(fc, newArray(fc, length.get, element, e.loc), mod.ptr);
      const zeroFill = e.fill.k === "null" || (e.fill.k === "const" && (e.fill.value === 0 || e.fill.value === 0n || e.fill.value === false) && !Object.is(e.fill.value, -0));
      // As in TypeScript: the length, its check, then the fill value (`n` first in `new Array(n).fill(n--)`).
      const body = [length.set, negative, fill.set, a.set];
      if (!zeroFill) body.push(fillLoop(fc, a.get, fill.get, element, length.get(), null, e.fill));
      return m.block(null, [...body, a.get()], mod.ptr);
    }
    case "array.literal": {
      const element = e.type.element;
      const count = e.elements.length;
      const values = e.elements.map((x) => spill(fc, lowerExpr(fc, x), mod.wasmType(element)));
      const a = spill(fc, newArray(fc, () => m.i32.const(count), element, e.loc), mod.ptr);
      const stores = values.map((v, i) => mod.store(element, elementAddress(fc, storeOf(fc, a.get(), null), m.i32.const(i), element), v.get(), layout.headerSize));
      return m.block(null, [...values.map((v) => v.set), a.set, ...stores, a.get()], mod.ptr);
    }
  }
}

interface ArrayParts {
  /** How to read the length: a barrier kind, or a loop-invariant copy made before the loop. */
  readonly length: Access | HoistedRead;
  readonly store: Access | HoistedRead;
  readonly value: Access;
}
type HoistedRead = () => Ref;

/** The plan's decisions for an array access's length, store pointer and element. */
function arrayParts(fc: FunctionContext, e: ArrayExpr): ArrayParts {
  const header = fc.hoistedHeader((e as { array: Expr }).array);
  return {
    length: header?.length ?? accessOf(fc, e, "length"),
    store: header?.store ?? accessOf(fc, e, "store"),
    value: accessOf(fc, e, "value"),
  };
}

function elementType(t: Type): Type {
  if (t.kind !== "array") throw new Error("not an array type");
  return t.element;
}

/**
 * The array's length: shared data, read through the STM (`access` null: a private, new array;
 * a function: the copy hoisted before the loop; the array expression is then not read).
 */
function lengthOf(fc: FunctionContext, array: Ref, access: Access | HoistedRead | null): Ref {
  if (typeof access === "function") return access();
  return access === null ? fc.m.i32.load(fc.mod.layout.arrayLengthOffset, 4, array) : sharedLoad(fc, I32, array, fc.mod.layout.arrayLengthOffset, access);
}

/** Fails unless 0 <= index < length (one unsigned comparison). */
function boundsCheck(fc: FunctionContext, array: () => Ref, index: () => Ref, length: Access | HoistedRead, loc: Loc): Ref {
  const { m, mod } = fc;
  const outside = m.i32.ge_u(index(), lengthOf(fc, array(), length));
  return m.if(outside, mod.fail(FailCode.IndexOutOfRange, loc, m.f64.convert_s.i32(index())));
}

/** The array's element store (`access` as in lengthOf). */
function storeOf(fc: FunctionContext, array: Ref, access: Access | HoistedRead | null): Ref {
  const { mod } = fc;
  return typeof access === "function" ? access() : access === null ? mod.load(USIZE, array, mod.layout.arrayDataOffset) : sharedLoad(fc, USIZE, array, mod.layout.arrayDataOffset, access);
}

/** Address of element `index` of `store` minus the store's header (the header is the load/store offset). */
function elementAddress(fc: FunctionContext, store: Ref, index: Ref, element: Type): Ref {
  const { mod } = fc;
  const scaled = mod.ptrOps.mul(mod.indexToPtr(index), mod.ptrConst(mod.sizeOf(element)));
  return mod.ptrOps.add(store, scaled);
}

/** A new array with `length` elements (zeroed) and as much capacity. */
function newArray(fc: FunctionContext, length: () => Ref, element: Type, loc: Loc): Ref {
  const { m, mod } = fc;
  const layout = mod.layout;
  const bytes = mod.ptrOps.add(mod.ptrConst(layout.headerSize), mod.ptrOps.mul(mod.indexToPtr(length()), mod.ptrConst(mod.sizeOf(element))));
  // The store stays rooted while the array object is allocated.
  const store = rootedSpill(fc, allocate(fc, bytes, mod.storeClassId(element), loc));
  const a = spill(fc, allocate(fc, mod.ptrConst(layout.arraySize), mod.arrayClassId, loc), mod.ptr);
  return m.block(null, [
    store.set,
    a.set,
    m.i32.store(layout.arrayLengthOffset, 4, a.get(), length()),
    m.i32.store(layout.arrayCapacityOffset, 4, a.get(), length()),
    mod.store({ kind: "usize" }, a.get(), store.get(), layout.arrayDataOffset),
    a.get(),
  ], mod.ptr);
}

function fillLoop(fc: FunctionContext, array: () => Ref, value: () => Ref, element: Type, length: Ref, parts: ArrayParts | null, fillValue: Expr): Ref {
  const { m, mod } = fc;
  const i = spill(fc, m.i32.const(0), binaryen.i32);
  const n = spill(fc, length, binaryen.i32);
  const label = `fill${i.index}`;
  const s = spill(fc, storeOf(fc, array(), parts === null ? null : parts.store), mod.ptr);
  const address = elementAddress(fc, s.get(), i.get(), element);
  const store = parts === null ? mod.store(element, address, value(), mod.layout.headerSize) : sharedStore(fc, element, address, value(), mod.layout.headerSize, parts.value);
  const body = [
    i.set,
    n.set,
    s.set,
    m.loop(label, m.if(m.i32.lt_s(i.get(), n.get()), m.block(null, [store, m.local.set(i.index, m.i32.add(i.get(), m.i32.const(1))), m.br(label)]))),
  ];
  // One barrier for the whole fill: the store holds the same reference everywhere (a new array's
  // store is young, and its fill value older than it).
  if (parts !== null && isReference(element) && fillValue.k !== "null") body.push(rememberIfOld(fc, s.get()));
  return m.block(null, body, binaryen.none);
}
