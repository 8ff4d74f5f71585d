// Interfaces. An interface is a class of its own that no object has (`isInterface`): its methods
// and properties (a property is a getter, and a setter unless readonly) are ordinary methods,
// so a call through an interface-typed value is a direct call of the interface's method. That
// method is a dispatcher the checker writes once the whole program is known
// (buildInterfaceDispatchers): a class-id test per class that implements the interface, each
// followed by a call of that class's method (devirtualised in its subtree as usual) or a read or
// write of its field. A class implements an interface where it (or a base) says `implements`, and
// where its members match the interface's exactly with stmc's types (docs/language.md).
import ts from "../typescript.cjs";
import type { CheckContext } from "./context.js";
import { accessorName, makeClass, parameterLocals, returnType, sameSignature } from "./declarations.js";
import type { ClassDecl, Expr, FunctionDecl, Local, Method, Stmt } from "./ir.js";
import { resolveTypeNode } from "./typeNodes.js";
import { BOOL, classType, isSubclass, sameType, typeToString, VOID, type Type } from "./types.js";

/** Creates an empty class for each interface, so that annotations can name any of them (members: declareInterfaceMembers). */
export function declareInterfaces(ctx: CheckContext, files: ts.SourceFile[]): ts.InterfaceDeclaration[] {
  const nodes: ts.InterfaceDeclaration[] = [];
  for (const file of files) {
    if (ctx.isRuntimeFile(file)) continue;
    for (const s of file.statements) {
      if (!ts.isInterfaceDeclaration(s)) continue;
      if (s.typeParameters !== undefined) {
        ctx.error(s.typeParameters[0], "generic interfaces are not supported (yet): declare a generic class");
        ctx.failedDeclarations.add(s);
        continue;
      }
      if (nodes.some((n) => n.name.text === s.name.text && n.getSourceFile() === file)) {
        ctx.error(s.name, `interface ${s.name.text} is declared twice: declare its members in one place`);
        ctx.failedDeclarations.add(s);
        continue;
      }
      const cls = makeClass(ctx, s, s.name.text, null);
      cls.isInterface = true;
      cls.interfaces = [];
      ctx.interfaces.set(s, cls);
      nodes.push(s);
    }
  }
  return nodes;
}

/** The interfaces a class or interface declaration names in `implements` / `extends` (after all are declared). */
export function linkInterfaces(ctx: CheckContext, node: ts.ClassDeclaration | ts.InterfaceDeclaration, cls: ClassDecl): void {
  const token = ts.isClassDeclaration(node) ? ts.SyntaxKind.ImplementsKeyword : ts.SyntaxKind.ExtendsKeyword;
  for (const clause of node.heritageClauses ?? []) {
    if (clause.token !== token) continue;
    for (const type of clause.types) {
      const decl = ctx.typeDeclarationOf(type.expression);
      const iface = decl !== undefined && ts.isInterfaceDeclaration(decl) ? ctx.interfaces.get(decl) : undefined;
      if (iface === undefined) {
        if (decl === undefined || !ctx.failedDeclarations.has(decl)) ctx.error(type, ts.isClassDeclaration(node) ? "a class can only implement interfaces of the program" : "an interface can only extend interfaces of the program");
        continue;
      }
      (cls.interfaces ??= []).push(iface);
    }
  }
}

/**
 * The members of each interface, parents first: its own and those it inherits, each a method of
 * the interface (a property `x` is `get:x`, and `set:x` unless readonly). Bodies come last
 * (buildInterfaceDispatchers).
 */
export function declareInterfaceMembers(ctx: CheckContext, nodes: ts.InterfaceDeclaration[]): void {
  const done = new Set<ClassDecl>();
  const byClass = new Map(nodes.map((n) => [ctx.interfaces.get(n)!, n] as const));
  const declare = (iface: ClassDecl, path: ClassDecl[]): void => {
    if (done.has(iface)) return;
    const node = byClass.get(iface)!;
    if (path.includes(iface)) {
      ctx.error(node.name, `interface ${iface.name} extends itself`);
      return;
    }
    for (const parent of iface.interfaces ?? []) declare(parent, [...path, iface]);
    done.add(iface);
    for (const member of node.members) declareMember(ctx, iface, member);
    // Inherited members the interface does not redeclare: its own dispatchers, same signatures.
    for (const parent of iface.interfaces ?? []) {
      for (const [name, method] of parent.methods) {
        const own = iface.methods.get(name);
        if (own === undefined) addMethod(ctx, iface, name, method.fn.params.slice(1), method.fn.result, node.name);
        else if (!sameSignature(own.fn, method.fn)) ctx.error(node.name, `interface ${iface.name} declares '${displayName(name)}' with other types than ${parent.name}`);
      }
    }
  };
  for (const node of nodes) declare(ctx.interfaces.get(node)!, []);
}

