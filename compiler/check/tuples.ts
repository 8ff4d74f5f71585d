// Tuples: `[i32, string]` is a class of its own (one per list of element types) whose fields are
// named "0", "1", ...; a literal `[1, "a"]` where such a type is expected makes one, `t[0]` with a
// constant index is a field, and `const [a, b] = t` reads the fields into new variables. The
// reference run sees JavaScript arrays, which behave the same for these uses.
import ts from "../typescript.cjs";
import type { CheckContext } from "./context.js";
import { coerce, type Env } from "./coerce.js";
import type { ClassDecl, Expr, Field, Loc, Stmt } from "./ir.js";
import { syntheticClass, synthesize } from "./synthetic.js";
import { classType, I32, isReference, typeToString, VOID, withNullable, type ArrayType, type ClassType, type Type } from "./types.js";

/** The class of tuples of `elements`. */
export function tupleClass(ctx: CheckContext, elements: readonly Type[], loc: Loc): ClassDecl {
  const key = `[${elements.map(typeToString).join(", ")}]`;
  const known = ctx.tuples.get(key);
  if (known !== undefined) return known;
  const cls = syntheticClass(ctx, key, null, loc);
  cls.tupleOf = elements;
  const self = { name: "this", type: classType(cls), id: 0 };
  const params = elements.map((type, i) => ({ name: `e${i}`, type, id: i + 1 }));
  const body: Stmt[] = elements.map((type, i) => {
    const field: Field = { name: String(i), type, offset: -1, readonly: false, owner: cls };
    cls.fields.push(field);
    const value: Expr = { k: "local.get", type, loc, local: params[i] };
    return { k: "expr", expr: { k: "field.set", type: VOID, loc, object: { k: "local.get", type: self.type, loc, local: self }, field, value, tee: false } };
  });
  cls.constructorFn = synthesize(ctx, `${key}#constructor`, "constructor", [self, ...params], cls, body, loc);
  ctx.tuples.set(key, cls);
  return cls;
}

export function isTuple(t: Type): t is ClassType {
  return t.kind === "class" && t.cls.tupleOf !== undefined;
}

/** `[A, B]` in an annotation (`resolve` resolves each element's type). */
export function tupleType(ctx: CheckContext, node: ts.TupleTypeNode, resolve: (t: ts.TypeNode) => Type | null): Type | null {
  const elements: Type[] = [];
  for (const member of node.elements) {
    if (ts.isRestTypeNode(member) || ts.isOptionalTypeNode(member) || (ts.isNamedTupleMember(member) && (member.dotDotDotToken || member.questionToken))) {
      ctx.error(member, "tuple elements must all be present (no optional or rest elements)");
      return null;
    }
    const t = resolve(ts.isNamedTupleMember(member) ? member.type : member);
    if (t === null) return null;
    if (t.kind === "void") {
      ctx.error(member, "a tuple element cannot be void");
      return null;
    }
    elements.push(t);
  }
  if (elements.length === 0) {
    ctx.error(node, "an empty tuple has no use: write a class or an array");
    return null;
  }
  return classType(tupleClass(ctx, elements, ctx.loc(node)));
}

/** `[a, b]` where tuple type `expected` is wanted: a new tuple. */
export function tupleLiteral(env: Env, node: ts.ArrayLiteralExpression, expected: ClassType, check: (e: ts.Expression, want: Type) => Expr | null): Expr | null {
  const elements = expected.cls.tupleOf!;
  if (node.elements.length !== elements.length || node.elements.some(ts.isSpreadElement)) {
    env.ctx.error(node, `a ${typeToString(expected)} needs ${elements.length} elements, written out`);
    return null;
  }
  const args: Expr[] = [];
  for (const [i, e] of node.elements.entries()) {
    const raw = check(e, elements[i]);
    const value = raw && coerce(env, raw, elements[i], e);
    if (value === null) return null;
    args.push(value);
  }
  const cls = expected.cls;
  return { k: "new", type: classType(cls), loc: env.ctx.loc(node), cls, args };
}

