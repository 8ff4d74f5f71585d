import ts from "../typescript.cjs";
import { coerce, type Env } from "./coerce.js";
import { arithmeticExpr, checkExpr, isNumericLiteralLike, nonNull, toF64 } from "./expressions.js";
import { MATH_FUNCTIONS } from "../../runtime/abi.js";
import { taskRecordClass } from "./tasks.js";
import { checkIntrinsic, isLowLevelName } from "./intrinsics.js";
import type { ClassDecl, Expr, FunctionDecl, Loc, PrintExpr, StringLiteral } from "./ir.js";
import { callValue, signatureOf } from "./closures.js";
import { arrayOfElements } from "./references.js";
import { isFrameVariable } from "./captures.js";
import { methodWithDefaults, withDefaults } from "./defaults.js";
import { locateError, newError } from "./errors.js";
import { ARRAY_METHODS, checkArrayFrom, checkArrayMethodCall } from "./arrayMethods.js";
import { checkStringFunction, checkStringMethod, STRING_METHODS, toStringValue } from "./strings.js";

/** The global functions of JavaScript that stmc has (strings.ts). */
const STRING_FUNCTIONS = new Set(["String", "parseInt", "parseFloat", "Number"]);
import { BOOL, F64, I32, I64, isInteger, isNumeric, isReference, typeToString, USIZE, VOID, type Type } from "./types.js";
import { resolveTypeNode } from "./typeNodes.js";
import { checkGenericCall, checkGenericMethodCall, checkNewInstance, findGenericMethod, genericClassNamed } from "./generics.js";
import { checkProgramCall } from "../runtime/contract.js";

export function checkCall(env: Env, node: ts.CallExpression, expected?: Type): Expr | null {
  const { ctx } = env;
  const callee = node.expression;
  const loc = ctx.loc(node);
  // a?.m(args) arrives here with its `?.` resolved (expressions.ts checkOptionalChain).
  if (callee.kind === ts.SyntaxKind.SuperKeyword) return checkSuperCall(env, node, loc);
  if (ts.isPropertyAccessExpression(callee)) return checkMemberCall(env, node, callee, loc);
  if (ts.isIdentifier(callee)) {
    const builtin = ctx.builtinName(callee);
    if (builtin?.module === "stmc") {
      if (builtin.name === "print") return checkPrint(env, node, loc);
      if (builtin.name === "i32" || builtin.name === "i64" || builtin.name === "f64") return checkConversion(env, node, builtin.name, loc);
    }
    if (builtin?.module === "low" && isLowLevelName(builtin.name)) {
      if (builtin.name === "usize") return checkConversion(env, node, "usize", loc);
      return checkIntrinsic(env, node, builtin.name, loc);
    }
    if (ctx.isUnresolvedImport(callee)) return null; // the import is reported
    const decl = ctx.declarationOf(callee);
    if (decl !== undefined && ts.isFunctionDeclaration(decl) && decl.typeParameters !== undefined && !ctx.failedDeclarations.has(decl)) {
      const generic = decl;
      const call = checkGenericCall(env, node, generic, (fn) => callFunction(env, node, fn, [], loc));
      return ctx.unknownResults.has(generic) ? null : call;
    }
    const fn = decl !== undefined ? ctx.functions.get(decl) : undefined;
    // The library's calls of the runtime: the prebuilt runtime keeps only what the contract lists.
    if (fn !== undefined && fn.runtime && !env.scope.fn?.runtime) checkProgramCall(fn.name);
    if (fn !== undefined && decl !== undefined && ts.isFunctionDeclaration(decl)) {
      const call = callFunction(env, node, fn, [], loc);
      return ctx.unknownResults.has(decl) ? null : call; // its result type was refused where written
    }
    // A variable (or nested function) holding a function value.
    if (decl !== undefined && !ctx.failedDeclarations.has(decl) && (isFrameVariable(ctx, decl) || ctx.globals.has(decl))) return checkValueCall(env, node);
    if (builtin?.module === "lib") {
      if (STRING_FUNCTIONS.has(callee.text)) return checkStringFunction(env, node, callee.text, loc);
      if (callee.text === "isNaN" || callee.text === "isFinite") return checkNumberTest(env, node, callee.text, loc);
      ctx.error(callee, `'${callee.text}' is not part of stmc's standard library`);
      return null;
    }
    if (decl === undefined) {
      ctx.error(callee, `cannot find function '${callee.text}'`);
      return null;
    }
    if (ctx.failedDeclarations.has(decl)) return null;
    // An import that did not resolve: the import itself is reported.
    if (ts.isImportSpecifier(decl) || ts.isImportClause(decl) || ts.isNamespaceImport(decl)) return null;
  }
  if (!ts.isIdentifier(callee)) return checkValueCall(env, node);
  ctx.error(callee, "only functions, methods and function values can be called");
  return null;
}

