import binaryen from "#binaryen";
import { FailCode } from "../../runtime/abi.js";
import type { BinaryExpr, ConvertExpr, Expr, GlobalVar, Loc } from "../check/ir.js";
import { isReference, type Type } from "../check/types.js";
import { lowerArrayExpr } from "./arrays.js";
import type { FunctionContext, ModuleContext } from "./context.js";
import { lowerIntrinsic } from "./intrinsics.js";
import { lowerObjectExpr } from "./objects.js";
import { accessOf, sharedLoad, sharedStore } from "../barriers/barriers.js";
import { stoppingCall } from "../gc/frames.js";

type Ref = binaryen.ExpressionRef;

export function lowerExpr(fc: FunctionContext, e: Expr): Ref {
  const { m, mod } = fc;
  switch (e.k) {
    case "const":
      return constant(mod, e.type, e.value);
    case "null":
      return mod.ptrConst(0);
    case "local.get":
      return m.local.get(e.local.id, mod.wasmType(e.local.type));
    case "local.set": {
      const value = lowerExpr(fc, e.value);
      const type = mod.wasmType(e.local.type);
      return e.tee ? m.local.tee(e.local.id, value, type) : m.local.set(e.local.id, value);
    }
    case "global.get": {
      const tls = mod.threadLocalGlobals.get(e.global);
      if (tls !== undefined) return m.global.get(tls, mod.wasmType(e.global.type));
      return fc.reusableRead(e, () => fc.hoistedValue(e) ?? sharedLoad(fc, e.global.type, mod.ptrConst(globalAddress(fc, e.global)), 0, accessOf(fc, e, "value")));
    }
    case "global.set": {
      const tls = mod.threadLocalGlobals.get(e.global);
      if (tls !== undefined) {
        const type = mod.wasmType(e.global.type);
        const value = lowerExpr(fc, e.value);
        return e.tee ? m.block(null, [m.global.set(tls, value), m.global.get(tls, type)], type) : m.global.set(tls, value);
      }
      const address = () => mod.ptrConst(globalAddress(fc, e.global));
      const value = lowerExpr(fc, e.value);
      const access = accessOf(fc, e, "value");
      if (!e.tee) return sharedStore(fc, e.global.type, address(), value, 0, access);
      const v = spill(fc, value, mod.wasmType(e.type));
      return m.block(null, [v.set, sharedStore(fc, e.global.type, address(), v.get(), 0, access), v.get()], mod.wasmType(e.type));
    }
    case "binary":
      return lowerBinary(fc, e);
    case "unary": {
      const operand = lowerExpr(fc, e.operand);
      if (e.op === "not") return m.i32.eqz(operand);
      if (e.op === "bitnot") {
        const wide = e.type.kind === "i64" || (e.type.kind === "usize" && mod.target.memory64);
        return wide ? m.i64.xor(operand, m.i64.const(-1n)) : m.i32.xor(operand, m.i32.const(-1));
      }
      if (e.type.kind === "f64") return m.f64.neg(operand);
      return e.type.kind === "i64" ? m.i64.sub(m.i64.const(0n), operand) : m.i32.sub(m.i32.const(0), operand);
    }
    case "convert":
      return lowerConvert(fc, e);
    case "logical": {
      const left = lowerExpr(fc, e.left);
      const right = lowerExpr(fc, e.right);
      return e.op === "and" ? m.if(left, right, m.i32.const(0)) : m.if(left, m.i32.const(1), right);
    }
    case "cond":
      return m.if(lowerExpr(fc, e.cond), lowerExpr(fc, e.then), lowerExpr(fc, e.else));
    case "seq": {
      const effects = e.effects.map((x) => dropValue(fc, lowerExpr(fc, x)));
      if (effects.length === 0) return lowerExpr(fc, e.value);
      return m.block(null, [...effects, lowerExpr(fc, e.value)], mod.wasmType(e.type));
    }
    case "call": {
      const call = (args: Ref[]) => fc.located(m.call(mod.functionName(e.fn, fc.transactional), args, mod.wasmType(e.fn.result)), e.loc);
      const args = e.args.map((a) => lowerExpr(fc, a));
      if (e.fn.kind === "host" && fc.transactional && mod.barriers) {
        // What the host does cannot be rolled back: the transaction first becomes irrevocable
        // (runtime/core/stm/transaction.ts), after the arguments, as the call itself would be.
        const values = args.map((a) => spill(fc, a, binaryen.getExpressionType(a)));
        const before = m.call(mod.runtimeFunction("tx_before_host_call").name, [], binaryen.none);
        return m.block(null, [...values.map((v) => v.set), before, call(values.map((v) => v.get()))], mod.wasmType(e.fn.result));
      }
      return mod.safepoints.functionReaches(e.fn) ? stoppingCall(fc, args, call) : call(args);
    }
    case "print":
      return lowerPrint(fc, e.values);
    case "string.literal":
      return fc.mod.stringLiteral(e.value);
    case "intrinsic":
      return lowerIntrinsic(fc, e);
    case "field.get":
    case "field.set":
    case "new":
    case "call.virtual":
    case "instanceof":
    case "nonnull":
      return lowerObjectExpr(fc, e);
    case "index.get":
    case "index.set":
    case "array.length":
    case "array.push":
    case "array.pop":
    case "array.fill":
    case "new.array":
    case "array.literal":
      return lowerArrayExpr(fc, e);
  }
}