function declareMember(ctx: CheckContext, iface: ClassDecl, member: ts.TypeElement): void {
  if (member.name === undefined || !ts.isIdentifier(member.name)) {
    ctx.error(member, "interface members need plain names (no index or call signatures)");
    return;
  }
  const name = member.name.text;
  if (member.questionToken !== undefined) {
    ctx.error(member, `optional interface member '${name}' is not supported: every implementing class must have it`);
    return;
  }
  if (ts.isMethodSignature(member)) {
    if (member.typeParameters !== undefined) {
      ctx.error(member.typeParameters[0], "generic interface methods are not supported");
      return;
    }
    const params = parameterLocals(ctx, member.parameters, false);
    if (member.parameters.some((p) => p.initializer !== undefined || p.questionToken !== undefined || p.dotDotDotToken !== undefined)) {
      ctx.error(member, "interface methods take plain parameters (no default, optional or rest parameters)");
      return;
    }
    addMethod(ctx, iface, name, params, returnType(ctx, member, false, VOID), member.name);
    return;
  }
  if (ts.isPropertySignature(member)) {
    if (member.type === undefined) {
      ctx.error(member, `interface property '${name}' needs a type`);
      return;
    }
    const type = resolveTypeNode(ctx, member.type, false);
    if (type === null) return;
    if (type.kind === "void") {
      ctx.error(member.type, "a property cannot be void");
      return;
    }
    addMethod(ctx, iface, accessorName("get", name), [], type, member.name);
    const readonly = member.modifiers?.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword) ?? false;
    if (!readonly) addMethod(ctx, iface, accessorName("set", name), [{ name: "value", type, id: 0 }], VOID, member.name);
    return;
  }
  ctx.error(member, "interfaces may declare methods and properties only");
}

function addMethod(ctx: CheckContext, iface: ClassDecl, name: string, params: readonly Local[], result: Type, at: ts.Node): void {
  if (iface.methods.has(name)) {
    ctx.error(at, `interface ${iface.name} declares '${displayName(name)}' twice`);
    return;
  }
  const self: Local = { name: "this", type: classType(iface), id: 0 };
  const fn: FunctionDecl = {
    name: ctx.uniqueName(`${iface.name}.${name}`),
    sourceName: `${iface.name}.${name}`,
    kind: "method",
    params: [self, ...params.map((p, i) => ({ ...p, id: i + 1 }))],
    result,
    owner: iface,
    loc: iface.loc,
    exported: false,
    runtime: false,
    body: [],
    locals: [],
  };
  ctx.functionList.push(fn);
  const method: Method = { name, fn, slot: -1 };
  iface.methods.set(name, method);
}

function displayName(name: string): string {
  return name.replace(/^[gs]et:/, "");
}

/** Whether interface `sub` is `iface` or extends it. */
function extendsInterface(sub: ClassDecl, iface: ClassDecl): boolean {
  return sub === iface || (sub.interfaces ?? []).some((parent) => extendsInterface(parent, iface));
}

/** Whether objects of class `cls` may be seen as `iface`: declared (by it or a base), or by matching members. */
export function implementsInterface(cls: ClassDecl, iface: ClassDecl): boolean {
  if (cls.isInterface) return extendsInterface(cls, iface) || matchesShape(cls, iface);
  for (let c: ClassDecl | null = cls; c !== null; c = c.base) if ((c.interfaces ?? []).some((declared) => extendsInterface(declared, iface))) return true;
  return cls.signature === undefined && matchesShape(cls, iface);
}

/** `cls` has every member of `iface` with exactly its types (a property: a field or accessors). */
export function matchesShape(cls: ClassDecl, iface: ClassDecl): boolean {
  return [...iface.methods.values()].every((m) => memberOf(cls, m) !== null);
}

