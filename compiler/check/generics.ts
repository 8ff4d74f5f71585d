// Generic classes and functions, by monomorphisation: each distinct list of type arguments gets
// its own class or function, declared and checked as if written out with the arguments in place
// of the parameters (docs/design.md, "Generics"). An instance is made where it is first named:
// `Stack<i32>` in an annotation or `new`, a call of a generic function with explicit type
// arguments or with arguments they can be inferred from. Its bodies join the checker's queue
// with what the type parameters stand for (`ctx.typeArguments` while they are checked).
import ts from "../typescript.cjs";
import type { CheckContext } from "./context.js";
import type { Env } from "./coerce.js";
import { baseClassOf, declareClassMembers, hasModifier, makeClass, makeFunction, parameterLocals, returnType } from "./declarations.js";
import type { ClassDecl, Expr, FunctionDecl } from "./ir.js";
import { resolveTypeNode } from "./typeNodes.js";
import { checkExpr, FUNCTION_BODIES } from "./expressions.js";
import { checkFunctionValue } from "./closures.js";
import { implementsInterface, linkInterfaces } from "./interfaces.js";
import { COLLECTIONS, isKeyFunction, keyFunctionBody, libraryClass } from "./collections.js";
import { classType, isReference, isSubclass, sameBaseType, sameType, typeToString, VOID, withNullable, type Type } from "./types.js";

/** What each type parameter of a generic declaration stands for in one instance. */
export type TypeArguments = ReadonlyMap<ts.TypeParameterDeclaration, Type>;

export interface ClassInstance {
  readonly decl: ts.ClassDeclaration;
  readonly args: readonly Type[];
  /** What the class's type parameters stand for in this instance. */
  readonly bindings: TypeArguments;
  readonly cls: ClassDecl;
}

/** Instances made while making an instance, at most: `class Node<T> { next: Node<T[]> }` would never end. */
const MAX_NESTED_INSTANCES = 32;

export function withTypeArguments<T>(ctx: CheckContext, args: TypeArguments | null, f: () => T): T {
  const outer = ctx.typeArguments;
  ctx.typeArguments = args;
  try {
    return f();
  } finally {
    ctx.typeArguments = outer;
  }
}

/** The type a type parameter stands for here, or null (reported) outside an instance of its declaration. */
export function typeParameterType(ctx: CheckContext, decl: ts.TypeParameterDeclaration, at: ts.Node): Type | null {
  const type = ctx.typeArguments?.get(decl);
  if (type !== undefined) return type;
  ctx.error(at, `type parameter '${decl.name.text}' can only be used inside its generic class or function`);
  return null;
}

/**
 * What is refused in a generic class whatever its type arguments: reported once, where it is
 * declared, even if the class is never used.
 */
export function checkGenericClass(ctx: CheckContext, node: ts.ClassDeclaration): void {
  for (const member of node.members) {
    if (!hasModifier(member, ts.SyntaxKind.StaticKeyword)) continue;
    ctx.error(member, "generic classes cannot have static members: each instance would need its own (declare a module variable or a generic function)");
  }
}

// Identities of classes for instance keys (names need not be unique across files).
const classIds = new WeakMap<ClassDecl, number>();
let nextClassId = 0;

function typeKey(t: Type): string {
  const q = isReference(t) && t.nullable ? "?" : "";
  if (t.kind === "class") {
    let id = classIds.get(t.cls);
    if (id === undefined) classIds.set(t.cls, (id = nextClassId++));
    return `c${id}${q}`;
  }
  if (t.kind === "array") return `[${typeKey(t.element)}]${q}`;
  return `${t.kind}${q}`;
}

let nesting = 0;

/** The instance of one generic declaration for `args`, from `instances` or made by `make` (and kept). */
function instanceFor<V>(instances: Map<string, V>, args: readonly Type[], make: () => V | null): V | null {
  const key = args.map(typeKey).join(",");
  const found = instances.get(key);
  if (found !== undefined) return found;
  const made = make();
  if (made !== null) instances.set(key, made);
  return made;
}

function tableOf<K, V>(tables: { get(k: K): Map<string, V> | undefined; set(k: K, v: Map<string, V>): unknown }, owner: K): Map<string, V> {
  let table = tables.get(owner);
  if (table === undefined) tables.set(owner, (table = new Map()));
  return table;
}

