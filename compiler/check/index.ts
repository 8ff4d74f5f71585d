// The check phase: TypeScript syntax trees in, a typed, resolved program (ir.ts) out.
import ts from "../typescript.cjs";
import type { Target } from "../../targets/target.js";
import { heapLayout, valueSize } from "../../targets/layout.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { ParsedProgram } from "../parse/program.js";
import { CheckContext, FunctionScope } from "./context.js";
import type { Env } from "./coerce.js";
import { coerce } from "./coerce.js";
import { declareClasses, declareFunctions, declareMembers, finalizeClasses, hasModifier, type PendingBody } from "./declarations.js";
import { checkExpr } from "./expressions.js";
import { collectAssignedInAtomic } from "./captures.js";
import { bindParameters, lookupVariable } from "./closures.js";
import { foldConstant } from "./constants.js";
import type { CheckedProgram, ClassDecl, ConstExpr, FunctionDecl, GlobalVar, Stmt } from "./ir.js";
import { checkStatements, checkVariableDeclaration } from "./statements.js";
import { VOID, type Type } from "./types.js";
import { enumType, resolveTypeNode } from "./typeNodes.js";
import { withTypeArguments } from "./generics.js";
import { buildInterfaceDispatchers, checkDeclaredImplementations, declareInterfaceMembers, declareInterfaces, linkInterfaces } from "./interfaces.js";

export interface CheckOptions {
  /**
   * Check the bodies of the runtime's functions too (default true). A compile whose runtime comes
   * prebuilt (compiler/runtime/prebuilt.ts) needs only the runtime's declarations: its bodies stay
   * empty, and what the program's analyses need of them comes with the prebuilt runtime.
   */
  runtimeBodies?: boolean;
}

export function checkProgram(parsed: ParsedProgram, target: Target, options: CheckOptions = {}): { program: CheckedProgram | null; diagnostics: Diagnostic[] } {
  const ctx = new CheckContext(parsed);
  const files = [...parsed.runtimeFiles, ...parsed.libraryFiles, ...parsed.userFiles];
  for (const file of parsed.userFiles) rejectUnsupportedTopLevel(ctx, file);

  const pending = ctx.pending;
  const interfaceNodes = declareInterfaces(ctx, files);
  const classNodes = declareClasses(ctx, files);
  for (const node of classNodes) linkInterfaces(ctx, node, ctx.classes.get(node)!);
  for (const node of interfaceNodes) linkInterfaces(ctx, node, ctx.interfaces.get(node)!);
  declareFunctions(ctx, files, pending);
  declareInterfaceMembers(ctx, interfaceNodes);
  declareMembers(ctx, classNodes, pending);

  const initScope = new FunctionScope(null, VOID, null, false);
  const { runtimeInit, userInit } = declareGlobals(ctx, files, initScope);
  const runtimeBodies = options.runtimeBodies ?? true;
  // (Instances of generic classes and functions made while checking add their bodies to `pending`.)
  for (let i = 0; i < pending.length; i++) if (runtimeBodies || !pending[i].fn.runtime) checkBody(ctx, pending[i]);
  // Every class exists now (instances of generic classes included): the interfaces' dispatchers.
  checkDeclaredImplementations(ctx, [...ctx.classes, ...[...ctx.instanceOf].map(([cls, instance]) => [instance.decl, cls] as const)]);
  buildInterfaceDispatchers(ctx);

  const entry = findEntry(ctx, parsed.entry);
  const layout = heapLayout(target);
  finalizeClasses(ctx, layout.headerSize, (t) => valueSize(t.kind, target));
  if (ctx.diagnostics.length > 0 || entry === null) return { program: null, diagnostics: ctx.diagnostics };
  return {
    program: {
      runtimeBodies,
      classes: ctx.classList,
      functions: ctx.functionList,
      globals: ctx.globalList,
      runtimeInit,
      userInit,
      initLocals: initScope.locals,
      entry,
      strings: [...ctx.stringLiterals],
      staticObjects: [...ctx.functionValues.values()].flatMap((bySignature) => [...bySignature.values()]),
      runtime: {
        functions: new Map(ctx.functionList.filter((f) => f.runtime && f.kind === "function").map((f) => [f.name, f])),
        classes: new Map(ctx.classList.filter((c) => c.runtime).map((c) => [c.name, c])),
      },
    },
    diagnostics: [],
  };
}