/** `f(args)` where `f` is an expression of a function type. */
function checkValueCall(env: Env, node: ts.CallExpression): Expr | null {
  const callee = checkExpr(env, node.expression);
  if (callee === null) return null;
  return callValue(env, node, callee, (types) => checkArguments(env, node, types, typeToString(callee.type)));
}

/** Checks the arguments against `fn`'s parameters (after the `leading` ones) and calls it. */
function callFunction(env: Env, node: ts.CallExpression | ts.NewExpression, declared: FunctionDecl, leading: Expr[], loc: Loc): Expr | null {
  const fn = omitting(env, node, declared, leading.length);
  const args = argumentsFor(env, node, fn, leading.length, fn.name);
  return args === null ? null : { k: "call", type: fn.result, loc, fn, args: [...leading, ...args] };
}

/** `fn`, or when the call leaves out parameters with default values, what supplies them (defaults.ts). */
function omitting(env: Env, node: ts.CallExpression | ts.NewExpression, fn: FunctionDecl, leading: number): FunctionDecl {
  const given = (node.arguments ?? []).length;
  if (given >= fn.params.length - leading) return fn;
  return withDefaults(env, fn, given) ?? fn;
}

/**
 * The arguments of a call of `fn` (for its parameters after the `leading` ones). A rest parameter
 * takes the arguments left after the others as one new array, spread arrays (`...xs`) among them.
 */
function argumentsFor(env: Env, node: ts.CallExpression | ts.NewExpression, fn: FunctionDecl, leading: number, what: string): Expr[] | null {
  const types = fn.params.slice(leading).map((p) => p.type);
  if (!env.ctx.restFunctions.has(fn)) return checkArguments(env, node, types, what);
  const given = node.arguments ?? [];
  const fixed = types.length - 1;
  const spread = given.findIndex(ts.isSpreadElement);
  if (given.length < fixed || (spread >= 0 && spread < fixed)) {
    env.ctx.error(node, `${what} expects at least ${fixed} argument${fixed === 1 ? "" : "s"} before its rest parameter, got ${Math.min(given.length, spread >= 0 ? spread : given.length)}`);
    return null;
  }
  const head = checkArgumentList(env, node, given.slice(0, fixed), types.slice(0, fixed), what);
  const rest = arrayOfElements(env, node, given.slice(fixed), env.ctx.loc(node), types[fixed]);
  return head === null || rest === null ? null : [...head, rest];
}

export function checkArguments(env: Env, node: ts.CallExpression | ts.NewExpression, types: Type[], what: string): Expr[] | null {
  const given = node.arguments ?? [];
  const spread = given.find(ts.isSpreadElement);
  if (spread !== undefined) {
    env.ctx.error(spread, "an array can be spread only into a rest parameter (...values: T[])");
    return null;
  }
  return checkArgumentList(env, node, given, types, what);
}

function checkSuperCall(env: Env, node: ts.CallExpression, loc: Loc): Expr | null {
  const { ctx, scope } = env;
  const cls = scope.thisClass;
  const base = cls?.base;
  if (scope.fn?.kind !== "constructor" || base === null || base === undefined) {
    ctx.error(node, "super(...) can only be called in the constructor of a derived class");
    return null;
  }
  const self = scope.thisLocal!;
  return callFunction(env, node, base.constructorFn!, [{ k: "local.get", type: self.type, loc, local: self }], loc);
}

