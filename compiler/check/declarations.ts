// First pass of the checker: every class, function, method and module-level variable gets its
// declaration (names, signatures, fields) before any body is checked, so bodies may refer to
// declarations in any order and in any file.
import ts from "../typescript.cjs";
import type { CheckContext } from "./context.js";
import type { ClassDecl, Field, FunctionDecl, FunctionKind, Local, Method } from "./ir.js";
import { initializerType } from "./fieldTypes.js";
import { resolveTypeNode } from "./typeNodes.js";
import { ERROR_CLASS } from "./errors.js";
import { isOptionalBox, optionalType } from "./optionals.js";
import { classType, I32, isReference, sameType, typeToString, VOID, withNullable, type Type } from "./types.js";
import { checkGenericClass, declareGenericMethod, findGenericMethod, withTypeArguments, type TypeArguments } from "./generics.js";
import { registerClass } from "./synthetic.js";

export interface PendingBody {
  fn: FunctionDecl;
  node: ts.FunctionDeclaration | ts.MethodDeclaration | ts.AccessorDeclaration | ts.ConstructorDeclaration | null;
  cls: ClassDecl | null;
  /** For a body of an instance of a generic class or function: what its type parameters stand for. */
  typeArguments: TypeArguments | null;
}

export function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

/** The class `node` extends, among the program's (non-generic) classes, or null. */
export function baseClassOf(ctx: CheckContext, node: ts.ClassDeclaration): ClassDecl | null {
  const baseNode = baseClassNode(ctx, node);
  return baseNode === null ? null : (ctx.classes.get(baseNode) ?? null);
}

/** Creates an empty ClassDecl for each class so annotations can refer to any class. */
export function declareClasses(ctx: CheckContext, files: ts.SourceFile[]): ts.ClassDeclaration[] {
  const nodes: ts.ClassDeclaration[] = [];
  for (const file of files) {
    for (const statement of file.statements) {
      if (!ts.isClassDeclaration(statement) || ctx.failedDeclarations.has(statement)) continue;
      if (statement.name === undefined) {
        ctx.error(statement, "classes need a name");
        continue;
      }
      // A generic class is declared per list of type arguments, where it is used (generics.ts).
      if (statement.typeParameters) {
        checkGenericClass(ctx, statement);
        continue;
      }
      nodes.push(statement);
    }
  }
  // Bases first, so a class copies a finished base.
  const byNode = new Map(nodes.map((n) => [n, n] as const));
  const done = new Set<ts.ClassDeclaration>();
  const ordered: ts.ClassDeclaration[] = [];
  const visit = (node: ts.ClassDeclaration, depth: number): void => {
    if (done.has(node) || depth > nodes.length) return;
    const baseNode = baseClassNode(ctx, node);
    if (baseNode !== null && byNode.has(baseNode)) visit(baseNode, depth + 1);
    done.add(node);
    ordered.push(node);
  };
  for (const node of nodes) visit(node, 0);
  for (const node of ordered) ctx.classes.set(node, makeClass(ctx, node, node.name!.text, baseClassOf(ctx, node)));
  return ordered;
}

/** A new class of the program, declared by `node` (its members come later: declareClassMembers). */
export function makeClass(ctx: CheckContext, node: ts.ClassDeclaration | ts.InterfaceDeclaration, name: string, base: ClassDecl | null): ClassDecl {
  return registerClass(ctx, name, base, ctx.loc(node.name!), ctx.isRuntimeFile(node.getSourceFile()));
}

function baseClassNode(ctx: CheckContext, node: ts.ClassDeclaration): ts.ClassDeclaration | null {
  for (const clause of node.heritageClauses ?? []) {
    if (clause.token === ts.SyntaxKind.ImplementsKeyword) continue; // interfaces.ts linkInterfaces
    const expr = clause.types[0].expression;
    const decl = ctx.typeDeclarationOf(expr);
    if (decl !== undefined && ts.isClassDeclaration(decl) && decl.typeParameters !== undefined) {
      ctx.error(clause.types[0], "a class cannot extend a generic class (yet): make it a field");
      return null;
    }
    if (decl !== undefined && ts.isClassDeclaration(decl)) return decl;
    // `extends Error`: the runtime's error class (runtime/core/errors.ts).
    if (ctx.builtinName(expr)?.name === "Error" && ctx.builtinName(expr)?.module === "lib") return ctx.runtimeClassNode(ERROR_CLASS);
    ctx.error(expr, "a class can only extend another class of the program");
  }
  return null;
}