type Member = { kind: "method"; method: Method } | { kind: "field"; field: ClassDecl["fields"][number] };

/** How `cls` provides interface member `m`, or null. */
function memberOf(cls: ClassDecl, m: Method): Member | null {
  const own = cls.methods.get(m.name);
  if (own !== undefined) return sameSignature(own.fn, m.fn) ? { kind: "method", method: own } : null;
  const property = /^([gs]et):(.*)$/.exec(m.name);
  if (property === null) return null;
  const field = cls.fields.find((f) => f.name === property[2]);
  if (field === undefined) return null;
  const type = property[1] === "get" ? m.fn.result : m.fn.params[1].type;
  if (!sameType(field.type, type)) return null;
  return property[1] === "set" && field.readonly ? null : { kind: "field", field };
}

/** A class that says `implements I` must match I with stmc's types (TypeScript sees every number as one type). */
export function checkDeclaredImplementations(ctx: CheckContext, classes: Iterable<readonly [ts.ClassDeclaration, ClassDecl]>): void {
  for (const [node, cls] of classes) {
    for (const iface of cls.interfaces ?? []) {
      for (const m of iface.methods.values()) {
        if (memberOf(cls, m) !== null) continue;
        const what = m.name.startsWith("get:") || m.name.startsWith("set:") ? `property '${displayName(m.name)}'` : `method '${m.name}'`;
        ctx.error(node.name ?? node, `class ${cls.name} implements ${iface.name}, but has no ${what} with its types (${describe(m)})`);
        break;
      }
    }
  }
}

function describe(m: Method): string {
  if (m.name.startsWith("get:")) return `${displayName(m.name)}: ${typeToString(m.fn.result)}`;
  if (m.name.startsWith("set:")) return `${displayName(m.name)}: ${typeToString(m.fn.params[1].type)}`;
  return `${m.name}(${m.fn.params.slice(1).map((p) => typeToString(p.type)).join(", ")}): ${typeToString(m.fn.result)}`;
}

/**
 * The body of every interface member: a test per implementing class (outermost classes only: a
 * subclass is in its base's id range, and the base's virtual call reaches its override), in
 * class order, each calling that class's member. Run after every class exists.
 */
export function buildInterfaceDispatchers(ctx: CheckContext): void {
  const classes = ctx.classList.filter((c) => !c.isInterface && c.signature === undefined && c.optionalOf === undefined);
  for (const iface of ctx.interfaces.values()) {
    const implementers = classes.filter((c) => implementsInterface(c, iface));
    const outermost = implementers.filter((c) => !implementers.some((other) => other !== c && isSubclass(c, other)));
    for (const method of iface.methods.values()) {
      method.fn.body = dispatch(ctx, method, outermost);
      method.fn.locals = [...method.fn.params];
    }
  }
}

function dispatch(ctx: CheckContext, m: Method, classes: readonly ClassDecl[]): Stmt[] {
  const fn = m.fn;
  const loc = fn.loc;
  const self: Expr = { k: "local.get", type: fn.params[0].type, loc, local: fn.params[0] };
  const args = (): Expr[] => fn.params.slice(1).map((p) => ({ k: "local.get", type: p.type, loc, local: p }));
  const out: Stmt[] = [];
  for (const cls of classes) {
    const member = memberOf(cls, m);
    if (member === null) continue;
    const object: Expr = { k: "seq", type: classType(cls), loc, effects: [], value: self };
    let value: Expr;
    if (member.kind === "method") value = { k: "call.virtual", type: fn.result, loc, receiver: object, method: member.method, args: args() };
    else if (m.name.startsWith("get:")) value = { k: "field.get", type: member.field.type, loc, object, field: member.field };
    else value = { k: "field.set", type: VOID, loc, object, field: member.field, value: args()[0], tee: false };
    const test: Expr = { k: "instanceof", type: BOOL, loc, value: self, cls };
    out.push({ k: "if", cond: test, then: fn.result.kind === "void" ? [{ k: "expr", expr: value }, { k: "return", value: null }] : [{ k: "return", value }], else: [] });
  }
  // Unreachable for a well-typed program: every object seen as the interface has one of these classes.
  const message = `internal error: no class of this object implements ${fn.sourceName}`;
  ctx.stringLiterals.add(message);
  out.push({ k: "throw", message, loc });
  return out;
}