/** The instance of generic class `decl` for `args` (made and declared on first use), or null (reported). */
export function instantiateClass(ctx: CheckContext, decl: ts.ClassDeclaration, args: readonly Type[], at: ts.Node): ClassDecl | null {
  const instance = instanceFor(tableOf(ctx.classInstances, decl), args, () => {
    const bound = bindTypeParameters(ctx, null, decl.typeParameters!, args, at, `class ${decl.name!.text}`);
    if (bound === null) return null;
    if (nesting >= MAX_NESTED_INSTANCES) {
      ctx.error(at, `instantiating ${decl.name!.text} needs ever more instances (a type argument grows each time): give the recursion a fixed type`);
      return null;
    }
    const cls = makeClass(ctx, decl, `${decl.name!.text}<${bound.list.map(typeToString).join(", ")}>`, baseClassOf(ctx, decl));
    linkInterfaces(ctx, decl, cls);
    const made: ClassInstance = { decl, args: bound.list, bindings: bound.map, cls };
    ctx.instanceOf.set(cls, made);
    return made;
  });
  if (instance === null) return null;
  // Declared once it is kept, so that the class's own members may name it (`next: Node<T>`).
  if (!ctx.membersDeclared.has(instance.cls)) {
    nesting++;
    try {
      withTypeArguments(ctx, instance.bindings, () => declareClassMembers(ctx, decl, instance.cls, ctx.pending));
    } finally {
      nesting--;
    }
  }
  return instance.cls;
}

/** The instance of generic function `decl` for `args` (made on first use; its body is queued), or null (reported). */
export function instantiateFunction(ctx: CheckContext, decl: ts.FunctionDeclaration, args: readonly Type[], at: ts.Node): FunctionDecl | null {
  return instanceFor(tableOf(ctx.functionInstances, decl), args, () => {
    const name = decl.name!.text;
    const bound = bindTypeParameters(ctx, null, decl.typeParameters!, args, at, `function ${name}`);
    if (bound === null) return null;
    const runtime = ctx.isRuntimeFile(decl.getSourceFile());
    const fn = withTypeArguments(ctx, bound.map, () => {
      const params = parameterLocals(ctx, decl.parameters, runtime);
      const result = returnType(ctx, decl, runtime, VOID);
      return makeFunction(ctx, `${name}<${bound.list.map(typeToString).join(", ")}>`, "function", params, result, null, decl.name!, false, runtime);
    });
    // The library's key functions: their bodies are the compiler's, per key type (collections.ts).
    if (isKeyFunction(ctx, decl)) fn.body = keyFunctionBody(ctx, decl, fn, bound.list[0], at) ?? [];
    else ctx.pending.push({ fn, node: decl, cls: null, typeArguments: bound.map });
    return fn;
  });
}

/** A generic method as declared by a class (for an instance of a generic class, with that instance's type arguments). */
export interface GenericMethod {
  readonly owner: ClassDecl;
  readonly node: ts.MethodDeclaration;
  readonly outer: TypeArguments | null;
}

/**
 * `m<U>(...)` in a class: recorded, made per type arguments where called (instantiateMethod). Its
 * instances are called directly, not through the vtable, so it can neither override nor be
 * overridden (refused here and in declareMethod).
 */
export function declareGenericMethod(ctx: CheckContext, cls: ClassDecl, node: ts.MethodDeclaration): void {
  const name = node.name.getText();
  if (hasModifier(node, ts.SyntaxKind.StaticKeyword) || hasModifier(node, ts.SyntaxKind.AbstractKeyword) || node.body === undefined) {
    ctx.error(node.name, "a generic method must be an instance method with a body (for a static one, declare a generic function)");
    return;
  }
  if ((cls.base !== null && (cls.base.methods.has(name) || findGenericMethod(ctx, cls.base, name) !== null)) || ownGenericMethods(ctx, cls).has(name)) {
    ctx.error(node.name, `generic method '${name}' cannot override a method (its instances are not virtual)`);
    return;
  }
  ownGenericMethods(ctx, cls).set(name, { owner: cls, node, outer: ctx.typeArguments });
}

function ownGenericMethods(ctx: CheckContext, cls: ClassDecl): Map<string, GenericMethod> {
  let methods = ctx.genericMethods.get(cls);
  if (methods === undefined) ctx.genericMethods.set(cls, (methods = new Map()));
  return methods;
}

/** The generic method `name` that `cls` declares or inherits, or null. */
export function findGenericMethod(ctx: CheckContext, cls: ClassDecl, name: string): GenericMethod | null {
  for (let c: ClassDecl | null = cls; c !== null; c = c.base) {
    const found = ctx.genericMethods.get(c)?.get(name);
    if (found !== undefined) return found;
  }
  return null;
}