export function parameterLocals(ctx: CheckContext, params: ts.NodeArray<ts.ParameterDeclaration>, runtime: boolean): Local[] {
  // Declared functions, methods and constructors may take optional numbers (boxed: optionals.ts).
  const parameterType = (p: ts.ParameterDeclaration, r: boolean): Type | null => declaredParameterType(ctx, p, r, true);
  const rest = params.findIndex((p) => p.dotDotDotToken !== undefined);
  if (rest >= 0 && params.slice(0, rest).some(isOmittable)) ctx.error(params[rest], "a rest parameter cannot follow parameters with default values (or optional ones)");
  const firstOmittable = params.findIndex(isOmittable);
  if (firstOmittable >= 0 && params.slice(firstOmittable).some((p) => !isOmittable(p))) {
    ctx.error(params[firstOmittable], "parameters with default values (or optional ones) must come last");
  }
  return params.map((p, id) => {
    const type = p.dotDotDotToken ? restParameterType(ctx, p, runtime) : parameterType(p, runtime);
    // A parameter in error keeps its place (so later ones bind right) and stays silent when used.
    if (type === null) ctx.failedDeclarations.add(p);
    return { name: p.name.getText(), type: type ?? I32, id };
  });
}

/** `...name: T[]` of a function, method or constructor: an array the call makes of its remaining arguments. */
function restParameterType(ctx: CheckContext, p: ts.ParameterDeclaration, runtime: boolean): Type | null {
  if (p.type === undefined || !ts.isIdentifier(p.name)) {
    ctx.error(p, "a rest parameter needs an array type annotation (...values: i32[])");
    return null;
  }
  const type = resolveTypeNode(ctx, p.type, runtime);
  if (type === null) return null;
  if (type.kind !== "array" || type.nullable) {
    ctx.error(p.type, `a rest parameter is an array, not ${typeToString(type)}`);
    return null;
  }
  return type;
}

export function parameterType(ctx: CheckContext, p: ts.ParameterDeclaration, runtime: boolean): Type | null {
  return declaredParameterType(ctx, p, runtime, false);
}

function declaredParameterType(ctx: CheckContext, p: ts.ParameterDeclaration, runtime: boolean, optionalValues: boolean): Type | null {
  if (!ts.isIdentifier(p.name)) {
    ctx.error(p.name, "destructuring parameters are not supported");
    return null;
  }
  if (p.dotDotDotToken) ctx.error(p, "rest parameters of function values and nested functions are not supported: declare a top-level function or a method");
  if (p.type === undefined && p.initializer !== undefined) {
    // `b = 10`: the type its initialiser fixes on its own, as for fields.
    const inferred = initializerType(ctx, p.initializer, runtime);
    if (inferred === null) ctx.error(p, `parameter '${p.name.text}' needs a type annotation: its default value does not fix the type on its own`);
    return inferred;
  }
  if (p.type === undefined) {
    ctx.error(p, `parameter '${p.name.text}' needs a type annotation`);
    return null;
  }
  const type = resolveTypeNode(ctx, p.type, runtime);
  if (type === null) return null;
  if (type.kind === "void") {
    ctx.error(p.type, "a parameter cannot be void");
    return null;
  }
  if (p.questionToken && p.initializer === undefined) {
    // Absent, it is undefined: a null reference (docs/language.md); a number is boxed (optionals.ts).
    if (!isReference(type)) {
      if (optionalValues && !runtime) return optionalType(ctx, type, ctx.loc(p));
      ctx.error(p, `optional parameter '${p.name.text}' of type ${typeToString(type)} of a function value: give it a default value (${p.name.text}: ${typeToString(type)} = ...)`);
      return null;
    }
    return withNullable(type, true);
  }
  return type;
}

/** Whether a parameter may be left out of a call: it has a default value or is optional. */
export function isOmittable(p: ts.ParameterDeclaration): boolean {
  return p.initializer !== undefined || p.questionToken !== undefined;
}

export function returnType(ctx: CheckContext, node: ts.SignatureDeclaration, runtime: boolean, fallback: Type): Type {
  if (node.type === undefined) {
    if (fallback !== VOID) return fallback;
    // Like TypeScript, a missing annotation on a function that returns nothing means void.
    const returnsValue = findValueReturn(node);
    if (returnsValue) ctx.error(node.name ?? node, "functions that return a value need a return type annotation");
    return VOID;
  }
  const t = resolveTypeNode(ctx, node.type, runtime);
  // Refused where written: its calls and returns are not reported again.
  if (t === null) ctx.unknownResults.add(node);
  return t ?? VOID;
}

