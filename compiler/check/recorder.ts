// What the checker decides about each expression, for a tool that needs stmc's types on
// TypeScript's syntax trees: the reference runner (runtime/reference/run.ts) rewrites programs
// with them, since TypeScript sees `i32`, `i64` and `f64` only as `number`. The compiler itself
// records nothing: the hooks cost one null test while no recorder is installed.
import type ts from "../typescript.cjs";
import type { Type } from "./types.js";

/** The stmc types of one syntax node, as far as the checker saw them. */
export interface NodeTypes {
  /** An expression: the type of its value (before any implicit conversion). */
  value?: Type;
  /** An implicit conversion (widening, upcast, null check) of the expression's value to this type. */
  converted?: Type;
  /** The target of `op=`, `++` or `--`: the type of the place. */
  place?: Type;
  /** A type annotation: the type it denotes. */
  annotation?: Type;
}

let recording: Map<ts.Node, NodeTypes> | null = null;

/** Runs `f` (a check) and returns, with its result, what it recorded for each node. */
export function recordTypes<T>(f: () => T): { result: T; types: Map<ts.Node, NodeTypes> } {
  const types = new Map<ts.Node, NodeTypes>();
  const outer = recording;
  recording = types;
  try {
    return { result: f(), types };
  } finally {
    recording = outer;
  }
}

function note(node: ts.Node, key: keyof NodeTypes, type: Type): void {
  const entry = recording!.get(node);
  if (entry === undefined) recording!.set(node, { [key]: type });
  else entry[key] = type;
}

/** Hook of checkExpr: returns `e` unchanged. */
export function recordValue<E extends { type: Type } | null>(node: ts.Node, e: E): E {
  if (recording !== null && e !== null) note(node, "value", e.type);
  return e;
}

/** Hook of coerce: returns `e` unchanged. */
export function recordConversion<E extends { type: Type }>(node: ts.Node, e: E): E {
  if (recording !== null) note(node, "converted", e.type);
  return e;
}

/** Hook of compound assignments and increments. */
export function recordPlace(node: ts.Node, place: { type: Type } | null): void {
  if (recording !== null && place !== null) note(node, "place", place.type);
}

/** Hook of resolveTypeNode: returns `type` unchanged. */
export function recordAnnotation(node: ts.Node, type: Type | null): Type | null {
  if (recording !== null && type !== null) note(node, "annotation", type);
  return type;
}