const methodInstances = new WeakMap<GenericMethod, Map<string, FunctionDecl>>();

function instantiateMethod(ctx: CheckContext, method: GenericMethod, args: readonly Type[], at: ts.Node): FunctionDecl | null {
  return instanceFor(tableOf(methodInstances, method), args, () => {
    const { owner, node } = method;
    const name = `${owner.name}.${node.name.getText()}`;
    const bound = bindTypeParameters(ctx, method.outer, node.typeParameters!, args, at, `method ${name}`);
    if (bound === null) return null;
    const fn = withTypeArguments(ctx, bound.map, () => {
      const params = parameterLocals(ctx, node.parameters, owner.runtime);
      const result = returnType(ctx, node, owner.runtime, VOID);
      const self = { name: "this", type: classType(owner), id: 0 };
      return makeFunction(ctx, `${name}<${bound.list.map(typeToString).join(", ")}>`, "method", [self, ...params.map((p, i) => ({ ...p, id: i + 1 }))], result, owner, node.name, false, owner.runtime);
    });
    ctx.pending.push({ fn, node, cls: owner, typeArguments: bound.map });
    return fn;
  });
}

/**
 * Binds `params` to `args` (a missing trailing argument takes its parameter's default), checking
 * each against its parameter's constraint (`T extends Shape`). The map holds `outer`'s bindings
 * too: a generic method's class's.
 */
function bindTypeParameters(ctx: CheckContext, outer: TypeArguments | null, params: ts.NodeArray<ts.TypeParameterDeclaration>, args: readonly Type[], at: ts.Node, what: string): { map: TypeArguments; list: Type[] } | null {
  const required = params.filter((p) => p.default === undefined).length;
  if (args.length < required || args.length > params.length) {
    ctx.error(at, `${what} takes ${required === params.length ? params.length : `${required} to ${params.length}`} type argument${params.length === 1 ? "" : "s"}, got ${args.length}`);
    return null;
  }
  const map = new Map<ts.TypeParameterDeclaration, Type>(outer ?? []);
  const list: Type[] = [];
  for (const [i, param] of params.entries()) {
    let arg: Type | null = args[i] ?? null;
    if (arg === null) arg = withTypeArguments(ctx, map, () => resolveTypeNode(ctx, param.default!, false));
    if (arg === null) return null;
    if (arg.kind === "void" || arg.kind === "null") {
      ctx.error(at, `${typeToString(arg)} cannot be a type argument (${param.name.text} of ${what})`);
      return null;
    }
    map.set(param, arg);
    list.push(arg);
    if (param.constraint === undefined) continue;
    const constraint = withTypeArguments(ctx, map, () => resolveTypeNode(ctx, param.constraint!, false));
    if (constraint === null) return null;
    if (!satisfies(arg, constraint)) {
      ctx.error(at, `${typeToString(arg)} does not satisfy the constraint of ${param.name.text} (${param.name.text} extends ${typeToString(constraint)}) of ${what}`);
      return null;
    }
  }
  return { map, list };
}

function satisfies(arg: Type, constraint: Type): boolean {
  if (constraint.kind === "class" && arg.kind === "class" && constraint.cls.isInterface) return implementsInterface(arg.cls, constraint.cls) && (constraint.nullable || !arg.nullable);
  if (constraint.kind === "class" && arg.kind === "class") return isSubclass(arg.cls, constraint.cls) && (constraint.nullable || !arg.nullable);
  return sameType(arg, constraint) || (isReference(constraint) && constraint.nullable && sameBaseType(arg, constraint));
}

/** The type arguments written in `Name<A, B>`, resolved (null after reporting). */
export function writtenTypeArguments(ctx: CheckContext, nodes: ts.NodeArray<ts.TypeNode>, runtime: boolean): Type[] | null {
  const args: Type[] = [];
  for (const node of nodes) {
    const t = resolveTypeNode(ctx, node, runtime);
    if (t === null) return null;
    args.push(t);
  }
  return args;
}

/**
 * `new Box<T>(...)`: checked by `make` with its class: that of the type arguments written, else
 * those of the type the context expects, else those inferred from the constructor's arguments.
 */