function checkMemberCall(env: Env, node: ts.CallExpression, callee: ts.PropertyAccessExpression, loc: Loc): Expr | null {
  const { ctx, scope } = env;
  const name = callee.name.text;
  const object = callee.expression;
  if (object.kind === ts.SyntaxKind.SuperKeyword) {
    const method = scope.thisClass?.base?.methods.get(name);
    if (method === undefined || scope.thisLocal === null) {
      ctx.error(callee, `super.${name}(...) needs a method '${name}' in the base class`);
      return null;
    }
    const self = scope.thisLocal;
    return callFunction(env, node, method.fn, [{ k: "local.get", type: self.type, loc, local: self }], loc);
  }
  if (ts.isIdentifier(object)) {
    const builtin = ctx.builtinName(object);
    if (builtin?.module === "stmc" && builtin.name === "transaction") return checkTransactionCall(env, node, name, loc);
    if (builtin?.module === "lib" && builtin.name === "Math") return checkMathCall(env, node, name, loc);
    if (builtin?.module === "lib" && builtin.name === "String") return checkStringFunction(env, node, name, loc);
    if (builtin?.module === "lib" && builtin.name === "Array" && name === "from") return checkArrayFrom(env, node, loc);
    if (builtin?.module === "lib" && builtin.name === "Number") {
      if (name === "parseInt" || name === "parseFloat") return checkStringFunction(env, node, name, loc);
      return checkNumberTest(env, node, name, loc);
    }
    const decl = ctx.declarationOf(object);
    if (decl !== undefined && ts.isClassDeclaration(decl)) {
      const fn = ctx.classes.get(decl)?.staticMethods.get(name);
      if (fn === undefined) {
        ctx.error(callee.name, `class ${object.text} has no static method '${name}'`);
        return null;
      }
      return callFunction(env, node, fn, [], loc);
    }
  }
  if (name === "fill" && ts.isNewExpression(object)) return checkNewArrayFill(env, node, object, loc);
  const receiver = nonNull(checkExpr(env, object));
  if (receiver === null) return null;
  return callMethodOn(env, node, callee, receiver, loc);
}

/** `receiver.name(args)` for a checked, non-null receiver. */
function callMethodOn(env: Env, node: ts.CallExpression, callee: ts.PropertyAccessExpression, receiver: Expr, loc: Loc): Expr | null {
  const { ctx } = env;
  const name = callee.name.text;
  const t = receiver.type;
  if (t.kind === "array") return checkArrayMethod(env, node, receiver, name, loc);
  if (t.kind === "string") {
    const method = checkStringMethod(env, node, receiver, name, loc);
    if (method !== undefined) return method;
    ctx.error(callee.name, `strings have no method '${name}' in stmc (they have ${STRING_METHODS.join(", ")})`);
    return null;
  }
  if (name === "toString" && node.arguments.length === 0 && (isNumeric(t) || t.kind === "bool")) return toStringValue(env, receiver, callee);
  if (t.kind !== "class") {
    ctx.error(callee, `a value of type ${typeToString(t)} has no methods`);
    return null;
  }
  const method = t.cls.methods.get(name);
  const field = method === undefined ? t.cls.fields.find((f) => f.name === name) : undefined;
  if (field !== undefined) {
    // A field holding a function value.
    const value: Expr = { k: "field.get", type: field.type, loc: ctx.loc(callee), object: receiver, field };
    return callValue(env, node, value, (types) => checkArguments(env, node, types, `${t.cls.name}.${name}`));
  }
  if (method === undefined) {
    const generic = findGenericMethod(ctx, t.cls, name);
    if (generic !== null) return checkGenericMethodCall(env, node, generic, (fn) => callFunction(env, node, fn, [receiver], loc));
    ctx.error(callee.name, `class ${t.cls.name} has no method '${name}'`);
    return null;
  }
  // Left-out parameters: a virtual method of their own supplies them (defaults.ts).
  const given = node.arguments.length;
  const target = given < method.fn.params.length - 1 ? (methodWithDefaults(env, t.cls, name, given) ?? method) : method;
  const args = argumentsFor(env, node, target.fn, 1, `${t.cls.name}.${name}`);
  return args === null ? null : { k: "call.virtual", type: method.fn.result, loc, receiver, method: target, args };
}