function globalAddress(fc: FunctionContext, global: GlobalVar): number {
  const address = fc.mod.globalAddresses.get(global);
  if (address === undefined) throw new Error(`module variable '${global.name}' has no address`);
  return address;
}

export function constant(mod: ModuleContext, type: Type, value: number | bigint | boolean): Ref {
  const m = mod.module;
  switch (type.kind) {
    case "bool":
      return m.i32.const(value ? 1 : 0);
    case "i32":
      return m.i32.const(Number(value));
    case "i64":
      return m.i64.const(BigInt(value));
    case "f64":
      return m.f64.const(Number(value));
    default:
      return mod.ptrConst(Number(value));
  }
}

/** Drops the value of an expression used as a statement. */
export function dropValue(fc: FunctionContext, ref: Ref): Ref {
  const type = binaryen.getExpressionType(ref);
  return type === binaryen.none || type === binaryen.unreachable ? ref : fc.m.drop(ref);
}

/**
 * Like spill, for a reference the collector must see while it is held (the function's frame
 * gets a slot for it); a plain spill in a function without a frame.
 */
export function rootedSpill(fc: FunctionContext, ref: Ref): { set: Ref; get: () => Ref; index: number } {
  const local = rootedLocal(fc);
  return { ...local, set: fc.m.local.set(local.index, ref) };
}

/**
 * A fresh pointer local the frame spills at every safepoint lowered from now on: create it
 * before lowering the code that runs while it holds a reference.
 */
export function rootedLocal(fc: FunctionContext): { get: () => Ref; index: number } {
  const index = fc.temp(fc.mod.ptr);
  fc.frame?.addRoot(index);
  return { get: () => fc.m.local.get(index, fc.mod.ptr), index };
}

/** Evaluates `ref` into a fresh local; returns the set and a getter. */
export function spill(fc: FunctionContext, ref: Ref, type: binaryen.Type): { set: Ref; get: () => Ref; index: number } {
  const t = fc.temp(type);
  return { set: fc.m.local.set(t, ref), get: () => fc.m.local.get(t, type), index: t };
}

