// What one fuzz case is: a well-typed program, or an ill-formed one (a program plus a mutation).
// fast-check generates and shrinks the recipe; the text is built from it.
import fc from "fast-check";
import { buildProgram } from "./gen/program.js";
import { programRecipe, type ProgramRecipe } from "./gen/recipe.js";
import { type Mutation, mutationArb, mutate } from "./mutate.js";
import type { GenOptions } from "./options.js";

export type CaseRecipe = { k: "program"; program: ProgramRecipe } | { k: "mutant"; program: ProgramRecipe; mutation: Mutation };

export interface Case {
  k: "program" | "mutant";
  text: string;
  /** A second file the entry imports as "./%LIB%" (LIB_PLACEHOLDER). */
  lib?: string;
  mustReject: boolean;
  /** For mutants: what was changed. */
  what: string;
}

/** One in `mutantEvery` cases is ill-formed (0: none, 1: all). */
export function caseArbitrary(opts: GenOptions, mutantEvery: number): fc.Arbitrary<CaseRecipe> {
  const program = programRecipe(opts);
  const wellTyped = program.map((p) => ({ k: "program" as const, program: p }));
  if (mutantEvery <= 0) return wellTyped;
  // Mutants start from small programs: the compiler's front end is what they exercise.
  const mutant = fc.record({ k: fc.constant("mutant" as const), program: programRecipe({ ...opts, size: "small" }), mutation: mutationArb });
  if (mutantEvery === 1) return mutant;
  return fc.oneof({ arbitrary: wellTyped, weight: mutantEvery - 1 }, { arbitrary: mutant, weight: 1 });
}

export function buildCase(r: CaseRecipe, opts: GenOptions, title: string): Case {
  if (r.k === "program") return { k: "program", ...buildProgram(r.program, opts, title, true), mustReject: false, what: "" };
  const base = buildProgram(r.program, { ...opts, size: "small" }, title).text;
  const m = mutate(base, r.mutation);
  return { k: "mutant", text: m.text, mustReject: m.mustReject, what: m.what };
}