function checkArrayMethod(env: Env, node: ts.CallExpression, array: Expr, name: string, loc: Loc): Expr | null {
  const element = (array.type as { element: Type }).element;
  switch (name) {
    case "push": {
      const args = checkArguments(env, node, [element], "push");
      return args && { k: "array.push", type: I32, loc, array, value: args[0] };
    }
    case "pop": {
      const args = checkArguments(env, node, [], "pop");
      return args && { k: "array.pop", type: element, loc, array };
    }
    case "fill": {
      if (node.arguments.length !== 1) break;
      const args = checkArguments(env, node, [element], "fill");
      return args && { k: "array.fill", type: array.type, loc, array, value: args[0] };
    }
  }
  const method = checkArrayMethodCall(env, node, array, name, loc);
  if (method !== undefined) return method;
  env.ctx.error(node.expression, `arrays have no method '${name}' in stmc (they have ${ARRAY_METHODS.join(", ")})`);
  return null;
}

function checkNewArrayFill(env: Env, node: ts.CallExpression, newNode: ts.NewExpression, loc: Loc): Expr | null {
  const { ctx } = env;
  const builtin = ctx.builtinName(newNode.expression);
  if (builtin?.name !== "Array" || builtin.module !== "lib") {
    const receiver = checkNew(env, newNode);
    if (receiver === null) return null;
    return checkArrayMethod(env, node, receiver, "fill", loc);
  }
  const type = newArrayType(env, newNode);
  if (type === null) return null;
  const lengthArgs = checkArguments(env, newNode, [I32], "new Array<T>(length)");
  const fillArgs = checkArguments(env, node, [type.element], "fill");
  if (lengthArgs === null || fillArgs === null) return null;
  return { k: "new.array", type, loc, length: lengthArgs[0], fill: fillArgs[0] };
}

function newArrayType(env: Env, node: ts.NewExpression): { kind: "array"; element: Type; nullable: false } | null {
  if (node.typeArguments?.length !== 1) {
    env.ctx.error(node, "write new Array<T>(length).fill(value) with the element type");
    return null;
  }
  const element = resolveTypeNode(env.ctx, node.typeArguments[0], env.scope.isRuntime);
  return element === null ? null : { kind: "array", element, nullable: false };
}

export function checkNew(env: Env, node: ts.NewExpression, expected?: Type): Expr | null {
  const { ctx } = env;
  const loc = ctx.loc(node);
  const builtin = ctx.builtinName(node.expression);
  if (builtin?.module === "lib" && builtin.name === "Array") {
    ctx.error(node, "new Array<T>(n) must be followed by .fill(value): elements need a value");
    return null;
  }
  if (builtin?.module === "lib" && builtin.name === "Error") return newError(env, node, loc);
  const generic = genericClassNamed(ctx, node.expression, false);
  if (generic !== undefined) return checkNewInstance(env, node, generic, expected, (cls) => newObject(env, node, cls, loc));
  const decl = ctx.declarationOf(node.expression);
  const cls = decl !== undefined && ts.isClassDeclaration(decl) ? ctx.classes.get(decl) : undefined;
  if (cls === undefined) {
    if (decl !== undefined && ctx.failedDeclarations.has(decl)) return null; // refused where declared
    ctx.error(node.expression, "only classes of the program can be instantiated with new");
    return null;
  }
  if (node.typeArguments) ctx.error(node.typeArguments[0], `${cls.name} is not a generic class: it takes no type arguments`);
  return newObject(env, node, cls, loc);
}

/** `new C(args)` of a known class. */
function newObject(env: Env, node: ts.NewExpression, cls: ClassDecl, loc: Loc): Expr | null {
  const ctor = omitting(env, node, cls.constructorFn!, 1);
  const args = argumentsFor(env, node, ctor, 1, `new ${cls.name}`);
  if (args === null) return null;
  const made: Expr = { k: "new", type: { kind: "class", cls, nullable: false }, loc, cls, args, ...(ctor !== cls.constructorFn ? { ctor } : {}) };
  return locateError(env, made, loc);
}

function checkPrint(env: Env, node: ts.CallExpression, loc: Loc): PrintExpr | null {
  const values: (Expr | StringLiteral)[] = [];
  let ok = true;
  for (const arg of node.arguments) {
    if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) {
      values.push({ k: "string", value: arg.text });
      continue;
    }
    const e = checkExpr(env, arg);
    if (e === null) ok = false;
    else if (e.type.kind === "string") {
      // A null string prints as "null", as in JavaScript.
      const text = toStringValue(env, e, arg);
      if (text === null) ok = false;
      else values.push(text);
    } else if (!isNumeric(e.type) && e.type.kind !== "bool") {
      env.ctx.error(arg, `print takes numbers, booleans and strings, not ${typeToString(e.type)}`);
      ok = false;
    } else values.push(e);
  }
  return ok ? { k: "print", type: VOID, loc, values } : null;
}

