import type { ClassDecl } from "./ir.js";

/** The stmc type of a value. `usize` exists only in the runtime's low-level dialect. */
export type Type = PrimitiveType | ClassType | ArrayType | StringType | NullType;
export type PrimitiveKind = "i32" | "i64" | "f64" | "bool" | "void" | "usize";
export interface PrimitiveType {
  readonly kind: PrimitiveKind;
}
export interface ClassType {
  readonly kind: "class";
  readonly cls: ClassDecl;
  readonly nullable: boolean;
}
export interface ArrayType {
  readonly kind: "array";
  readonly element: Type;
  readonly nullable: boolean;
}
/** An immutable UTF-16 string on the heap (runtime/core/strings.ts). */
export interface StringType {
  readonly kind: "string";
  readonly nullable: boolean;
}
/** The type of the literal `null`, before context gives it a reference type. */
export interface NullType {
  readonly kind: "null";
}

export const I32: PrimitiveType = { kind: "i32" };
export const I64: PrimitiveType = { kind: "i64" };
export const F64: PrimitiveType = { kind: "f64" };
export const BOOL: PrimitiveType = { kind: "bool" };
export const VOID: PrimitiveType = { kind: "void" };
export const USIZE: PrimitiveType = { kind: "usize" };
export const STRING: StringType = { kind: "string", nullable: false };
export const NULL: NullType = { kind: "null" };

export type ReferenceType = ClassType | ArrayType | StringType;

export function classType(cls: ClassDecl, nullable = false): ClassType {
  return { kind: "class", cls, nullable };
}
export function arrayType(element: Type, nullable = false): ArrayType {
  return { kind: "array", element, nullable };
}

export function isReference(t: Type): t is ReferenceType {
  return t.kind === "class" || t.kind === "array" || t.kind === "string";
}
export function isNumeric(t: Type): boolean {
  return t.kind === "i32" || t.kind === "i64" || t.kind === "f64" || t.kind === "usize";
}
export function isInteger(t: Type): boolean {
  return t.kind === "i32" || t.kind === "i64" || t.kind === "usize";
}
export function isNullable(t: Type): boolean {
  return t.kind === "null" || (isReference(t) && t.nullable);
}
export function withNullable<T extends ReferenceType>(t: T, nullable: boolean): T {
  return t.nullable === nullable ? t : { ...t, nullable };
}

export function sameType(a: Type, b: Type): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "class") return a.cls === (b as ClassType).cls && a.nullable === (b as ClassType).nullable;
  if (a.kind === "array") {
    const bb = b as ArrayType;
    return a.nullable === bb.nullable && sameType(a.element, bb.element);
  }
  if (a.kind === "string") return a.nullable === (b as StringType).nullable;
  return true;
}

/** Same type ignoring top-level nullability. */
export function sameBaseType(a: Type, b: Type): boolean {
  if (isReference(a) && isReference(b)) return sameType(withNullable(a, false), withNullable(b, false));
  return sameType(a, b);
}

export function isSubclass(sub: ClassDecl, sup: ClassDecl): boolean {
  for (let c: ClassDecl | null = sub; c !== null; c = c.base) if (c === sup) return true;
  return false;
}

export function typeToString(t: Type): string {
  switch (t.kind) {
    case "class": {
      const sig = t.cls.signature;
      if (sig !== undefined) {
        const text = `(${sig.params.map(typeToString).join(", ")}) => ${typeToString(sig.result)}`;
        return t.nullable ? `(${text}) | null` : text;
      }
      return t.nullable ? `${t.cls.name} | null` : t.cls.name;
    }
    case "array": {
      const inner = typeToString(t.element);
      const el = (isReference(t.element) && t.element.nullable) || (t.element.kind === "class" && t.element.cls.signature !== undefined) ? `(${inner})` : inner;
      return t.nullable ? `${el}[] | null` : `${el}[]`;
    }
    case "bool":
      return "boolean";
    case "string":
      return t.nullable ? "string | null" : "string";
    default:
      return t.kind;
  }
}