/** Element `index` of tuple `tuple` (a field), or null (reported) for an index that is no constant in range. */
export function tupleField(env: Env, tuple: ClassType, index: ts.Expression): Field | null {
  let e = index;
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  const i = ts.isNumericLiteral(e) ? Number(e.text) : NaN;
  const field = tuple.cls.fields.find((f) => f.name === String(i));
  if (field === undefined) {
    env.ctx.error(index, `a ${typeToString(tuple)} is indexed by a constant from 0 to ${tuple.cls.fields.length - 1}`);
    return null;
  }
  return field;
}

/**
 * `const [a, , b] = value`: `value` into a temporary, then each named element into a new
 * variable (`declare` declares one). A tuple's elements are its fields; an array's are read
 * with the index check, so a missing one fails (`index 2 out of range`, located at `value`),
 * where JavaScript would give undefined, which an array of numbers has no value for (the
 * reference run checks the same: runtime/reference/checks.ts __stmc_destructure). Arrays only
 * where `arrays` (declarations; not for...of, whose elements the reference run cannot check).
 */
export function destructure(env: Env, pattern: ts.ArrayBindingPattern, value: Expr, declare: (node: ts.Node, name: string, type: Type, init: Expr) => Stmt[], arrays = false): Stmt[] | null {
  const { ctx, scope } = env;
  const isArray = arrays && value.type.kind === "array";
  if (!isArray && !isTuple(value.type)) {
    const why = value.type.kind === "array" ? "here: destructure it in a declaration, or index it" : "index the array, or give it a tuple type ([A, B])";
    ctx.error(pattern, `only tuples${arrays ? " and arrays" : ""} can be destructured, not ${typeToString(value.type)}${value.type.kind === "array" ? ` ${why}` : `: ${why}`}`);
    return null;
  }
  const whole = withNullable(value.type as ArrayType | ClassType, false);
  if (whole.kind === "class" && pattern.elements.length > whole.cls.fields.length) {
    ctx.error(pattern, `a ${typeToString(whole)} has ${whole.cls.fields.length} elements`);
    return null;
  }
  const names = patternNames(ctx, pattern);
  if (names === null) return null;
  const loc = isArray ? value.loc : ctx.loc(pattern);
  const tmp = scope.temp(whole, isArray ? "array" : "tuple");
  const object: Expr = { k: "local.get", type: whole, loc, local: tmp };
  const source: Expr = isReference(value.type) && value.type.nullable ? { k: "nonnull", type: whole, loc, value } : value;
  const out: Stmt[] = [{ k: "expr", expr: { k: "local.set", type: VOID, loc, local: tmp, value: source, tee: false } }];
  const reads = names.map(({ element, name, index }) => {
    if (whole.kind === "class") {
      const field = whole.cls.fields[index];
      return { element, name, type: field.type, read: { k: "field.get", type: field.type, loc, object, field } as Expr };
    }
    // An array's elements are all read (and checked) before any variable is declared, as the reference checks them all first.
    const type = whole.element;
    const t = scope.temp(type, name);
    out.push({ k: "expr", expr: { k: "local.set", type: VOID, loc, local: t, value: { k: "index.get", type, loc, array: object, index: { k: "const", type: I32, loc, value: index } }, tee: false } });
    return { element, name, type, read: { k: "local.get", type, loc, local: t } as Expr };
  });
  for (const r of reads) out.push(...declare(r.element, r.name, r.type, r.read));
  return out;
}

/** The names a pattern binds, with their positions; null (reported) for anything but plain names and holes. */
function patternNames(ctx: CheckContext, pattern: ts.ArrayBindingPattern): Array<{ element: ts.BindingElement; name: string; index: number }> | null {
  const names: Array<{ element: ts.BindingElement; name: string; index: number }> = [];
  for (const [index, element] of pattern.elements.entries()) {
    if (ts.isOmittedExpression(element)) continue;
    if (!ts.isIdentifier(element.name) || element.dotDotDotToken !== undefined || element.initializer !== undefined) {
      ctx.error(element, "write plain names in a destructuring pattern (no nesting, defaults or rest)");
      return null;
    }
    names.push({ element, name: element.name.text, index });
  }
  return names;
}