function findValueReturn(node: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || ts.isFunctionLike(n)) return;
    if (ts.isReturnStatement(n) && n.expression) found = true;
    else ts.forEachChild(n, visit);
  };
  ts.forEachChild(node, visit);
  return found;
}

export function makeFunction(
  ctx: CheckContext,
  name: string,
  kind: FunctionKind,
  params: Local[],
  result: Type,
  owner: ClassDecl | null,
  node: ts.Node,
  exported: boolean,
  runtime: boolean,
): FunctionDecl {
  const fn: FunctionDecl = { name: ctx.uniqueName(name), sourceName: name, kind, params, result, owner, loc: ctx.loc(node), exported, runtime, body: [], locals: [] };
  ctx.functionList.push(fn);
  const declaration = ts.isConstructorDeclaration(node) || ts.isMethodDeclaration(node) || ts.isFunctionDeclaration(node) ? node : node.parent;
  if (ts.isFunctionLike(declaration) && declaration.parameters.some(isOmittable)) ctx.parameterDeclarations.set(fn, declaration.parameters);
  if (ts.isFunctionLike(declaration) && declaration.parameters.at(-1)?.dotDotDotToken !== undefined) ctx.restFunctions.add(fn);
  return fn;
}

/** Fields, methods, constructors and static methods of each class (bases first). */
export function declareMembers(ctx: CheckContext, classNodes: ts.ClassDeclaration[], pending: PendingBody[]): void {
  for (const node of classNodes) declareClassMembers(ctx, node, ctx.classes.get(node)!, pending);
}

/**
 * The members of `cls`, declared by `node` (for an instance of a generic class, under its type
 * arguments), once. Its base's first: an instance made while declaring the members of earlier
 * classes may extend a class whose turn has not come.
 */
export function declareClassMembers(ctx: CheckContext, node: ts.ClassDeclaration, cls: ClassDecl, pending: PendingBody[]): void {
  if (ctx.membersDeclared.has(cls)) return;
  ctx.membersDeclared.add(cls);
  if (cls.base !== null && !ctx.membersDeclared.has(cls.base)) {
    const baseNode = [...ctx.classes].find(([, c]) => c === cls.base)?.[0];
    if (baseNode !== undefined) withTypeArguments(ctx, null, () => declareClassMembers(ctx, baseNode, cls.base!, pending));
  }
  const runtime = cls.runtime;
  if (cls.base !== null) {
    cls.fields.push(...cls.base.fields);
    for (const [name, method] of cls.base.methods) cls.methods.set(name, method);
  }
  let ctorNode: ts.ConstructorDeclaration | null = null;
  for (const member of node.members) {
    if (ts.isPropertyDeclaration(member)) {
      if (hasModifier(member, ts.SyntaxKind.StaticKeyword)) continue; // a module-level variable (index.ts declareGlobals)
      declareField(ctx, cls, member, runtime);
    } else if (ts.isMethodDeclaration(member)) {
      declareMethod(ctx, cls, member, runtime, pending);
    } else if (ts.isConstructorDeclaration(member)) {
      if (member.body === undefined) ctx.error(member, "constructor overloads are not supported");
      else ctorNode = member;
    } else if (ts.isGetAccessor(member) || ts.isSetAccessor(member)) {
      declareMethod(ctx, cls, member, runtime, pending);
    } else if (ts.isClassStaticBlockDeclaration(member)) {
      ctx.error(member, "static blocks are not supported");
    } else if (ts.isIndexSignatureDeclaration(member)) {
      ctx.error(member, "index signatures are not supported");
    } else if (!ts.isSemicolonClassElement(member)) {
      ctx.error(member, "this class member is not supported");
    }
  }
  const params = ctorNode !== null ? parameterLocals(ctx, ctorNode.parameters, runtime) : (cls.base?.constructorFn?.params.slice(1) ?? []);
  if (ctorNode !== null) declareParameterProperties(ctx, cls, ctorNode, params);
  const thisParam: Local = { name: "this", type: classType(cls), id: 0 };
  const ctorParams = [thisParam, ...params.map((p, i) => ({ ...p, id: i + 1 }))];
  cls.constructorFn = makeFunction(ctx, `${cls.name}#constructor`, "constructor", ctorParams, VOID, cls, ctorNode ?? node.name!, false, runtime);
  // Without a constructor of its own, a class takes its base's parameters, defaults included.
  const inherited = ctorNode === null && cls.base?.constructorFn ? ctx.parameterDeclarations.get(cls.base.constructorFn) : undefined;
  if (inherited !== undefined) ctx.parameterDeclarations.set(cls.constructorFn, inherited);
  if (ctorNode === null && cls.base?.constructorFn && ctx.restFunctions.has(cls.base.constructorFn)) ctx.restFunctions.add(cls.constructorFn);
  if (ctx.typeArguments === null) ctx.functions.set(ctorNode ?? node, cls.constructorFn);
  pending.push({ fn: cls.constructorFn, node: ctorNode, cls, typeArguments: ctx.typeArguments });
}