/** i32(x), i64(x), f64(x), usize(x); `i32(a / b)` on integers is one truncating division. */
function checkConversion(env: Env, node: ts.CallExpression, name: "i32" | "i64" | "f64" | "usize", loc: Loc): Expr | null {
  const { ctx } = env;
  const target: Type = name === "i32" ? I32 : name === "i64" ? I64 : name === "usize" ? USIZE : F64;
  if (node.arguments.length !== 1) {
    ctx.error(node, `${name}() takes one argument`);
    return null;
  }
  let arg = node.arguments[0];
  while (ts.isParenthesizedExpression(arg)) arg = arg.expression;
  let value: Expr | null;
  if (ts.isBinaryExpression(arg) && arg.operatorToken.kind === ts.SyntaxKind.SlashToken && name !== "f64") {
    value = integerDivision(env, arg);
  } else {
    value = checkExpr(env, arg, isNumericLiteralLike(arg) && name !== "usize" ? target : undefined);
  }
  if (value === null) return null;
  const from = value.type;
  // The runtime may take a reference's address (to publish it to the collector).
  if (name === "usize" && env.scope.isRuntime && (isReference(from) || from.kind === "null")) return { k: "seq", type: USIZE, loc, effects: [], value };
  if (!isNumeric(from)) {
    ctx.error(arg, `${name}() converts numbers, not ${typeToString(from)}`);
    return null;
  }
  if (from.kind === target.kind) return value;
  if ((from.kind === "usize" || target.kind === "usize") && !env.scope.isRuntime) {
    ctx.error(node, "usize belongs to the runtime's low-level dialect");
    return null;
  }
  // Float to integer and integer narrowing check their range; the rest cannot fail.
  const checked = (from.kind === "f64" && isInteger(target) && target.kind !== "usize") || (from.kind === "i64" && target.kind === "i32");
  return { k: "convert", type: target, loc, value, checked };
}

/** `a / b` inside i32(...) / i64(...): integer operands divide as integers. */
function integerDivision(env: Env, node: ts.BinaryExpression): Expr | null {
  const left = checkExpr(env, node.left);
  const right = checkExpr(env, node.right, left !== null && isNumericLiteralLike(node.right) && isNumeric(left.type) ? left.type : undefined);
  if (left === null || right === null) return null;
  const loc = env.ctx.loc(node);
  const result = arithmeticExpr(env, "rem", left, right, node, loc);
  if (result === null || result.k !== "binary") return result;
  if (!isInteger(result.operandType)) return arithmeticExpr(env, "div", left, right, node, loc);
  return { ...result, op: "div" };
}