function lowerBinary(fc: FunctionContext, e: BinaryExpr): Ref {
  const { m, mod } = fc;
  const t = e.operandType;
  const left = lowerExpr(fc, e.left);
  const right = lowerExpr(fc, e.right);
  if (t.kind === "f64") {
    const ops = m.f64;
    switch (e.op) {
      case "add": return ops.add(left, right);
      case "sub": return ops.sub(left, right);
      case "mul": return ops.mul(left, right);
      case "div": return ops.div(left, right);
      case "rem": return floatRemainder(fc, left, right);
      case "eq": return ops.eq(left, right);
      case "ne": return ops.ne(left, right);
      case "lt": return ops.lt(left, right);
      case "le": return ops.le(left, right);
      case "gt": return ops.gt(left, right);
      case "ge": return ops.ge(left, right);
    }
    throw new Error(`f64 operator ${e.op}`);
  }
  const unsigned = t.kind === "usize" || isReference(t);
  const ops = (t.kind === "i64" ? m.i64 : t.kind === "i32" || t.kind === "bool" ? m.i32 : mod.ptrOps) as typeof m.i32;
  const wasmT = mod.wasmType(t);
  if ((e.op === "div" || e.op === "rem") && !unsigned) {
    // Integer division by zero is a runtime error with a location, not a trap.
    const dividend = spill(fc, left, wasmT);
    const divisor = spill(fc, right, wasmT);
    const zero = t.kind === "i64" ? m.i64.const(0n) : m.i32.const(0);
    const checks = [m.if(ops.eq(divisor.get(), zero), mod.fail(FailCode.DivisionByZero, e.loc))];
    if (e.op === "div") {
      // The one quotient that does not fit (a wasm trap would be located by the optimizer's whims).
      const [minusOne, min] = t.kind === "i64" ? [m.i64.const(-1n), m.i64.const(-(2n ** 63n))] : [m.i32.const(-1), m.i32.const(-(2 ** 31))];
      checks.push(m.if(m.i32.and(ops.eq(divisor.get(), minusOne), ops.eq(dividend.get(), min)), mod.fail(FailCode.IntegerOverflow, e.loc)));
    }
    const result = e.op === "div" ? ops.div_s(dividend.get(), divisor.get()) : ops.rem_s(dividend.get(), divisor.get());
    return m.block(null, [dividend.set, divisor.set, ...checks, result], wasmT);
  }
  switch (e.op) {
    case "add": return ops.add(left, right);
    case "sub": return ops.sub(left, right);
    case "mul": return ops.mul(left, right);
    case "div": return ops.div_u(left, right);
    case "rem": return ops.rem_u(left, right);
    case "and": return ops.and(left, right);
    case "or": return ops.or(left, right);
    case "xor": return ops.xor(left, right);
    case "shl": return ops.shl(left, right);
    case "shr": return unsigned ? ops.shr_u(left, right) : ops.shr_s(left, right);
    case "shr_u": return ops.shr_u(left, right);
    case "eq": return ops.eq(left, right);
    case "ne": return ops.ne(left, right);
    case "lt": return unsigned ? ops.lt_u(left, right) : ops.lt_s(left, right);
    case "le": return unsigned ? ops.le_u(left, right) : ops.le_s(left, right);
    case "gt": return unsigned ? ops.gt_u(left, right) : ops.gt_s(left, right);
    case "ge": return unsigned ? ops.ge_u(left, right) : ops.ge_s(left, right);
  }
}

/** TypeScript's `%` on floats: the remainder truncated toward zero (fmod). */
/** JavaScript's exact `%` on f64 (runtime/core/math.ts). */
function floatRemainder(fc: FunctionContext, left: Ref, right: Ref): Ref {
  return fc.m.call(fc.mod.runtimeFunction("f64_rem").name, [left, right], binaryen.f64);
}