export function checkNewInstance(env: Env, node: ts.NewExpression, decl: ts.ClassDeclaration, expected: Type | undefined, make: (cls: ClassDecl) => Expr | null): Expr | null {
  const { ctx } = env;
  const name = decl.name!.text;
  if (node.typeArguments !== undefined) {
    const args = writtenTypeArguments(ctx, node.typeArguments, env.scope.isRuntime);
    const cls = args === null ? null : instantiateClass(ctx, decl, args, node);
    return cls === null ? null : make(cls);
  }
  const wanted = expected?.kind === "class" ? ctx.instanceOf.get(expected.cls) : undefined;
  if (wanted?.decl === decl) return make(wanted.cls);
  const ctor = decl.members.find(ts.isConstructorDeclaration);
  const parameters = ctor?.parameters ?? ts.factory.createNodeArray<ts.ParameterDeclaration>();
  return checkInferred(env, node, decl.typeParameters!, parameters, `class ${name}`, null, (args) => instantiateClass(ctx, decl, args, node), make);
}

/**
 * A call of generic function `decl`: its instance for the type arguments written, or else inferred
 * from the arguments whose parameter's type mentions a type parameter (`x: T`, `xs: T[]`,
 * `b: Box<T>`, `T | null`). Those arguments are checked here, once: `call` checks the call with
 * their checked values standing in for them.
 */
export function checkGenericCall(env: Env, node: ts.CallExpression, decl: ts.FunctionDeclaration, call: (fn: FunctionDecl) => Expr | null): Expr | null {
  return checkInstanceCall(env, node, decl, decl.name!.text, null, (args) => instantiateFunction(env.ctx, decl, args, node), call);
}

/** A call of generic method `decl` (found on `owner`, which has or inherits it) on a receiver: as checkGenericCall. */
export function checkGenericMethodCall(env: Env, node: ts.CallExpression, found: GenericMethod, call: (fn: FunctionDecl) => Expr | null): Expr | null {
  return checkInstanceCall(env, node, found.node, `${found.owner.name}.${found.node.name.getText()}`, found.outer, (args) => instantiateMethod(env.ctx, found, args, node), call);
}

function checkInstanceCall(
  env: Env,
  node: ts.CallExpression,
  decl: ts.FunctionDeclaration | ts.MethodDeclaration,
  what: string,
  outer: TypeArguments | null,
  instantiate: (args: Type[]) => FunctionDecl | null,
  call: (fn: FunctionDecl) => Expr | null,
): Expr | null {
  if (node.typeArguments !== undefined) {
    const args = writtenTypeArguments(env.ctx, node.typeArguments, env.scope.isRuntime);
    const fn = args === null ? null : instantiate(args);
    return fn === null ? null : call(fn);
  }
  return checkInferred(env, node, decl.typeParameters!, decl.parameters, what, outer, instantiate, call);
}

/**
 * The instance of a generic declaration (type parameters `params`, value parameters
 * `parameters`) for the type arguments inferred from the arguments of `node`, handed to `use`
 * while the arguments checked for the inference stand in for themselves.
 */