function checkMathCall(env: Env, node: ts.CallExpression, name: string, loc: Loc): Expr | null {
  const { ctx } = env;
  const args: Expr[] = [];
  for (const a of node.arguments) {
    const e = checkExpr(env, a);
    if (e === null) return null;
    if (!isNumeric(e.type) || e.type.kind === "usize") {
      ctx.error(a, `Math.${name} takes numbers, not ${typeToString(e.type)}`);
      return null;
    }
    args.push(e);
  }
  switch (name) {
    case "sqrt":
    case "floor":
    case "ceil":
    case "trunc": {
      if (args.length !== 1) break;
      const arg = coerce(env, args[0], F64, node.arguments[0]);
      return arg && { k: "intrinsic", type: F64, loc, name: `math.${name}`, args: [arg] };
    }
    case "abs":
      if (args.length !== 1) break;
      return { k: "intrinsic", type: args[0].type, loc, name: "math.abs", args };
    case "min":
    case "max": {
      if (args.length < 1) break;
      let acc: Expr | null = args[0];
      for (const next of args.slice(1)) {
        // arithmeticExpr gives the operand type both sides widen to.
        const joined: Expr | null = acc && arithmeticExpr(env, "add", acc, next, node, loc);
        if (joined === null || joined.k !== "binary") return null;
        acc = { k: "intrinsic", type: joined.type, loc, name: `math.${name}`, args: [joined.left, joined.right] };
      }
      return acc;
    }
    case "random":
      if (args.length !== 0) break;
      return { k: "call", type: F64, loc, fn: ctx.runtimeFunction("math_random"), args: [] };
    case "sign": {
      if (args.length !== 1) break;
      const arg = coerce(env, args[0], F64, node.arguments[0]);
      return arg && { k: "intrinsic", type: F64, loc, name: "math.sign", args: [arg] };
    }
    default: {
      const index = (MATH_FUNCTIONS as readonly string[]).indexOf(name);
      if (index < 0) {
        ctx.error(node.expression, `Math.${name} is not supported (available: sqrt, floor, ceil, trunc, abs, min, max, sign, random, ${MATH_FUNCTIONS.join(", ")})`);
        return null;
      }
      const arity = name === "pow" || name === "atan2" || name === "hypot" ? 2 : 1;
      if (args.length !== arity) {
        ctx.error(node, `Math.${name} takes ${arity === 1 ? "one argument" : "two arguments"} in stmc`);
        return null;
      }
      return mathHost(env, name, args, node.arguments, loc);
    }
  }
  ctx.error(node, `Math.${name} takes ${name === "min" || name === "max" ? "at least one argument" : name === "random" ? "no arguments" : "one argument"}`);
  return null;
}

/** Number.isNaN, isFinite, isInteger, isSafeInteger (and the global isNaN, isFinite) of a number. */
function checkNumberTest(env: Env, node: ts.CallExpression, name: string, loc: Loc): Expr | null {
  const { ctx } = env;
  const tests = ["isNaN", "isFinite", "isInteger", "isSafeInteger"];
  if (!tests.includes(name)) {
    ctx.error(node.expression, `Number.${name} is not supported (available: ${tests.join(", ")}, parseInt, parseFloat)`);
    return null;
  }
  if (node.arguments.length !== 1) {
    ctx.error(node, `${name}() takes one number`);
    return null;
  }
  const value = checkExpr(env, node.arguments[0]);
  if (value === null) return null;
  if (!isNumeric(value.type)) {
    ctx.error(node.arguments[0], `${name}() takes a number, not ${typeToString(value.type)}`);
    return null;
  }
  const bool = (b: boolean): Expr => ({ k: "const", type: BOOL, loc, value: b });
  if (value.type.kind !== "f64") {
    // An integer is never NaN and always finite and whole (safe: i32 always, i64 within 2^53).
    const result = name === "isNaN" ? bool(false) : name === "isSafeInteger" && value.type.kind === "i64" ? null : bool(true);
    if (result !== null) return { k: "seq", type: BOOL, loc, effects: [value], value: result };
  }
  const x = env.scope.temp(F64, "x");
  const get = (): Expr => ({ k: "local.get", type: F64, loc, local: x });
  const set: Expr = { k: "local.set", type: VOID, loc, local: x, value: toF64(value), tee: false };
  const cmp = (op: "eq" | "ne" | "le", a: Expr, b: Expr): Expr => ({ k: "binary", type: BOOL, loc, op, operandType: F64, left: a, right: b });
  const finite = cmp("eq", { k: "binary", type: F64, loc, op: "sub", operandType: F64, left: get(), right: get() }, { k: "const", type: F64, loc, value: 0 });
  const whole: Expr = { k: "logical", type: BOOL, loc, op: "and", left: finite, right: cmp("eq", { k: "intrinsic", type: F64, loc, name: "math.trunc", args: [get()] }, get()) };
  const safe: Expr = { k: "logical", type: BOOL, loc, op: "and", left: whole, right: cmp("le", { k: "intrinsic", type: F64, loc, name: "math.abs", args: [get()] }, { k: "const", type: F64, loc, value: Number.MAX_SAFE_INTEGER }) };
  const test = name === "isNaN" ? cmp("ne", get(), get()) : name === "isFinite" ? finite : name === "isInteger" ? whole : safe;
  return { k: "seq", type: BOOL, loc, effects: [set], value: test };
}

