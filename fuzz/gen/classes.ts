// Classes: hierarchy, fields, constructors and method signatures (bodies come later, in rank
// order, from program.ts). Construction always ends: a non-null class-typed field or constructor
// parameter is of an earlier class, and nothing in a constructor or field initialiser says `new`
// except these explicit constructions.
import { type Cx, type State, fresh } from "./context.js";
import { expr } from "./expressions.js";
import { f64Text } from "./literals.js";
import { allSlots, arrayTy, BOOL, STR, type Callable, type ClassDef, classTy, F64, type Field, I32, I64, isRef, type MethodSlot, type Param, type Ty, tyName } from "./model.js";
import { type Choice, choose, type ClassRecipe, type FunctionRecipe, index, kid } from "./recipe.js";
import { ctorParams } from "./references.js";
import { pickType } from "./statements.js";
import { pickFnTy } from "./functions.js";

export interface ClassPlan {
  cls: ClassDef;
  recipe: ClassRecipe;
  /** Field name -> initialiser text (fields without one are set by the constructor). */
  inits: Map<string, string>;
  methods: { impl: Callable; body: Choice[]; isStatic: boolean }[];
  /** `static` field declarations (read and written as module variables `K.name`). */
  staticLines: string[];
}

function fieldType(st: State, c: Choice, cls: ClassDef): Ty {
  const earlier = st.classes.slice(0, cls.index);
  const kind = choose(c, [[4, "i32"], [2, "i64"], [3, "f64"], [2, "bool"], [3, "nullable"], [earlier.length > 0 ? 1 : 0, "object"], [2, "array"], [1, "fn"], [2, "str"]] as const, 5);
  if (kind === "nullable") return classTy(index(c, 2, 6) === 0 ? cls : st.classes[index(c, st.classes.length, 7)], true);
  if (kind === "fn") {
    const t = pickFnTy(st, kid(c, 1));
    return index(c, 4, 15) === 0 ? arrayTy(t) : { ...t, nullable: index(c, 4, 16) === 0 };
  }
  if (kind === "object") return classTy(earlier[index(c, earlier.length, 8)]);
  if (kind === "array") {
    const e = [I32, F64, I64, BOOL, STR][index(c, 6, 9)] ?? classTy(st.classes[index(c, st.classes.length, 10)], true);
    return arrayTy(e);
  }
  return { k: kind };
}

function paramType(st: State, c: Choice, cls: ClassDef): Ty {
  const earlier = st.classes.slice(0, cls.index);
  const kind = choose(c, [[4, I32], [2, I64], [3, F64], [1, BOOL], [1, arrayTy(I32)], [earlier.length > 0 ? 2 : 0, null], [1, STR]] as const, 11);
  return kind ?? classTy(earlier[index(c, earlier.length, 12)]);
}

export function params(st: State, c: Choice, max: number, pick: (c: Choice) => Ty): Param[] {
  const n = index(c, max + 1, 13);
  const out: Param[] = [];
  for (let i = 0; i < n; i++) out.push({ name: fresh(st, "p"), ty: pick(kid(c, i)) });
  return out;
}

/** Declares the classes (no bodies yet) and returns what is left to write. */
export function declareClasses(st: State, recipes: ClassRecipe[]): ClassPlan[] {
  recipes.forEach((r, i) => {
    const parentAt = index(r.head, 2 * i + 1, 1);
    const parent = parentAt < i ? st.classes[parentAt] : null;
    const cls: ClassDef = { name: `K${i}`, index: i, parent, children: [], fields: [], slots: [], ctorParams: [], ownCtor: false };
    parent?.children.push(cls);
    st.classes.push(cls);
  });
  const plans: ClassPlan[] = recipes.map((recipe, i) => ({ cls: st.classes[i], recipe, inits: new Map(), methods: [], staticLines: [] }));
  for (const plan of plans) {
    const { cls, recipe } = plan;
    cls.ownCtor = index(recipe.ctor, 4, 1) !== 0;
    if (cls.ownCtor) cls.ctorParams = params(st, kid(recipe.ctor, 0), 3, (c) => paramType(st, c, cls));
    for (const fc of recipe.fields) {
      const f: Field = { name: fresh(st, "fld"), ty: fieldType(st, fc, cls), readonly: index(fc, 6, 14) === 0 };
      cls.fields.push(f);
    }
    extraMembers(st, plan);
  }
  for (const plan of plans) {
    const { cls } = plan;
    const overridden = new Set<MethodSlot>();
    for (const m of plan.recipe.methods) {
      const sig = m.sig;
      const inherited = cls.parent === null ? [] : allSlots(cls.parent).filter((s) => !overridden.has(s));
      if (index(sig, 8, 21) === 0) {
        const impl = callable(st, `s${st.counter++}`, params(st, kid(sig, 0), 3, (c) => pickType(stub(st), c)), returnType(st, sig), index(sig, 2, 22) === 0, cls);
        st.statics.push(impl);
        plan.methods.push({ impl, body: m.body, isStatic: true });
      } else if (inherited.length > 0 && index(sig, 2, 23) === 0) {
        const slot = inherited[index(sig, inherited.length, 24)];
        overridden.add(slot);
        const impl = callable(st, slot.name, slot.params.map((p) => ({ name: fresh(st, "p"), ty: p.ty })), slot.ret, slot.safe, cls);
        impl.slot = slot;
        slot.impls.push(impl);
        plan.methods.push({ impl, body: m.body, isStatic: false });
      } else {
        const slot: MethodSlot = { name: `m${st.counter++}`, cls, params: params(st, kid(sig, 0), 3, (c) => pickType(stub(st), c)), ret: returnType(st, sig), safe: index(sig, 2, 22) === 0, impls: [] };
        const impl = callable(st, slot.name, slot.params, slot.ret, slot.safe, cls);
        impl.slot = slot;
        slot.impls.push(impl);
        cls.slots.push(slot);
        st.slots.push(slot);
        plan.methods.push({ impl, body: m.body, isStatic: false });
      }
    }
  }
  return plans;
}