function rejectUnsupportedTopLevel(ctx: CheckContext, file: ts.SourceFile): void {
  for (const s of file.statements) {
    if (hasModifier(s, ts.SyntaxKind.DeclareKeyword) && !ts.isFunctionDeclaration(s)) {
      // Nothing defines an ambient name at run time: refused, and its uses are not reported again.
      ctx.error(s, "ambient declarations ('declare') are not supported: define it in the program, or import it from a module that does");
      if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) ctx.failedDeclarations.add(d);
      else ctx.failedDeclarations.add(s);
      continue;
    }
    if (ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isVariableStatement(s) || ts.isImportDeclaration(s) || ts.isEmptyStatement(s)) continue;
    if (ts.isTypeAliasDeclaration(s)) continue;
    if (ts.isEnumDeclaration(s)) {
      enumType(ctx, s);
      continue;
    }
    if (ts.isInterfaceDeclaration(s)) continue;
    if (ts.isExportDeclaration(s) || ts.isExportAssignment(s)) ctx.error(s, "re-exports and export assignments are not supported: export declarations directly");
    else if (ts.isModuleDeclaration(s)) ctx.error(s, "namespaces are not supported");
    else ctx.error(s, "only declarations (functions, classes, let/const) may appear at the top level of a module");
  }
}

/** Module-level variables, initialised in file order (imports first) before main. */
function declareGlobals(ctx: CheckContext, files: ts.SourceFile[], scope: FunctionScope): { runtimeInit: Stmt[]; userInit: Stmt[] } {
  const runtimeInit: Stmt[] = [];
  const userInit: Stmt[] = [];
  for (const file of files) {
    const runtime = ctx.isRuntimeFile(file);
    const env: Env = { ctx, scope: runtime ? new FunctionScope(null, VOID, null, true) : scope };
    for (const s of file.statements) {
      if (ts.isClassDeclaration(s)) declareStaticFields(ctx, env, s, runtime ? runtimeInit : userInit);
      if (!ts.isVariableStatement(s)) continue;
      if (!(s.declarationList.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const))) ctx.error(s, "'var' is not supported: use let or const");
      for (const decl of s.declarationList.declarations) {
        if (ctx.failedDeclarations.has(decl)) continue;
        if (runtime && isMarkedDeclaration(ctx, decl, "thread_local")) {
          declareThreadLocal(ctx, env, decl);
          continue;
        }
        if (runtime && isMarkedDeclaration(ctx, decl, "own_cache_line")) {
          const global = declareOwnCacheLine(ctx, env, decl);
          if (global !== null && global.initial.value !== 0 && global.initial.value !== 0n && global.initial.value !== false) {
            runtimeInit.push({ k: "expr", expr: { k: "global.set", type: VOID, loc: global.initial.loc, global: global.variable, value: global.initial, tee: false } });
          }
          continue;
        }
        const checked = checkVariableDeclaration(env, decl);
        if (checked === null) {
          ctx.failedDeclarations.add(decl);
          continue;
        }
        const isConst = (s.declarationList.flags & ts.NodeFlags.Const) !== 0;
        const constant = isConst && checked.init !== null ? (foldConstant(checked.init) ?? undefined) : undefined;
        const global: GlobalVar = { name: checked.name, type: checked.type, loc: ctx.loc(decl.name), runtime, constant };
        ctx.globals.set(decl, global);
        ctx.globalList.push(global);
        // A program's constant is read as its value (never from memory): no store. (The runtime's
        // are kept: its code may take their addresses.)
        if (checked.init !== null && (runtime || constant === undefined)) (runtime ? runtimeInit : userInit).push({ k: "expr", expr: { k: "global.set", type: VOID, loc: checked.init.loc, global, value: checked.init, tee: false } });
      }
    }
    if (runtime && env.scope.locals.length > 0) {
      ctx.error(file, "runtime module initialisers must not need temporaries");
    }
  }
  return { runtimeInit, userInit };
}

/**
 * `static x: T = v`: a module-level variable (`C.x`), initialised where the class is declared,
 * as JavaScript runs static initialisers when it evaluates the class.
 */