function checkInferred<I>(
  env: Env,
  node: ts.CallExpression | ts.NewExpression,
  params: ts.NodeArray<ts.TypeParameterDeclaration>,
  parameters: ts.NodeArray<ts.ParameterDeclaration>,
  what: string,
  outer: TypeArguments | null,
  instantiate: (args: Type[]) => I | null,
  use: (instance: I) => Expr | null,
): Expr | null {
  const { ctx } = env;
  const given = node.arguments ?? ts.factory.createNodeArray<ts.Expression>();
  const own = new Set(params);
  const inferred = new Map<ts.TypeParameterDeclaration, Type>();
  const checked: ts.Expression[] = [];
  try {
    // A number literal says least (`firstOr(xs, 0)` with xs: f64[]): it binds a parameter last,
    // and only one that nothing else bound (it then takes its default type, i32 or f64).
    const informative = parameters.map((param, i) => ({ param, arg: given[i] })).filter(({ param, arg }) => {
      if (arg === undefined || param.type === undefined || param.dotDotDotToken || !mentions(ctx, param.type, own)) return false;
      return !ts.isArrowFunction(arg) && !ts.isFunctionExpression(arg) && !ts.isSpreadElement(arg); // typed by their parameter, not the other way round
    });
    const weak = informative.filter(({ arg }) => isNumberLiteral(arg));
    for (const { param, arg } of [...informative.filter((x) => !weak.includes(x)), ...weak]) {
      if (weak.some((w) => w.arg === arg) && isBoundParameter(ctx, param.type!, own, inferred)) continue;
      const value = env.ctx.substitutions.get(arg) ?? checkExpr(env, arg);
      if (value === null) return null;
      ctx.substitutions.set(arg, value);
      checked.push(arg);
      if (!inferFrom(ctx, arg, param.type!, value.type, own, inferred, what)) return null;
    }
    // Then function literals (`l.map((s) => s.length)`): checked against their parameter's
    // function type once its parameters are known; their results bind what is left.
    for (const [i, param] of parameters.entries()) {
      const arg = given[i];
      if (arg === undefined || param.type === undefined || !(ts.isArrowFunction(arg) || ts.isFunctionExpression(arg))) continue;
      const shape = unwrapFunctionType(param.type);
      if (shape === null || !mentions(ctx, shape, own)) continue;
      const unbound = new Set(params.filter((p) => !inferred.has(p)));
      if (shape.parameters.some((p) => p.type === undefined || mentions(ctx, p.type, unbound))) continue;
      const bindings = new Map([...(outer ?? []), ...inferred]);
      const want = withTypeArguments(ctx, bindings, () => {
        const paramTypes = shape.parameters.map((p) => resolveTypeNode(ctx, p.type!, env.scope.isRuntime));
        const result = mentions(ctx, shape.type, unbound) ? null : resolveTypeNode(ctx, shape.type, env.scope.isRuntime);
        return paramTypes.every((t) => t !== null) ? { params: paramTypes as Type[], result } : null;
      });
      if (want === null) return null;
      const value = checkFunctionValue(env, arg, want, FUNCTION_BODIES);
      if (value === null) return null;
      ctx.substitutions.set(arg, value);
      checked.push(arg);
      if (!inferFrom(ctx, arg, shape, value.type, own, inferred, what)) return null;
    }
    const args: Type[] = [];
    for (const param of params) {
      const t = inferred.get(param);
      if (t !== undefined) {
        args.push(t);
        continue;
      }
      if (param.default !== undefined) break; // the rest take their defaults (bindTypeParameters)
      const how = what.startsWith("class ") ? `new ${what.slice(6)}<...>(...), or declare the type it is stored as` : `${what}<...>(...)`;
      ctx.error(node, `cannot infer the type argument ${param.name.text} of ${what} from the arguments: write it, ${how}`);
      return null;
    }
    const instance = instantiate(args);
    return instance === null ? null : use(instance);
  } finally {
    for (const arg of checked) ctx.substitutions.delete(arg);
  }
}

/** infer(), reporting at `arg` a type parameter bound two ways; false then. */
function inferFrom(ctx: CheckContext, arg: ts.Node, node: ts.TypeNode, actual: Type, params: ReadonlySet<ts.TypeParameterDeclaration>, bound: Map<ts.TypeParameterDeclaration, Type>, what: string): boolean {
  const conflict = infer(ctx, node, actual, params, bound);
  if (conflict === null) return true;
  ctx.error(arg, `cannot infer ${conflict.name.text} of ${what}: ${typeToString(conflict.before)} or ${typeToString(conflict.now)}? Write the type arguments: ${what}<...>(...)`);
  return false;
}

/** `(x: T) => U`, also in parentheses, or null. */
function unwrapFunctionType(node: ts.TypeNode): ts.FunctionTypeNode | null {
  while (ts.isParenthesizedTypeNode(node)) node = node.type;
  return ts.isFunctionTypeNode(node) ? node : null;
}

function isNumberLiteral(node: ts.Expression): boolean {
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  if (ts.isPrefixUnaryExpression(node) && (node.operator === ts.SyntaxKind.MinusToken || node.operator === ts.SyntaxKind.PlusToken)) return isNumberLiteral(node.operand);
  return ts.isNumericLiteral(node);
}

/** `T` (a bare type parameter of `params`) already bound. */
function isBoundParameter(ctx: CheckContext, node: ts.TypeNode, params: ReadonlySet<ts.TypeParameterDeclaration>, bound: ReadonlyMap<ts.TypeParameterDeclaration, Type>): boolean {
  if (!ts.isTypeReferenceNode(node)) return false;
  const decl = ctx.typeDeclarationOf(node.typeName);
  return decl !== undefined && ts.isTypeParameterDeclaration(decl) && params.has(decl) && bound.has(decl);
}

/** Whether type node `node` names one of `params`. */
function mentions(ctx: CheckContext, node: ts.Node, params: ReadonlySet<ts.TypeParameterDeclaration>): boolean {
  if (ts.isTypeReferenceNode(node)) {
    const decl = ctx.typeDeclarationOf(node.typeName);
    if (decl !== undefined && ts.isTypeParameterDeclaration(decl) && params.has(decl)) return true;
  }
  return ts.forEachChild(node, (child) => mentions(ctx, child, params) || undefined) ?? false;
}