export function returnType(st: State, sig: Choice): Ty | null {
  return index(sig, 3, 31) === 0 ? null : pickType(stub(st), kid(sig, 1));
}

export function callable(st: State, name: string, ps: Param[], ret: Ty | null, safe: boolean, owner?: ClassDef): Callable {
  return { name, params: ps, ret, rank: 0, safe, cost: 1, pushes: false, resizes: false, lvl: 0, done: false, owner };
}

/** A minimal context for choosing types (pickType only reads the classes). */
/**
 * Now and then: a constructor parameter property, a getter (and setter) over a field, a static
 * field (a module variable `K.name` to the rest of the generator: tasks and constructors do not
 * touch it).
 */
function extraMembers(st: State, plan: ClassPlan): void {
  const { cls, recipe } = plan;
  const h = recipe.head;
  const primOk = (t: Ty) => t.k === "i32" || t.k === "f64" || t.k === "bool" || t.k === "str";
  if (cls.ownCtor && index(h, 3, 61) === 0) {
    const p = cls.ctorParams.find((q) => primOk(q.ty));
    if (p !== undefined) {
      p.prop = index(h, 2, 62) === 0 ? "public" : "readonly";
      cls.fields.push({ name: p.name, ty: p.ty, readonly: p.prop === "readonly" });
    }
  }
  if (index(h, 3, 63) === 0) {
    const base = cls.fields.filter((f) => f.accessor === undefined && (f.ty.k === "i32" || f.ty.k === "f64" || f.ty.k === "str"));
    if (base.length > 0) {
      const f = base[index(h, base.length, 64)];
      const get = f.ty.k === "i32" ? `(this.${f.name} & 1023) + 1` : f.ty.k === "f64" ? `this.${f.name} * 2.0` : `\`<\${this.${f.name}}>\``;
      const set = f.readonly || index(h, 2, 65) === 0 ? null : f.ty.k === "i32" ? `this.${f.name} = v ^ 1` : f.ty.k === "f64" ? `this.${f.name} = v - 1.0` : `this.${f.name} = v.trim()`;
      cls.fields.push({ name: fresh(st, "acc"), ty: f.ty, readonly: set === null, accessor: { get, set } });
    }
  }
  if (index(h, 3, 66) === 0) {
    const ty = [I32, F64, STR][index(h, 3, 67)];
    const name = fresh(st, "st");
    const init = ty.k === "i32" ? String(h.q % 100) : ty.k === "f64" ? f64Text(h.q / 64) : '"s"';
    plan.staticLines.push(`  static ${name}: ${tyName(ty)} = ${init};`);
    st.globals.push({ name: `${cls.name}.${name}`, ty, mutable: true, global: true });
  }
}

function stub(st: State): Cx {
  return { st } as Cx;
}

/** A context for constructors and field initialisers: parameters only, nothing that allocates implicitly. */
function initCx(st: State, cls: ClassDef, ps: Param[]): Cx {
  return {
    st,
    fn: { callable: null, rank: -1, ret: null, cls, safe: true, isMain: false, isCtor: true },
    vars: ps.map((p) => ({ name: p.name, ty: p.ty, mutable: true })),
    depth: 2,
    inCond: false,
    pure: false,
    mode: "const",
    budget: 20,
    inAtomic: false,
    noPush: true,
    loops: [],
    nest: 0,
    noNew: true,
  };
}

