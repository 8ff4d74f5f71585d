import ts from "../typescript.cjs";
import type { CheckContext } from "./context.js";
import { recordAnnotation } from "./recorder.js";
import { signatureClass } from "./closures.js";
import { genericClassNamed, genericClassType, typeParameterType } from "./generics.js";
import { optionalType } from "./optionals.js";
import { tupleType } from "./tuples.js";
import { arrayType, BOOL, classType, F64, I32, I64, isReference, STRING, typeToString, USIZE, VOID, withNullable, type Type } from "./types.js";

const STDLIB_TYPES: Record<string, Type> = { i32: I32, i64: I64, f64: F64, bool: BOOL };
const LOW_TYPES: Record<string, Type> = { usize: USIZE };

/**
 * The stmc type an annotation denotes, or null (after reporting) when the subset has no such
 * type. `runtime` enables the low-level dialect's types.
 */
export function resolveTypeNode(ctx: CheckContext, node: ts.TypeNode, runtime: boolean): Type | null {
  return recordAnnotation(node, resolveTypeNodeOf(ctx, node, runtime)); // for the reference runner (recorder.ts)
}

function resolveTypeNodeOf(ctx: CheckContext, node: ts.TypeNode, runtime: boolean): Type | null {
  switch (node.kind) {
    case ts.SyntaxKind.NumberKeyword:
      return F64;
    case ts.SyntaxKind.BooleanKeyword:
      return BOOL;
    case ts.SyntaxKind.VoidKeyword:
      return VOID;
    case ts.SyntaxKind.StringKeyword:
      return STRING;
    case ts.SyntaxKind.AnyKeyword:
      ctx.error(node, "the type 'any' is not supported: give the value a stmc type");
      return null;
    case ts.SyntaxKind.UnknownKeyword:
      ctx.error(node, "the type 'unknown' is not supported: give the value a stmc type");
      return null;
  }
  if (ts.isParenthesizedTypeNode(node)) return resolveTypeNode(ctx, node.type, runtime);
  if (ts.isArrayTypeNode(node)) {
    const element = resolveTypeNode(ctx, node.elementType, runtime);
    return element === null ? null : checkElementType(ctx, node, element);
  }
  if (ts.isUnionTypeNode(node)) return resolveUnion(ctx, node, runtime);
  if (ts.isLiteralTypeNode(node) && node.literal.kind === ts.SyntaxKind.NullKeyword) {
    ctx.error(node, "the type 'null' alone is not supported: write C | null");
    return null;
  }
  if (ts.isTypeReferenceNode(node)) return resolveTypeReference(ctx, node, runtime);
  if (ts.isFunctionTypeNode(node)) return resolveFunctionType(ctx, node, runtime);
  if (ts.isTypeLiteralNode(node)) {
    ctx.error(node, "object literal types are not supported: declare a class");
    return null;
  }
  if (ts.isTupleTypeNode(node)) return tupleType(ctx, node, (t) => resolveTypeNode(ctx, t, runtime));
  ctx.error(node, `this type is not supported by stmc: ${node.getText()}`);
  return null;
}

/** `type Name = T`: T (aliases of aliases too; generic aliases are refused). */
function resolveAlias(ctx: CheckContext, node: ts.TypeReferenceNode, decl: ts.TypeAliasDeclaration, runtime: boolean): Type | null {
  if (decl.typeParameters || node.typeArguments) {
    ctx.error(node, "generic type aliases are not supported");
    return null;
  }
  if (ctx.resolvingAliases.has(decl)) {
    ctx.error(node, `the type alias '${decl.name.text}' refers to itself`);
    return null;
  }
  ctx.resolvingAliases.add(decl);
  try {
    return resolveTypeNode(ctx, decl.type, runtime);
  } finally {
    ctx.resolvingAliases.delete(decl);
  }
}

/**
 * The type of an enum's values: i32 when every member is an integer constant, string when every
 * member is a string (TypeScript computes the values).
 */
export function enumType(ctx: CheckContext, decl: ts.EnumDeclaration): Type | null {
  const values = decl.members.map((m) => ctx.checker.getConstantValue(m));
  if (values.every((v) => typeof v === "number" && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647)) return I32;
  if (values.every((v) => typeof v === "string")) return STRING;
  ctx.error(decl.name, "an enum's members must all be integers (i32) or all strings");
  return null;
}

/** `(a: A, b: B) => R`: the function type's class (compiler/check/closures.ts). */
function resolveFunctionType(ctx: CheckContext, node: ts.FunctionTypeNode, runtime: boolean): Type | null {
  if (node.typeParameters) {
    ctx.error(node.typeParameters[0], "generic function types are not supported");
    return null;
  }
  const params: Type[] = [];
  for (const p of node.parameters) {
    if (p.dotDotDotToken || p.questionToken || p.type === undefined) {
      ctx.error(p, "a function type's parameters need a type each (no rest or optional parameters)");
      return null;
    }
    const t = resolveTypeNode(ctx, p.type, runtime);
    if (t === null) return null;
    if (t.kind === "void") {
      ctx.error(p.type, `a parameter cannot have type ${t.kind}`);
      return null;
    }
    params.push(t);
  }
  const result = resolveTypeNode(ctx, node.type, runtime);
  if (result === null) return null;
  return classType(signatureClass(ctx, params, result, ctx.loc(node)));
}