/**
 * `constructor(public x: i32, readonly y: f64)`: each such parameter is also a field, assigned
 * from the parameter right after the field initialisers (TypeScript's order for ES2022).
 */
function declareParameterProperties(ctx: CheckContext, cls: ClassDecl, ctor: ts.ConstructorDeclaration, params: Local[]): void {
  const properties: { field: Field; parameter: ts.ParameterDeclaration }[] = [];
  ctor.parameters.forEach((p, i) => {
    const modifiers = ts.canHaveModifiers(p) ? (ts.getModifiers(p) ?? []) : [];
    if (modifiers.length === 0 || !ts.isIdentifier(p.name) || ctx.failedDeclarations.has(p)) return;
    const name = p.name.text;
    if (cls.fields.some((f) => f.name === name)) {
      ctx.error(p.name, `field '${name}' is already declared`);
      return;
    }
    if (isOptionalBox(params[i].type)) {
      // A field that may be undefined: stmc has no such number (a parameter's box stays local).
      ctx.error(p, `optional parameter property '${name}' of type ${typeToString(params[i].type.cls.optionalOf!)}: give it a default value (${name}: ${typeToString(params[i].type.cls.optionalOf!)} = ...)`);
      return;
    }
    const field: Field = { name, type: params[i].type, offset: -1, readonly: modifiers.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword), owner: cls };
    cls.fields.push(field);
    properties.push({ field, parameter: p });
  });
  if (properties.length > 0) ctx.parameterProperties.set(cls, properties);
}

function declareField(ctx: CheckContext, cls: ClassDecl, member: ts.PropertyDeclaration, runtime: boolean): void {
  if (!ts.isIdentifier(member.name)) {
    ctx.error(member.name, "only plain field names are supported");
    return;
  }
  const name = member.name.text;
  if (cls.fields.some((f) => f.name === name)) {
    ctx.error(member.name, `field '${name}' is already declared in a base class`);
    return;
  }
  if (member.questionToken) ctx.error(member, "optional fields are not supported: use 'T | null'");
  let type: Type | null = null;
  if (member.type !== undefined) type = resolveTypeNode(ctx, member.type, runtime);
  else if (member.initializer !== undefined) type = initializerType(ctx, member.initializer, runtime);
  // A refused field is remembered, so that its uses are not reported again as unknown fields.
  if (member.type === undefined && type === null) {
    ctx.error(member.name, `field '${name}' needs a type annotation${untypedInitializerReason(ctx, member.initializer)}`);
    ctx.failedDeclarations.add(member);
    return;
  }
  if (type === null) {
    ctx.failedDeclarations.add(member);
    return;
  }
  if (type.kind === "void") {
    ctx.error(member.type ?? member, `a field cannot have type ${type.kind}`);
    ctx.failedDeclarations.add(member);
    return;
  }
  const field: Field = { name, type, offset: -1, readonly: hasModifier(member, ts.SyntaxKind.ReadonlyKeyword), owner: cls };
  cls.fields.push(field);
  if (member.initializer !== undefined) ctx.fieldInitializers.set(field, member.initializer);
}

/** Why an unannotated field's initialiser gives no type. */
function untypedInitializerReason(ctx: CheckContext, init: ts.Expression | undefined): string {
  if (init === undefined) return "";
  if (ts.isNewExpression(init) && ts.isIdentifier(init.expression) && init.expression.text !== "Array") {
    const decl = ctx.declarationOf(init.expression);
    if (decl === undefined || !ts.isClassDeclaration(decl) || !ctx.classes.has(decl)) return ` (${init.expression.text} is not a class of the program: only those can be instantiated)`;
  }
  return ": its initialiser does not fix the type on its own";
}

/** The method name of an accessor: `get:x` / `set:x` (no source name can clash with them). */
export function accessorName(kind: "get" | "set", name: string): string {
  return `${kind}:${name}`;
}