/** Math.name(a, b?) computed by the host's engine (runtime/abi.ts MATH_FUNCTIONS): f64 operands, f64 result. */
export function mathHost(env: Env, name: string, args: Expr[], nodes: readonly ts.Node[], loc: Loc): Expr | null {
  const operands: Expr[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i].type.kind === "i64") {
      env.ctx.error(nodes[i], `Math.${name} takes i32 or f64: convert an i64 with f64()`);
      return null;
    }
    operands.push(toF64(args[i]));
  }
  while (operands.length < 2) operands.push({ k: "const", type: F64, loc, value: 0 });
  const fn: Expr = { k: "const", type: I32, loc, value: (MATH_FUNCTIONS as readonly string[]).indexOf(name) };
  return { k: "intrinsic", type: F64, loc, name: "math.host", args: [fn, ...operands] };
}

function checkTransactionCall(env: Env, node: ts.CallExpression, name: string, loc: Loc): Expr | null {
  const { ctx } = env;
  switch (name) {
    case "add":
      return checkTaskAdd(env, node, loc);
    case "run":
      return callFunction(env, node, ctx.runtimeFunction("transaction_run"), [], loc);
    case "setNumThreads":
      return callFunction(env, node, ctx.runtimeFunction("transaction_set_num_threads"), [], loc);
    case "getNumThreads":
      return callFunction(env, node, ctx.runtimeFunction("transaction_get_num_threads"), [], loc);
    case "atomic":
      ctx.error(node, "transaction.atomic(() => { ... }) is a statement: its value cannot be used");
      return null;
  }
  ctx.error(node.expression, `transaction.${name} does not exist (add, run, atomic, setNumThreads, getNumThreads)`);
  return null;
}

/** transaction.add(fn, ...args): a task record holding the arguments, queued by the runtime. */
function checkTaskAdd(env: Env, node: ts.CallExpression, loc: Loc): Expr | null {
  const { ctx } = env;
  const [fnNode, ...argNodes] = node.arguments;
  if (fnNode === undefined) {
    ctx.error(node, "transaction.add needs a function: transaction.add(fn, ...args) or transaction.add(() => ...)");
    return null;
  }
  const decl = ts.isIdentifier(fnNode) ? ctx.declarationOf(fnNode) : undefined;
  const fn = decl !== undefined && ts.isFunctionDeclaration(decl) ? ctx.functions.get(decl) : undefined;
  let record: ClassDecl;
  let args: Expr[] | null;
  if (fn !== undefined && fn.kind === "function") {
    // A top-level function: the record calls it directly (or what supplies its default values).
    const target = argNodes.length < fn.params.length ? (withDefaults(env, fn, argNodes.length) ?? fn) : fn;
    record = taskRecordClass(ctx, target);
    args = checkArgumentList(env, node, argNodes, target.params.map((p) => p.type), fn.name);
  } else {
    // A function value (a closure): the record holds it and calls it.
    const value = checkExpr(env, fnNode);
    if (value === null) return null;
    const sig = signatureOf(value.type);
    if (sig === null || value.type.kind !== "class") {
      ctx.error(fnNode, `transaction.add needs a function, not ${typeToString(value.type)}`);
      return null;
    }
    record = taskRecordClass(ctx, value.type.cls);
    const rest = checkArgumentList(env, node, argNodes, [...sig.params], "the task function");
    args = rest && [nonNull(value)!, ...rest];
  }
  if (args === null) return null;
  const task: Expr = { k: "new", type: { kind: "class", cls: record, nullable: false }, loc, cls: record, args };
  return { k: "call", type: VOID, loc, fn: ctx.runtimeFunction("task_enqueue"), args: [task] };
}

function checkArgumentList(env: Env, node: ts.Node, argNodes: readonly ts.Expression[], types: Type[], what: string): Expr[] | null {
  if (argNodes.length !== types.length) {
    env.ctx.error(node, `${what} expects ${types.length} argument${types.length === 1 ? "" : "s"}, got ${argNodes.length}`);
    return null;
  }
  const args: Expr[] = [];
  for (let i = 0; i < argNodes.length; i++) {
    const raw = checkExpr(env, argNodes[i], types[i]);
    const arg = raw && coerce(env, raw, types[i], argNodes[i]);
    if (arg === null) return null;
    args.push(arg);
  }
  return args;
}