function lowerConvert(fc: FunctionContext, e: ConvertExpr): Ref {
  const { m, mod } = fc;
  const from = e.value.type.kind;
  const to = e.type.kind;
  const value = lowerExpr(fc, e.value);
  const ptr64 = mod.target.memory64;
  switch (`${from}->${to}`) {
    case "i32->i64": return m.i64.extend_s(value);
    case "i32->f64": return m.f64.convert_s.i32(value);
    case "i64->f64": return m.f64.convert_s.i64(value);
    case "usize->f64": return ptr64 ? m.f64.convert_u.i64(value) : m.f64.convert_u.i32(value);
    case "i32->usize": return ptr64 ? m.i64.extend_u(value) : value;
    case "usize->i32": return ptr64 ? m.i32.wrap(value) : value;
    case "i64->usize": return ptr64 ? value : m.i32.wrap(value);
    case "usize->i64": return ptr64 ? value : m.i64.extend_u(value);
    case "f64->i32": return checkedFloatToInt(fc, value, false, e.loc);
    case "f64->i64": return checkedFloatToInt(fc, value, true, e.loc);
    case "i64->i32": {
      if (!e.checked) return m.i32.wrap(value); // the compiler's own wrapping (a hash)
      const v = spill(fc, value, binaryen.i64);
      const outOfRange = m.i32.or(m.i64.lt_s(v.get(), m.i64.const(-2147483648n)), m.i64.gt_s(v.get(), m.i64.const(2147483647n)));
      return m.block(null, [v.set, m.if(outOfRange, mod.fail(FailCode.BadConversionI32, e.loc, m.f64.convert_s.i64(v.get()))), m.i32.wrap(v.get())], binaryen.i32);
    }
  }
  throw new Error(`no conversion ${from} -> ${to}`);
}

/** Truncation toward zero; NaN and values outside the target's range are runtime errors. */
function checkedFloatToInt(fc: FunctionContext, value: Ref, to64: boolean, loc: Loc): Ref {
  const { m, mod } = fc;
  const v = spill(fc, value, binaryen.f64);
  const [low, high] = to64 ? [-9223372036854775808, 9223372036854775808] : [-2147483649, 2147483648];
  // Written so that NaN fails: !(v > low && v < high).
  const inRange = m.i32.and(m.f64.gt(v.get(), m.f64.const(low)), m.f64.lt(v.get(), m.f64.const(high)));
  const inRange64 = m.i32.and(m.f64.ge(v.get(), m.f64.const(low)), m.f64.lt(v.get(), m.f64.const(high)));
  const code = to64 ? FailCode.BadConversionI64 : FailCode.BadConversionI32;
  const check = m.if(m.i32.eqz(to64 ? inRange64 : inRange), mod.fail(code, loc, v.get()));
  const result = to64 ? m.i64.trunc_s.f64(v.get()) : m.i32.trunc_s.f64(v.get());
  return m.block(null, [v.set, check, result], to64 ? binaryen.i64 : binaryen.i32);
}

/** print(...): through the runtime (runtime/core/output.ts), which holds output back until commit inside a transaction. */
function lowerPrint(fc: FunctionContext, values: Extract<Expr, { k: "print" }>["values"]): Ref {
  const { m, mod } = fc;
  const out = (name: string, args: Ref[]) => m.call(mod.runtimeFunction(name).name, args, binaryen.none);
  // Every argument is evaluated before anything of the line is printed (a call may print too).
  const evaluate: Ref[] = [];
  const calls: Ref[] = [];
  for (const v of values) {
    if (v.k === "string") {
      calls.push(out("out_str", [m.i32.const(mod.stringId(v.value))]));
      continue;
    }
    let ref = lowerExpr(fc, v);
    // Even a local is read in its turn: a later argument may assign it (`print(c, c++)`). A
    // string stays rooted while later arguments are evaluated (they may allocate).
    if (v.k !== "const" && v.k !== "string.literal") {
      const saved = v.type.kind === "string" ? rootedSpill(fc, ref) : spill(fc, ref, mod.wasmType(v.type));
      evaluate.push(saved.set);
      ref = saved.get();
    }
    const kind = v.type.kind === "i64" || v.type.kind === "f64" || v.type.kind === "bool" || v.type.kind === "string" ? v.type.kind : "i32";
    calls.push(out(`out_${kind}`, [ref]));
  }
  calls.push(out("out_end", []));
  return m.block(null, [...evaluate, ...calls], binaryen.none);
}