/** A value of `ty` for a field or a super(...) argument. */
function initValue(cx: Cx, c: Choice, ty: Ty): string {
  if (!isRef(ty)) {
    if (cx.vars.length === 0 && ty.k === "f64") return f64Text(c.q / 8);
    return expr(cx, c, ty, ty).t;
  }
  if (ty.nullable) return "null";
  // A function value: an arrow whose body sees only its parameters and the constructor's.
  if (ty.k === "fn") return expr(cx, c, ty, ty).t;
  if (ty.k === "array") {
    const e = ty.e;
    if (index(c, 2, 41) === 0 || (isRef(e) && !e.nullable)) return "[]";
    return `new Array<${tyName(e)}>(${index(c, 5, 42)}).fill(${isRef(e) ? "null" : initValue(cx, kid(c, 0), e)})`;
  }
  const own = cx.vars.find((v) => v.ty.k === "class" && !v.ty.nullable && v.ty.c === ty.c);
  if (own !== undefined && index(c, 3, 43) !== 0) return own.name;
  const args = ctorParams(ty.c).map((p, i) => initValue(cx, kid(c, i), p.ty));
  return `new ${ty.c.name}(${args.join(", ")})`;
}

/** The class's text, given its method bodies. */
export function classText(st: State, plan: ClassPlan, bodies: Map<Callable, string[]>): string[] {
  const { cls, recipe } = plan;
  const lines = [`class ${cls.name}${cls.parent === null ? "" : ` extends ${cls.parent.name}`} {`];
  const setInCtor: Field[] = [];
  const noParams = initCx(st, cls, []);
  recipe.fields.forEach((fc, i) => {
    const f = cls.fields[i];
    const mod = f.readonly ? "readonly " : "";
    if (cls.ownCtor && index(fc, 3, 51) === 0) {
      setInCtor.push(f);
      lines.push(`  ${mod}${f.name}: ${tyName(f.ty)};`);
    } else if (index(fc, 3, 54) === 0 && !f.readonly && (f.ty.k === "i32" || f.ty.k === "f64" || f.ty.k === "bool")) {
      // Unannotated: the field takes its type from the literal (a readonly one would get a literal type).
      const v = Math.abs(fc.q) / 16;
      const literal = f.ty.k === "i32" ? String((fc.q % 1000) + 1000) : f.ty.k === "f64" ? f64Text(v) : index(fc, 2, 55) === 0 ? "true" : "false";
      lines.push(`  ${mod}${f.name} = ${literal};`);
    } else {
      lines.push(`  ${mod}${f.name}: ${tyName(f.ty)} = ${initValue(noParams, kid(fc, 0), f.ty)};`);
    }
  });
  if (cls.ownCtor) {
    const cx = initCx(st, cls, cls.ctorParams);
    lines.push(`  constructor(${cls.ctorParams.map((p) => `${p.prop === undefined ? "" : `${p.prop} `}${p.name}: ${tyName(p.ty)}`).join(", ")}) {`);
    if (cls.parent !== null) lines.push(`    super(${ctorParams(cls.parent).map((p, i) => initValue(cx, kid(recipe.ctor, i + 1), p.ty)).join(", ")});`);
    setInCtor.forEach((f, i) => lines.push(`    this.${f.name} = ${initValue(cx, kid(kid(recipe.ctor, 5), i), f.ty)};`));
    // A later store to a field already set shows the order of initialisers and constructor code.
    const extra = cls.fields.filter((f) => !isRef(f.ty) && f.accessor === undefined);
    if (extra.length > 0 && index(recipe.ctor, 3, 52) === 0) {
      const f = extra[index(recipe.ctor, extra.length, 53)];
      lines.push(`    this.${f.name} = ${initValue(cx, kid(recipe.ctor, 6), f.ty)};`);
    }
    lines.push("  }");
  }
  lines.push(...plan.staticLines);
  for (const f of cls.fields) {
    if (f.accessor === undefined) continue;
    lines.push(`  get ${f.name}(): ${tyName(f.ty)} {`, `    return ${f.accessor.get};`, "  }");
    if (f.accessor.set !== null) lines.push(`  set ${f.name}(v: ${tyName(f.ty)}) {`, `    ${f.accessor.set};`, "  }");
  }
  // A finalizer the collector may call (the reference never does): it only counts, unobserved.
  if (index(recipe.head, 6, 56) === 0) lines.push("  finalize(): void {", "    finalized++;", "  }");
  for (const m of plan.methods) {
    const impl = m.impl;
    const sig = `${m.isStatic ? "static " : ""}${impl.name}(${impl.params.map((p) => `${p.name}: ${tyName(p.ty)}`).join(", ")}): ${impl.ret === null ? "void" : tyName(impl.ret)}`;
    lines.push(`  ${sig} {`, ...(bodies.get(impl) ?? []).map((l) => `  ${l}`), "  }");
  }
  lines.push("}");
  return lines;
}