/**
 * Matches declared type `node` against `actual`, binding the type parameters of `params` it
 * meets. Returns the parameter bound two different ways, if any.
 */
function infer(ctx: CheckContext, node: ts.TypeNode, actual: Type, params: ReadonlySet<ts.TypeParameterDeclaration>, bound: Map<ts.TypeParameterDeclaration, Type>): { name: ts.Identifier; before: Type; now: Type } | null {
  if (actual.kind === "null") return null; // says nothing of the type
  if (ts.isParenthesizedTypeNode(node)) return infer(ctx, node.type, actual, params, bound);
  if (ts.isArrayTypeNode(node)) return actual.kind === "array" ? infer(ctx, node.elementType, actual.element, params, bound) : null;
  if (ts.isUnionTypeNode(node)) {
    const others = node.types.filter((t) => !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword) && t.kind !== ts.SyntaxKind.UndefinedKeyword);
    return others.length === 1 && isReference(actual) ? infer(ctx, others[0], withNullable(actual, false), params, bound) : null;
  }
  if (ts.isFunctionTypeNode(node)) {
    const signature = actual.kind === "class" ? actual.cls.signature : undefined;
    if (signature === undefined || signature.params.length !== node.parameters.length) return null;
    for (const [i, p] of node.parameters.entries()) {
      const conflict = p.type === undefined ? null : infer(ctx, p.type, signature.params[i], params, bound);
      if (conflict !== null) return conflict;
    }
    return infer(ctx, node.type, signature.result, params, bound);
  }
  if (!ts.isTypeReferenceNode(node)) return null;
  const decl = ctx.typeDeclarationOf(node.typeName);
  if (decl !== undefined && ts.isTypeParameterDeclaration(decl) && params.has(decl)) {
    const before = bound.get(decl);
    if (before === undefined || sameType(before, actual)) bound.set(decl, actual);
    // A null and a non-null reference of one type: the nullable one (TypeScript's union).
    else if (isReference(before) && isReference(actual) && sameBaseType(before, actual)) bound.set(decl, withNullable(actual, true));
    else return { name: decl.name, before, now: actual };
    return null;
  }
  const typeArgs = node.typeArguments ?? [];
  if (ctx.builtinName(node.typeName, true)?.name === "Array" && typeArgs.length === 1) {
    return actual.kind === "array" ? infer(ctx, typeArgs[0], actual.element, params, bound) : null;
  }
  const instance = actual.kind === "class" ? ctx.instanceOf.get(actual.cls) : undefined;
  if (instance === undefined || genericClassNamed(ctx, node.typeName, true) !== instance.decl) return null;
  for (const [i, arg] of typeArgs.entries()) {
    const conflict = i < instance.args.length ? infer(ctx, arg, instance.args[i], params, bound) : null;
    if (conflict !== null) return conflict;
  }
  return null;
}

/**
 * The generic class `name` (an annotation's type name, or the class of a `new`) stands for: one
 * of the program's, or for JavaScript's Map and Set the library's (collections.ts); undefined
 * for any other name.
 */
export function genericClassNamed(ctx: CheckContext, name: ts.Node, forType: boolean): ts.ClassDeclaration | undefined {
  const builtin = ctx.builtinName(name, forType);
  if (builtin?.module === "lib") return COLLECTIONS.has(builtin.name) ? libraryClass(ctx, builtin.name) : undefined;
  const decl = forType ? ctx.typeDeclarationOf(name) : ctx.declarationOf(name);
  return decl !== undefined && ts.isClassDeclaration(decl) && decl.typeParameters !== undefined ? decl : undefined;
}

/** `Box<T>` in an annotation: the instance's type. */
export function genericClassType(ctx: CheckContext, node: ts.TypeReferenceNode, decl: ts.ClassDeclaration, runtime: boolean): Type | null {
  if (node.typeArguments === undefined) {
    const required = decl.typeParameters!.filter((p) => p.default === undefined).length;
    if (required > 0) {
      ctx.error(node, `the generic class ${decl.name!.text} needs its type arguments here: ${decl.name!.text}<...>`);
      return null;
    }
  }
  const args = node.typeArguments === undefined ? [] : writtenTypeArguments(ctx, node.typeArguments, runtime);
  if (args === null) return null;
  const cls = instantiateClass(ctx, decl, args, node);
  return cls === null ? null : classType(cls);
}