function declareMethod(ctx: CheckContext, cls: ClassDecl, member: ts.MethodDeclaration | ts.AccessorDeclaration, runtime: boolean, pending: PendingBody[]): void {
  if (!ts.isIdentifier(member.name)) {
    ctx.error(member.name, "only plain method names are supported");
    return;
  }
  const isAbstract = hasModifier(member, ts.SyntaxKind.AbstractKeyword);
  if (member.body === undefined && !isAbstract) {
    ctx.error(member, "methods need a body (no overloads)");
    return;
  }
  if (ts.isAccessor(member) && hasModifier(member, ts.SyntaxKind.StaticKeyword)) {
    ctx.error(member, "static accessors are not supported: use a static method");
    return;
  }
  if (member.typeParameters && ts.isMethodDeclaration(member)) {
    declareGenericMethod(ctx, cls, member);
    return;
  }
  if ((ts.isMethodDeclaration(member) && member.asteriskToken) || hasModifier(member, ts.SyntaxKind.AsyncKeyword)) ctx.error(member, "generators and async methods are not supported");
  const name = ts.isGetAccessor(member) ? accessorName("get", member.name.text) : ts.isSetAccessor(member) ? accessorName("set", member.name.text) : member.name.text;
  const params = parameterLocals(ctx, member.parameters, runtime);
  const result = returnType(ctx, member, runtime, VOID);
  if (hasModifier(member, ts.SyntaxKind.StaticKeyword)) {
    if (ctx.typeArguments !== null) {
      ctx.error(member, "static methods of generic classes are not supported: declare a generic function");
      return;
    }
    const fn = makeFunction(ctx, `${cls.name}.${name}`, "static", params, result, null, member.name, false, runtime);
    cls.staticMethods.set(name, fn);
    ctx.functions.set(member, fn);
    pending.push({ fn, node: member, cls: null, typeArguments: null });
    return;
  }
  const thisParam: Local = { name: "this", type: classType(cls), id: 0 };
  const fn = makeFunction(ctx, `${cls.name}.${name}`, "method", [thisParam, ...params.map((p, i) => ({ ...p, id: i + 1 }))], result, cls, member.name, false, runtime);
  if (ctx.typeArguments === null) ctx.functions.set(member, fn);
  if (isAbstract) (fn as { abstract?: boolean }).abstract = true;
  else pending.push({ fn, node: member, cls, typeArguments: ctx.typeArguments });
  const inherited = cls.methods.get(name);
  if (cls.base !== null && findGenericMethod(ctx, cls.base, name) !== null) ctx.error(member.name, `method '${name}' cannot override a generic method (its instances are not virtual)`);
  if (inherited !== undefined && inherited.fn.owner !== cls) {
    if (!sameSignature(inherited.fn, fn)) ctx.error(member.name, `method '${name}' must have the same parameter and return types as the method it overrides in ${inherited.fn.owner!.name}`);
  } else if (inherited !== undefined) {
    ctx.error(member.name, `duplicate method '${name}'`);
    return;
  }
  if (name === "finalize" && (fn.params.length !== 1 || fn.result.kind !== "void")) ctx.error(member.name, "a finalizer must be declared 'finalize(): void'");
  const method: Method = { name, fn, slot: -1 };
  cls.methods.set(name, method);
}

/** The same parameter types (after `this`) and result type: what an override and an interface's implementation must have. */
export function sameSignature(a: FunctionDecl, b: FunctionDecl): boolean {
  return a.params.length === b.params.length && sameType(a.result, b.result) && a.params.every((p, i) => i === 0 || sameType(p.type, b.params[i].type));
}