function checkElementType(ctx: CheckContext, node: ts.Node, element: Type): Type | null {
  if (element.kind === "void") {
    ctx.error(node, `arrays of ${element.kind} are not supported`);
    return null;
  }
  return arrayType(element);
}

function resolveUnion(ctx: CheckContext, node: ts.UnionTypeNode, runtime: boolean): Type | null {
  // `T | undefined` is represented like `T | null` (docs/language.md: undefined is a null reference).
  const isNull = (t: ts.TypeNode) => (ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword) || t.kind === ts.SyntaxKind.UndefinedKeyword;
  const others = node.types.filter((t) => !isNull(t));
  if (others.length !== 1 || others.length === node.types.length) {
    ctx.error(node, "union types other than 'T | null' are not supported");
    return null;
  }
  const base = resolveTypeNode(ctx, others[0], runtime);
  if (base === null) return null;
  // A number or boolean that may be undefined (what Map.get returns): a box (optionals.ts).
  if (!isReference(base) && base.kind !== "void" && node.types.every((t) => t === others[0] || t.kind === ts.SyntaxKind.UndefinedKeyword)) {
    return optionalType(ctx, base, ctx.loc(node));
  }
  if (!isReference(base)) {
    const instance = ctx.typeArguments !== null && /\b[A-Z]\w*\b/.test(others[0].getText()) ? ` (here ${others[0].getText()} is ${typeToString(base)})` : "";
    ctx.error(node, `'${node.getText()}'${instance}: only references (classes, arrays, strings, functions) may be null or undefined`);
    return null;
  }
  return withNullable(base, true);
}

function resolveTypeReference(ctx: CheckContext, node: ts.TypeReferenceNode, runtime: boolean): Type | null {
  const name = node.typeName.getText();
  const builtin = ctx.builtinName(node.typeName, true);
  if (builtin?.module === "stmc" && name in STDLIB_TYPES && !node.typeArguments) return STDLIB_TYPES[name];
  if (builtin?.module === "low" && runtime && name in LOW_TYPES) return LOW_TYPES[name];
  if (builtin?.module === "lib" && name === "Error" && !node.typeArguments) return classType(ctx.runtimeClass("StmcError"));
  const generic = genericClassNamed(ctx, node.typeName, true);
  if (generic !== undefined) return genericClassType(ctx, node, generic, runtime);
  if (builtin?.module === "lib" && name === "Array") {
    if (node.typeArguments?.length !== 1) {
      ctx.error(node, "Array needs one type argument: Array<T>");
      return null;
    }
    const element = resolveTypeNode(ctx, node.typeArguments[0], runtime);
    return element === null ? null : checkElementType(ctx, node, element);
  }
  if (ctx.isUnresolvedImport(node.typeName)) return null; // the import is reported
  const decl = ctx.typeDeclarationOf(node.typeName);
  if (decl !== undefined && ctx.failedDeclarations.has(decl)) return null; // refused where declared
  if (decl !== undefined && ts.isClassDeclaration(decl)) {
    const cls = ctx.classes.get(decl);
    if (cls !== undefined) {
      if (node.typeArguments) {
        ctx.error(node, `${cls.name} is not a generic class: it takes no type arguments`);
        return null;
      }
      return classType(cls);
    }
  }
  if (decl !== undefined && ts.isTypeParameterDeclaration(decl)) {
    if (node.typeArguments) {
      ctx.error(node, "a type parameter takes no type arguments");
      return null;
    }
    return typeParameterType(ctx, decl, node);
  }
  if (decl !== undefined && ts.isInterfaceDeclaration(decl) && builtin === null) {
    const iface = ctx.interfaces.get(decl);
    if (iface === undefined) return null; // refused where declared
    if (node.typeArguments) {
      ctx.error(node, `${iface.name} is not generic: it takes no type arguments`);
      return null;
    }
    return classType(iface);
  }
  if (decl !== undefined && ts.isTypeAliasDeclaration(decl) && builtin === null) return resolveAlias(ctx, node, decl, runtime);
  if (decl !== undefined && (ts.isEnumDeclaration(decl) || ts.isEnumMember(decl)) && builtin === null) {
    return enumType(ctx, ts.isEnumDeclaration(decl) ? decl : decl.parent);
  }
  if (decl === undefined && name in STDLIB_TYPES) {
    ctx.error(node, `'${name}' is stmc's type: import it, import { ${name} } from "stmc"`);
    return null;
  }
  ctx.error(node, `the type '${name}' is not supported by stmc`);
  return null;
}