function declareStaticFields(ctx: CheckContext, env: Env, node: ts.ClassDeclaration, init: Stmt[]): void {
  const cls = ctx.classes.get(node);
  if (cls === undefined) return;
  for (const member of node.members) {
    if (!ts.isPropertyDeclaration(member) || !hasModifier(member, ts.SyntaxKind.StaticKeyword)) continue;
    if (!ts.isIdentifier(member.name)) {
      ctx.error(member.name, "only plain field names are supported");
      continue;
    }
    const annotated = member.type !== undefined ? resolveTypeNode(ctx, member.type, cls.runtime) : null;
    if (member.type !== undefined && annotated === null) continue;
    const raw = member.initializer !== undefined ? checkExpr(env, member.initializer, annotated ?? undefined) : null;
    if (member.initializer !== undefined && raw === null) continue;
    const type = annotated ?? raw?.type ?? null;
    if (type === null || type.kind === "null" || type.kind === "void") {
      ctx.error(member.name, `static field '${member.name.text}' needs a type annotation or an initialiser that fixes its type`);
      continue;
    }
    const value = raw === null ? null : coerce(env, raw, type, member.initializer!);
    const isConst = hasModifier(member, ts.SyntaxKind.ReadonlyKeyword);
    const constant = isConst && value !== null ? (foldConstant(value) ?? undefined) : undefined;
    const global: GlobalVar = { name: `${cls.name}.${member.name.text}`, type, loc: ctx.loc(member.name), runtime: cls.runtime, constant };
    ctx.globals.set(member, global);
    ctx.globalList.push(global);
    let fields = ctx.staticFields.get(cls);
    if (fields === undefined) ctx.staticFields.set(cls, (fields = new Map()));
    fields.set(member.name.text, global);
    if (value !== null) init.push({ k: "expr", expr: { k: "global.set", type: VOID, loc: value.loc, global, value, tee: false } });
  }
}

/** `let x: T = marker(value)` in the runtime (thread_local, own_cache_line). */
function isMarkedDeclaration(ctx: CheckContext, decl: ts.VariableDeclaration, marker: string): boolean {
  const init = decl.initializer;
  return init !== undefined && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && ctx.builtinName(init.expression)?.name === marker;
}

/** The declared type and constant initial value of `let x: T = marker(value)`, or null (reported). */
function markedConstant(ctx: CheckContext, env: Env, decl: ts.VariableDeclaration, marker: string): { type: Type; constant: ConstExpr; name: string } | null {
  const init = decl.initializer as ts.CallExpression;
  const type = decl.type !== undefined ? resolveTypeNode(ctx, decl.type, true) : null;
  const raw = type !== null && init.arguments.length === 1 ? checkExpr(env, init.arguments[0], type) : null;
  const value = raw === null || type === null ? null : coerce(env, raw, type, init.arguments[0]);
  const constant = value === null ? null : value.k === "null" ? ({ k: "const", type: value.type, loc: value.loc, value: 0 } as const) : foldConstant(value);
  if (type === null || constant === null || !ts.isIdentifier(decl.name)) {
    ctx.error(decl, `${marker} needs a type annotation and a constant initial value: let x: T = ${marker}(value)`);
    return null;
  }
  return { type, constant, name: decl.name.text };
}

function declareThreadLocal(ctx: CheckContext, env: Env, decl: ts.VariableDeclaration): void {
  const marked = markedConstant(ctx, env, decl, "thread_local");
  if (marked === null) return;
  const global: GlobalVar = { name: marked.name, type: marked.type, loc: ctx.loc(decl.name), runtime: true, threadLocal: marked.constant };
  ctx.globals.set(decl, global);
  ctx.globalList.push(global);
}

/** A shared runtime word that other threads write often: laid out alone on a cache line. */
function declareOwnCacheLine(ctx: CheckContext, env: Env, decl: ts.VariableDeclaration): { variable: GlobalVar; initial: ConstExpr } | null {
  const marked = markedConstant(ctx, env, decl, "own_cache_line");
  if (marked === null) return null;
  const global: GlobalVar = { name: marked.name, type: marked.type, loc: ctx.loc(decl.name), runtime: true, ownCacheLine: true };
  ctx.globals.set(decl, global);
  ctx.globalList.push(global);
  return { variable: global, initial: marked.constant };
}

function checkBody(ctx: CheckContext, item: PendingBody): void {
  withTypeArguments(ctx, item.typeArguments, () => checkBodyOf(ctx, item));
}