/** Top-level functions. */
export function declareFunctions(ctx: CheckContext, files: ts.SourceFile[], pending: PendingBody[]): void {
  for (const file of files) {
    const runtime = ctx.isRuntimeFile(file);
    for (const statement of file.statements) {
      if (!ts.isFunctionDeclaration(statement) || ctx.failedDeclarations.has(statement)) continue;
      if (!runtime && statement.name !== undefined && hasModifier(statement, ts.SyntaxKind.DeclareKeyword)) {
        declareHostFunction(ctx, statement, statement.name);
        continue;
      }
      if (statement.name === undefined || statement.body === undefined) {
        ctx.error(statement, statement.name === undefined ? "functions need a name" : "function overloads and declarations without a body are not supported");
        ctx.failedDeclarations.add(statement);
        continue;
      }
      // A generic function is declared per list of type arguments, where it is called (generics.ts).
      if (statement.typeParameters) continue;
      if (statement.asteriskToken || hasModifier(statement, ts.SyntaxKind.AsyncKeyword)) ctx.error(statement, "generators and async functions are not supported");
      if (hasModifier(statement, ts.SyntaxKind.DefaultKeyword)) ctx.error(statement, "default exports are not supported");
      const params = parameterLocals(ctx, statement.parameters, runtime);
      const result = returnType(ctx, statement, runtime, VOID);
      // The entry file's exported functions are the module's exports (callable from an embedding host).
      const exported = hasModifier(statement, ts.SyntaxKind.ExportKeyword) && file === ctx.parsed.entry;
      if (exported && statement.name.text.startsWith("__stmc")) ctx.error(statement.name, "exported names starting with __stmc are reserved for the runtime's entry points");
      const fn = makeFunction(ctx, statement.name.text, "function", params, result, null, statement.name, exported, runtime);
      ctx.functions.set(statement, fn);
      pending.push({ fn, node: statement, cls: null, typeArguments: null });
    }
  }
}

/**
 * `declare function name(a: i32): f64;`: a host function, imported by the module and supplied by
 * the embedder (docs/embedding.md). Values only cross: numbers and booleans.
 */
function declareHostFunction(ctx: CheckContext, statement: ts.FunctionDeclaration, name: ts.Identifier): void {
  const scalar = (t: Type) => t.kind === "i32" || t.kind === "i64" || t.kind === "f64" || t.kind === "bool";
  if (statement.typeParameters || statement.asteriskToken || hasModifier(statement, ts.SyntaxKind.AsyncKeyword)) {
    ctx.error(statement, "a host function is a plain function: no type parameters, generators or async");
    ctx.failedDeclarations.add(statement);
    return;
  }
  const params = parameterLocals(ctx, statement.parameters, false);
  const result = returnType(ctx, statement, false, VOID);
  const bad = statement.parameters.find((p, i) => params[i] !== undefined && !scalar(params[i].type));
  if (bad !== undefined || (result.kind !== "void" && !scalar(result))) {
    ctx.error(bad ?? statement.type ?? statement, "host functions take and return only numbers and booleans (i32, i64, f64, boolean)");
    ctx.failedDeclarations.add(statement);
    return;
  }
  if (ctx.functionList.some((f) => f.kind === "host" && f.sourceName === name.text)) {
    ctx.error(name, `host function '${name.text}' is declared twice: declare each host function once (overloads are not supported)`);
    ctx.failedDeclarations.add(statement);
    return;
  }
  ctx.functions.set(statement, makeFunction(ctx, name.text, "host", params, result, null, name, false, false));
}

/**
 * Numbers classes in preorder, assigns vtable slots and field offsets (after all classes exist).
 * The runtime's classes come first and their subtrees hold only runtime classes, so that their ids
 * are the same in every program (the runtime is lowered once, compiler/runtime/prebuilt.ts); the
 * program's classes follow, including its task records (subclasses of the runtime's Task).
 */
export function finalizeClasses(ctx: CheckContext, headerSize: number, sizeOf: (t: Type) => number): void {
  let nextId = 0;
  const visit = (cls: ClassDecl): void => {
    cls.id = nextId++;
    // Fields: inherited ones keep their offsets.
    let offset = cls.base?.size ?? headerSize;
    for (const field of cls.fields) {
      if (field.owner !== cls) continue;
      const size = sizeOf(field.type);
      offset = Math.ceil(offset / size) * size;
      field.offset = offset;
      offset += size;
    }
    cls.size = Math.ceil(offset / 8) * 8;
    // Vtable: the base's, with overrides replaced and new methods appended.
    cls.vtable = cls.base ? [...cls.base.vtable] : [];
    for (const method of cls.methods.values()) {
      if (method.fn.owner !== cls) continue;
      const inherited = cls.base?.methods.get(method.name);
      method.slot = inherited !== undefined ? inherited.slot : cls.vtable.length;
      cls.vtable[method.slot] = method.fn;
    }
    for (const sub of cls.subclasses) if (sub.runtime === cls.runtime) visit(sub);
    cls.lastDescendantId = nextId - 1;
  };
  for (const cls of ctx.classList) if (cls.runtime && cls.base === null) visit(cls);
  for (const cls of ctx.classList) if (!cls.runtime && (cls.base === null || cls.base.runtime)) visit(cls);
  ctx.classList.sort((a, b) => a.id - b.id);
}