function checkBodyOf(ctx: CheckContext, item: PendingBody): void {
  const { fn, node, cls } = item;
  // The library (runtime/lib) is program code that may use the runtime's dialect.
  const dialect = fn.runtime || (node !== null && ctx.isLibraryFile(node.getSourceFile())) || (cls !== null && ctx.isLibraryClass(cls));
  const scope = new FunctionScope(fn, fn.result, cls, dialect);
  scope.resultUnknown = node !== null && ctx.unknownResults.has(node);
  const env: Env = { ctx, scope };
  const params = node?.parameters ?? [];
  const offset = fn.params.length - params.length;
  bindParameters(env, params, fn.params.slice(offset));
  if (node !== null) collectAssignedInAtomic(ctx, node, scope.assignedInAtomic);
  if (fn.kind === "constructor") fn.body = checkConstructorBody(env, cls!, node as ts.ConstructorDeclaration | null);
  else fn.body = checkStatements(env, (node as ts.FunctionDeclaration).body!.statements);
  fn.body = [...scope.prologue, ...fn.body];
  fn.locals = scope.locals;
}

/**
 * A constructor runs, in order: the base constructor (`super(...)`), this class's field
 * initialisers, the rest of its body — TypeScript's order.
 */
function checkConstructorBody(env: Env, cls: ClassDecl, node: ts.ConstructorDeclaration | null): Stmt[] {
  const initializers = (): Stmt[] => [...fieldInitializerStatements(env, cls), ...parameterPropertyStatements(env, cls)];
  if (node === null) {
    const baseCall: Stmt[] = [];
    if (cls.base !== null) {
      const self = env.scope.thisLocal!;
      const loc = cls.loc;
      const args = (env.scope.fn as FunctionDecl).params.map((p) => ({ k: "local.get" as const, type: p.type, loc, local: p }));
      baseCall.push({ k: "expr", expr: { k: "call", type: VOID, loc, fn: cls.base.constructorFn!, args: [{ k: "local.get", type: self.type, loc, local: self }, ...args.slice(1)] } });
    }
    return [...baseCall, ...initializers()];
  }
  if (cls.base === null) return [...initializers(), ...checkStatements(env, node.body!.statements)];
  let ran = false;
  const body = checkStatements(env, node.body!.statements, {
    afterSuperCall: () => {
      ran = true;
      return initializers();
    },
  });
  if (!ran) env.ctx.error(node, "a derived class's constructor must call super(...)");
  return body;
}

/** `this.x = x` for each parameter property, in parameter order. */
function parameterPropertyStatements(env: Env, cls: ClassDecl): Stmt[] {
  const self = env.scope.thisLocal!;
  return (env.ctx.parameterProperties.get(cls) ?? []).flatMap(({ field, parameter }): Stmt[] => {
    const loc = env.ctx.loc(parameter);
    const value = lookupVariable(env, parameter, loc);
    if (value === undefined) return [];
    return [{ k: "expr", expr: { k: "field.set", type: VOID, loc, object: { k: "local.get", type: self.type, loc, local: self }, field, value: value.get(loc), tee: false } }];
  });
}

function fieldInitializerStatements(env: Env, cls: ClassDecl): Stmt[] {
  const out: Stmt[] = [];
  const self = env.scope.thisLocal!;
  for (const field of cls.fields) {
    if (field.owner !== cls) continue;
    const init = env.ctx.fieldInitializers.get(field);
    if (init === undefined) continue;
    const raw = checkExpr(env, init, field.type);
    const value = raw && coerce(env, raw, field.type, init);
    if (value === null) continue;
    const loc = value.loc;
    out.push({ k: "expr", expr: { k: "field.set", type: VOID, loc, object: { k: "local.get", type: self.type, loc, local: self }, field, value, tee: false } });
  }
  return out;
}

function findEntry(ctx: CheckContext, entry: ts.SourceFile): FunctionDecl | null {
  for (const s of entry.statements) {
    if (!ts.isFunctionDeclaration(s) || s.name?.text !== "main") continue;
    const fn = ctx.functions.get(s);
    if (fn === undefined) return null;
    if (!hasModifier(s, ts.SyntaxKind.ExportKeyword)) ctx.error(s.name, "main must be exported: export function main(): void");
    if (fn.params.length !== 0 || (fn.result.kind !== "void" && fn.result.kind !== "i32")) {
      ctx.error(s.name, "main must take no parameters and return void or i32");
    }
    return fn;
  }
  ctx.diagnostics.push({
    file: ctx.loc(entry)[0],
    line: 1,
    column: 1,
    length: 1,
    message: "the entry file must export function main(): void (or main(): i32)",
    lineText: entry.text.split(/\r?\n/)[0] ?? "",
  });
  return null;
}
