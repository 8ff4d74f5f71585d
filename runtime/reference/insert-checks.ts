// A TypeScript transformer for the reference runner: makes the program, run as JavaScript,
// compute what the compiled program computes. TypeScript sees `i32`, `i64` and `f64` only as
// `number`; the stmc types come from stmc's own checker, which recorded them for every
// expression (compiler/check/recorder.ts, looked up here through a TypeTable).
//
// - Numbers: i32 wraps, i64 is a BigInt kept to 64 bits, conversions and widenings are explicit
//   (arith.ts): `h * 31 + c` on i32 becomes `Math.imul(h, 31) + c | 0`.
// - Checks that the compiled code makes and JavaScript does not (checks.ts), each called at the
//   source position the compiled code reports:
//     a[i]          ->  a[__stmc_check(i, a.length)]
//     a[i] = v      ->  a[i] = __stmc_checkStore(v, i, a.length)
//     x!, o.f, o.m(), a[i], for...of  on a nullable reference  ->  __stmc_null() when null
//     a.pop(), new Array<T>(n).fill(v), integer / and %, i32(x), i64(x), s.charCodeAt(i)
// - Variables and fields read before anything is assigned are 0, 0n, false or null, as compiled
//   memory is.
// An array, object or index with side effects is first evaluated into a temporary, so every
// operand is evaluated once and in source order.
import ts from "../../compiler/typescript.cjs";
import type { NodeTypes } from "../../compiler/check/recorder.js";
import type { Type } from "../../compiler/check/types.js";
import { castMessage } from "../abi.js";
import { Arith, ARITHMETIC, COMPOUND, join, type ArithOp, type Num, type Value } from "./arith.js";

/** The checker's types of the nodes of one file, found by position (the file is parsed again). */
export interface TypeTable {
  get(node: ts.Node): NodeTypes | undefined;
}

/** The key of a node in a TypeTable: its position and kind, the same in every parse of the text. */
export function nodeKey(node: ts.Node): string {
  return `${node.pos}:${node.end}:${node.kind}`;
}

/** The transformer; `used` collects the names of the checks the rewritten file calls. */
export function insertChecks(used: Set<string>, types: TypeTable): ts.TransformerFactory<ts.SourceFile> {
  return (context) => (file) => new Rewriter(context, used, types, file).run();
}

interface Place {
  setup: ts.Expression[];
  get(): ts.Expression;
  set(value: ts.Expression): ts.Expression;
}

const COMPARISON = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken,
]);

function numKind(t: Type | undefined): Num | null {
  return t !== undefined && (t.kind === "i32" || t.kind === "i64" || t.kind === "f64") ? t.kind : null;
}

function isSubclassOf(sub: { base: unknown } | null, sup: unknown): boolean {
  for (let c = sub as { base: unknown } | null; c !== null; c = c.base as { base: unknown } | null) if (c === sup) return true;
  return false;
}

function isNullable(t: Type | undefined): boolean {
  return t !== undefined && (t.kind === "class" || t.kind === "array" || t.kind === "string") && t.nullable;
}

class Rewriter {
  private readonly f: ts.NodeFactory;
  private readonly arith: Arith;
  /** Local names of the `stmc` imports: local name -> exported name. */
  private readonly stmcNames = new Map<string, string>();

  constructor(
    private readonly context: ts.TransformationContext,
    private readonly used: Set<string>,
    private readonly types: TypeTable,
    private readonly file: ts.SourceFile,
  ) {
    this.f = context.factory;
    this.arith = new Arith(this.f, (name, args, at) => this.helper(name, args, at));
    for (const s of file.statements) {
      if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier) || s.moduleSpecifier.text !== "stmc") continue;
      const named = s.importClause?.namedBindings;
      if (named !== undefined && ts.isNamedImports(named)) {
        for (const el of named.elements) this.stmcNames.set(el.name.text, (el.propertyName ?? el.name).text);
      }
    }
  }

  run(): ts.SourceFile {
    return this.f.updateSourceFile(this.file, ts.visitLexicalEnvironment(this.file.statements, this.visit, this.context));
  }

  // ---- helpers -----------------------------------------------------------------------------

  /** A call of a checks.ts function; positioned at `at` so that a failure is reported there. */
  private helper(name: string, args: ts.Expression[], at?: ts.Node): ts.Expression {
    this.used.add(name);
    const call = this.f.createCallExpression(this.f.createIdentifier(name), undefined, args);
    return at === undefined ? call : ts.setTextRange(call, at);
  }

  private valueType(node: ts.Node): Type | undefined {
    return this.types.get(node)?.value;
  }

  private kindOf(node: ts.Node): Num | null {
    return numKind(this.valueType(node));
  }

  private temp(): ts.Identifier {
    return this.f.createTempVariable(this.context.hoistVariableDeclaration);
  }

  private sequence(setup: ts.Expression[], last: ts.Expression, original: ts.Node): ts.Expression {
    if (setup.length === 0) return last;
    return ts.setTextRange(this.f.createParenthesizedExpression(this.f.createCommaListExpression([...setup, last])), original);
  }

  /** `e`, failing with `null dereference` at `at` when it is null. */
  private nullCheck(e: ts.Expression, at: ts.Node): ts.Expression {
    const test = this.f.createBinaryExpression(e, ts.SyntaxKind.QuestionQuestionToken, this.helper("__stmc_null", [], at));
    return ts.setTextRange(this.f.createParenthesizedExpression(test), at);
  }

  // ---- visiting ----------------------------------------------------------------------------

  private readonly visit = (node: ts.Node): ts.Node => {
    if (ts.isExpression(node)) return this.exact(node);
    if (ts.isVariableDeclaration(node)) return this.variableDeclaration(node);
    if (ts.isClassDeclaration(node)) return this.classDeclaration(node);
    if (ts.isForOfStatement(node)) return this.forOf(node);
    return ts.visitEachChild(node, this.visit, this.context);
  };

  /** The expression's value in canonical form, converted as the checker converted it. */
  private exact(node: ts.Expression): ts.Expression {
    return this.arith.canon(this.valueOf(node));
  }

  /** The expression's value (possibly loose), converted as the checker converted it. */
  private valueOf(node: ts.Expression): Value {
    const types = this.types.get(node);
    const value = this.compute(node, types?.value);
    const from = types?.value;
    const to = types?.converted;
    if (from === undefined || to === undefined) return value;
    // `a?.n ?? d` widened: the chain is undefined when `a` is null, and stays so for the `??`.
    if (from.kind === "i32" && to.kind === "i64" && ts.isOptionalChain(node)) return { e: this.helper("__stmc_maybeI64", [this.arith.canon(value)], node), kind: "i64", exact: true };
    if (from.kind === "i32" && to.kind === "i64") return { e: this.arith.toI64(this.arith.canon(value)), kind: "i64", exact: true };
    if (from.kind === "i32" && to.kind === "f64") return { e: this.arith.canon(value), kind: "f64", exact: true };
    if (isNullable(from) && (to.kind === "class" || to.kind === "array" || to.kind === "string") && !to.nullable) return { e: this.nullCheck(value.e, node), kind: null, exact: true };
    return value;
  }

  private compute(node: ts.Expression, type: Type | undefined): Value {
    const kind = numKind(type);
    if (ts.isParenthesizedExpression(node)) {
      const inner = this.valueOf(node.expression);
      return { ...inner, e: this.f.updateParenthesizedExpression(node, inner.e) };
    }
    if (ts.isNumericLiteral(node)) return this.literal(node, kind, false);
    if (ts.isPrefixUnaryExpression(node)) return this.prefix(node, kind);
    if (ts.isPostfixUnaryExpression(node)) return this.increment(node, node.operand, node.operator, true);
    if (ts.isBinaryExpression(node)) return this.binary(node, kind);
    if (ts.isCallExpression(node)) return this.call(node, kind);
    if (ts.isAsExpression(node)) return this.cast(node, kind);
    if (ts.isElementAccessExpression(node)) return this.elementRead(node, kind);
    if (ts.isPropertyAccessExpression(node)) {
      return { e: this.f.updatePropertyAccessExpression(node, this.receiver(node.expression), node.name), kind, exact: true };
    }
    if (ts.isNonNullExpression(node)) {
      const inner = this.exact(node.expression);
      if (!isNullable(this.valueType(node.expression)) || isAssignmentTarget(node)) return { e: inner, kind, exact: true };
      // compiled code reports `(e)!` at `e`, inside the parentheses
      return { e: this.nullCheck(inner, skipParens(node.expression)), kind, exact: true };
    }
    return { e: ts.visitEachChild(node, this.visit, this.context), kind, exact: true };
  }

  /** The object of a field access, method call, index or for...of: checked when nullable. */
  private receiver(node: ts.Expression, at: ts.Node = node): ts.Expression {
    const e = this.exact(node);
    return isNullable(this.valueType(node)) ? this.nullCheck(e, at) : e;
  }

  // ---- numbers -----------------------------------------------------------------------------

  private literal(node: ts.NumericLiteral, kind: Num | null, negative: boolean): Value {
    const f = this.f;
    if (kind === "i64") {
      const big = BigInt(node.getText(this.file).replace(/_/g, ""));
      const literal = f.createBigIntLiteral(`${big}n`);
      return { e: negative ? f.createPrefixUnaryExpression(ts.SyntaxKind.MinusToken, literal) : literal, kind, exact: true };
    }
    if (!negative) return { e: node, kind, exact: true };
    if (kind === "i32" && Number(node.text) === 0) return { e: f.createNumericLiteral(0), kind, exact: true }; // an i32 has no -0
    return { e: f.createPrefixUnaryExpression(ts.SyntaxKind.MinusToken, node), kind, exact: true };
  }

  private prefix(node: ts.PrefixUnaryExpression, kind: Num | null): Value {
    const op = node.operator;
    if (op === ts.SyntaxKind.PlusPlusToken || op === ts.SyntaxKind.MinusMinusToken) return this.increment(node, node.operand, op, false);
    if (op === ts.SyntaxKind.MinusToken) {
      // As the checker reads it: a literal (in at most one pair of parentheses) is a negative literal.
      const inner = ts.isParenthesizedExpression(node.operand) ? node.operand.expression : node.operand;
      if (ts.isNumericLiteral(inner)) return this.literal(inner, kind, true);
      if (kind === "i32" || kind === "i64") {
        const operand = this.valueOf(node.operand);
        return { e: this.f.createPrefixUnaryExpression(op, operand.e), kind, exact: false };
      }
    }
    if (op === ts.SyntaxKind.TildeToken && (kind === "i32" || kind === "i64")) {
      const operand = this.valueOf(node.operand);
      return { e: this.f.createPrefixUnaryExpression(op, operand.e), kind, exact: kind === "i32" || operand.exact };
    }
    return { e: ts.visitEachChild(node, this.visit, this.context), kind, exact: true };
  }

  /** `node`'s value widened to `to` (i32 -> i64 or i32 -> f64), possibly loose. */
  private operand(node: ts.Expression, from: Num, to: Num): Value {
    const value = this.valueOf(node);
    if (from === to) return value;
    const e = this.arith.canon(value);
    return { e: to === "i64" ? this.arith.toI64(e) : e, kind: to, exact: true };
  }

  /** `node`'s canonical value as an f64 (the operands of `/` on integers). */
  private asF64(node: ts.Expression, from: Num): ts.Expression {
    const e = this.exact(node);
    return from === "i64" ? this.arith.toF64(e) : e;
  }

  private binary(node: ts.BinaryExpression, kind: Num | null): Value {
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.EqualsToken) return { e: this.assign(node), kind, exact: true };
    const compound = COMPOUND[op];
    if (compound !== undefined) return this.compound(node, compound, kind);
    const lk = this.kindOf(node.left);
    const rk = this.kindOf(node.right);
    if (lk !== null && rk !== null && COMPARISON.has(op)) {
      const j = join(lk, rk);
      const left = this.arith.canon(this.operand(node.left, lk, j));
      const right = this.arith.canon(this.operand(node.right, rk, j));
      return { e: this.f.updateBinaryExpression(node, left, node.operatorToken, right), kind: null, exact: true };
    }
    const arithmetic = ARITHMETIC[op];
    if (lk !== null && rk !== null && arithmetic !== undefined) {
      const j = join(lk, rk);
      if (arithmetic === "div" && j !== "f64") {
        // TypeScript's `/`: an f64 division, also of integers.
        return { e: this.f.createBinaryExpression(this.asF64(node.left, lk), ts.SyntaxKind.SlashToken, this.asF64(node.right, rk)), kind: "f64", exact: true };
      }
      return this.arith.apply(arithmetic, j, this.operand(node.left, lk, j), this.operand(node.right, rk, j), node);
    }
    return { e: ts.visitEachChild(node, this.visit, this.context), kind, exact: true };
  }

  private call(node: ts.CallExpression, kind: Num | null): Value {
    const f = this.f;
    const callee = node.expression;
    if (ts.isIdentifier(callee)) {
      const name = this.stmcNames.get(callee.text);
      if ((name === "i32" || name === "i64" || name === "f64") && node.arguments.length === 1) return this.conversion(node, name);
    }
    if (ts.isPropertyAccessExpression(callee)) {
      const name = callee.name.text;
      const object = callee.expression;
      if (ts.isIdentifier(object) && object.text === "Math" && name === "random" && node.arguments.length === 0) {
        return { e: this.helper("__stmc_random", [], node), kind, exact: true };
      }
      if (ts.isIdentifier(object) && object.text === "Math" && kind !== null && kind !== "f64") {
        if (name === "abs" && kind === "i32") return { e: this.arith.canon({ e: this.arith.call("Math", "abs", [this.exact(node.arguments[0])]), kind, exact: false }), kind, exact: true };
        if (name === "abs") return { e: this.helper("__stmc_abs64", [this.exact(node.arguments[0])]), kind, exact: true };
        if ((name === "min" || name === "max") && kind === "i64") {
          const args = node.arguments.map((a) => this.arith.canon(this.operand(a, this.kindOf(a) ?? "i64", "i64")));
          return { e: this.helper(name === "min" ? "__stmc_min64" : "__stmc_max64", args), kind, exact: true };
        }
      }
      if (name === "fill" && ts.isNewExpression(object) && ts.isIdentifier(object.expression) && object.expression.text === "Array") {
        const length = object.arguments?.[0];
        if (length !== undefined && node.arguments.length === 1) {
          return { e: this.helper("__stmc_newArray", [this.helper("__stmc_arrayLength", [this.exact(length)], node), this.exact(node.arguments[0])], node), kind, exact: true };
        }
      }
      if (name === "pop" && node.arguments.length === 0 && this.valueType(object)?.kind === "array") {
        return { e: this.helper("__stmc_pop", [this.receiver(object)], node), kind, exact: true };
      }
      if (name === "sort" && node.arguments.length === 1 && this.valueType(object)?.kind === "array") {
        // A comparator may return an i64 (a BigInt here), which JavaScript's sort cannot take.
        return { e: this.helper("__stmc_sort", [this.receiver(object), this.exact(node.arguments[0])], node), kind, exact: true };
      }
      if (this.valueType(object)?.kind === "string") {
        // stmc's charCodeAt fails outside the string.
        const args = node.arguments.map((a) => this.exact(a));
        if (name === "charCodeAt") return { e: this.helper("__stmc_charCodeAt", [this.receiver(object), args[0] ?? this.f.createNumericLiteral(0)], node), kind, exact: true };
      }
    }
    return { e: f.updateCallExpression(node, this.exact(callee), undefined, node.arguments.map((a) => this.exact(a))), kind, exact: true };
  }

  /** `x as C`: a downcast is checked, as stmc checks it (JavaScript does not). */
  private cast(node: ts.AsExpression, kind: Num | null): Value {
    const from = this.valueType(node.expression);
    const to = this.valueType(node);
    const inner = this.exact(node.expression);
    if (from?.kind !== "class" || to?.kind !== "class" || from.cls === to.cls || !ts.isTypeReferenceNode(node.type) || !isSubclassOf(to.cls, from.cls)) {
      return { e: this.f.updateAsExpression(node, inner, node.type), kind, exact: true };
    }
    const message = this.f.createStringLiteral(castMessage(from.cls.name, to.cls.name));
    return { e: this.helper("__stmc_cast", [inner, this.f.createIdentifier(node.type.typeName.getText()), message], node), kind, exact: true };
  }

  /** `i32(x)`, `i64(x)`, `f64(x)`; `i32(a / b)` on integers is one integer division. */
  private conversion(node: ts.CallExpression, to: Num): Value {
    let arg = node.arguments[0];
    while (ts.isParenthesizedExpression(arg)) arg = arg.expression;
    let value: Value;
    let from: Num | null;
    if (to !== "f64" && ts.isBinaryExpression(arg) && arg.operatorToken.kind === ts.SyntaxKind.SlashToken) {
      const lk = this.kindOf(arg.left);
      const rk = this.kindOf(arg.right);
      if (lk === null || rk === null) return { e: ts.visitEachChild(node, this.visit, this.context), kind: to, exact: true };
      from = join(lk, rk);
      value = from === "f64"
        ? { e: this.f.createBinaryExpression(this.asF64(arg.left, lk), ts.SyntaxKind.SlashToken, this.asF64(arg.right, rk)), kind: "f64", exact: true }
        : this.arith.apply("div", from, this.operand(arg.left, lk, from), this.operand(arg.right, rk, from), arg);
    } else {
      from = this.kindOf(arg);
      value = this.valueOf(arg);
    }
    if (from === null || from === to) return value;
    const e = this.arith.canon(value);
    const at = (name: string) => ({ e: this.helper(name, [e], node), kind: to, exact: true });
    switch (`${from}->${to}`) {
      case "i32->i64":
        return { e: this.arith.toI64(e), kind: to, exact: true };
      case "i64->f64":
        return { e: this.arith.toF64(e), kind: to, exact: true };
      case "i64->i32":
        return at("__stmc_i64ToI32");
      case "f64->i32":
        return at("__stmc_f64ToI32");
      case "f64->i64":
        return at("__stmc_f64ToI64");
    }
    return { e, kind: to, exact: true }; // i32 -> f64
  }

  // ---- places ------------------------------------------------------------------------------

  /** Array and index of `access`, evaluated once, in order, the array checked for null. */
  /**
   * An element access's array and index, in temporaries where they must be evaluated once. A
   * store (`a[i] = v`, `a[i] op= v`) evaluates them before its value, which may change what a
   * pure expression like `i % a.length` would give the second time, so a store takes them once
   * unless they are constants (`written`).
   */
  private elementOperands(access: ts.ElementAccessExpression, written = false) {
    let array = this.receiver(access.expression);
    let index = this.exact(access.argumentExpression);
    const setup: ts.Expression[] = [];
    const once = written ? (e: ts.Expression) => !isConstant(e) : (e: ts.Expression) => !isPure(e);
    if (once(access.expression) || once(access.argumentExpression) || isNullable(this.valueType(access.expression))) {
      const a = this.temp();
      const i = this.temp();
      setup.push(this.f.createAssignment(a, array), this.f.createAssignment(i, index));
      array = a;
      index = i;
    }
    return { array, index, setup, length: this.f.createPropertyAccessExpression(array, "length") };
  }

  private elementRead(node: ts.ElementAccessExpression, kind: Num | null): Value {
    const { array, index, setup, length } = this.elementOperands(node);
    const read = this.f.createElementAccessExpression(array, this.helper("__stmc_check", [index, length], node));
    return { e: this.sequence(setup, read, node), kind, exact: true };
  }

  /** A place that is read, then written: `x`, `o.f` or `a[i]`, its operands evaluated once. */
  private place(target: ts.Expression): Place | null {
    const f = this.f;
    while (ts.isParenthesizedExpression(target)) target = target.expression;
    if (ts.isIdentifier(target)) return { setup: [], get: () => target, set: (v) => f.createAssignment(target, v) };
    if (ts.isPropertyAccessExpression(target)) {
      let object = this.receiver(target.expression);
      const setup: ts.Expression[] = [];
      if (!isConstant(target.expression) || object !== target.expression) {
        const t = this.temp();
        setup.push(f.createAssignment(t, object));
        object = t;
      }
      const access = () => f.createPropertyAccessExpression(object, target.name);
      return { setup, get: access, set: (v) => f.createAssignment(access(), v) };
    }
    if (ts.isElementAccessExpression(target)) {
      const { array, index, setup, length } = this.elementOperands(target, true);
      return {
        setup,
        get: () => f.createElementAccessExpression(array, this.helper("__stmc_check", [index, length], target)),
        set: (v) => f.createAssignment(f.createElementAccessExpression(array, index), this.helper("__stmc_checkStore", [v, index, length], target)),
      };
    }
    return null;
  }

  private assign(node: ts.BinaryExpression): ts.Expression {
    const target = skipParens(node.left);
    if (ts.isElementAccessExpression(target)) {
      const { array, index, setup, length } = this.elementOperands(target, true);
      const value = this.helper("__stmc_checkStore", [this.exact(node.right), index, length], node);
      return this.sequence(setup, this.f.createAssignment(this.f.createElementAccessExpression(array, index), value), node);
    }
    if (ts.isPropertyAccessExpression(target) && target.name.text === "length" && this.valueType(target.expression)?.kind === "array") {
      // stmc's arrays shrink only (JavaScript would grow the array with holes).
      return this.helper("__stmc_setLength", [this.receiver(target.expression), this.exact(node.right)], node);
    }
    if (ts.isPropertyAccessExpression(target)) {
      const left = this.f.updatePropertyAccessExpression(target, this.receiver(target.expression), target.name);
      return this.f.updateBinaryExpression(node, left, node.operatorToken, this.exact(node.right));
    }
    return this.f.updateBinaryExpression(node, ts.visitNode(node.left, this.visit, ts.isExpression), node.operatorToken, this.exact(node.right));
  }

  /** `x op= v`: the checker made the result the place's type. */
  private compound(node: ts.BinaryExpression, op: ArithOp, kind: Num | null): Value {
    if (op === "add" && this.types.get(node.left)?.place?.kind === "string") {
      // s += x on a string place: its operands once, as for numbers.
      const place = this.place(node.left);
      if (place !== null) {
        const sum = this.f.createBinaryExpression(place.get(), ts.SyntaxKind.PlusToken, this.exact(node.right));
        return { e: this.sequence(place.setup, place.set(sum), node), kind, exact: true };
      }
    }
    const placeKind = numKind(this.types.get(node.left)?.place);
    const rk = this.kindOf(node.right);
    const place = placeKind !== null && rk !== null && !(placeKind === "f64" && ts.isIdentifier(skipParens(node.left))) ? this.place(node.left) : null;
    if (place === null || placeKind === null || rk === null) return { e: ts.visitEachChild(node, this.visit, this.context), kind, exact: true };
    const j = join(placeKind, rk);
    const current: Value = { e: place.get(), kind: placeKind, exact: true };
    const result = this.arith.apply(op, j, current, this.operand(node.right, rk, j), node);
    return { e: this.sequence(place.setup, place.set(this.arith.canon(result)), node), kind: placeKind, exact: true };
  }

  /** `++x`, `x--`, ...: a postfix form whose value is used yields the old value. */
  private increment(node: ts.Expression, operand: ts.Expression, op: ts.SyntaxKind, postfix: boolean): Value {
    const kind = numKind(this.types.get(operand)?.place);
    const place = kind !== null && !(kind === "f64" && ts.isIdentifier(skipParens(operand))) ? this.place(operand) : null;
    if (place === null || kind === null) return { e: ts.visitEachChild(node, this.visit, this.context), kind, exact: true };
    const f = this.f;
    const arithOp = op === ts.SyntaxKind.PlusPlusToken ? "add" : "sub";
    const one: Value = { e: kind === "i64" ? f.createBigIntLiteral("1n") : f.createNumericLiteral(1), kind, exact: true };
    const next = (from: ts.Expression) => this.arith.canon(this.arith.apply(arithOp, kind, { e: from, kind, exact: true }, one, node));
    if (!postfix || isValueUnused(node)) return { e: this.sequence(place.setup, place.set(next(place.get())), node), kind, exact: true };
    const old = this.temp();
    return { e: this.sequence([...place.setup, f.createAssignment(old, place.get()), place.set(next(old))], old, node), kind, exact: true };
  }

  // ---- declarations and statements ---------------------------------------------------------

  /** The value compiled memory starts with, for a declaration of type `t` without an initialiser. */
  private zero(t: Type | undefined): ts.Expression | undefined {
    switch (t?.kind) {
      case "i32":
      case "f64":
        return this.f.createNumericLiteral(0);
      case "i64":
        return this.f.createBigIntLiteral("0n");
      case "bool":
        return this.f.createFalse();
      case "class":
      case "array":
        return this.f.createNull();
    }
    return undefined;
  }

  private annotated(typeNode: ts.TypeNode | undefined): Type | undefined {
    return typeNode === undefined ? undefined : this.types.get(typeNode)?.annotation;
  }

  private variableDeclaration(node: ts.VariableDeclaration): ts.Node {
    const list = node.parent;
    const isLoopVariable = ts.isVariableDeclarationList(list) && list.parent !== undefined && (ts.isForOfStatement(list.parent) || ts.isForInStatement(list.parent));
    let init = node.initializer === undefined ? (isLoopVariable ? undefined : this.zero(this.annotated(node.type))) : this.exact(node.initializer);
    // `const [a, b] = xs` of an array: every element the pattern reads must exist, as in the compiled program.
    if (init !== undefined && node.initializer !== undefined && ts.isArrayBindingPattern(node.name) && this.valueType(node.initializer)?.kind === "array") {
      const used = node.name.elements.flatMap((e, i) => (ts.isOmittedExpression(e) ? [] : [this.f.createNumericLiteral(i)]));
      init = this.helper("__stmc_destructure", [init, this.f.createArrayLiteralExpression(used)], node.initializer);
    }
    return this.f.updateVariableDeclaration(node, node.name, node.exclamationToken, node.type, init);
  }

  /**
   * A compiled object's fields are 0 (false, null) from its allocation until something assigns
   * them; a field initialiser runs right after `super(...)`, as in JavaScript. So every field's
   * zero is on the prototype (`static { this.prototype.x = 0; }`), and a field without an
   * initialiser is not declared: JavaScript would define it as undefined after `super(...)`,
   * over what a method called by the base constructor may have stored.
   */
  private classDeclaration(node: ts.ClassDeclaration): ts.Node {
    const f = this.f;
    const visited = ts.visitEachChild(node, this.visit, this.context);
    const members: ts.ClassElement[] = [];
    const zeros: ts.Statement[] = [];
    node.members.forEach((member, i) => {
      const isField = ts.isPropertyDeclaration(member) && ts.isIdentifier(member.name) && !member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
      if (!isField) return members.push(visited.members[i]);
      const init = member.initializer;
      const type = this.annotated(member.type) ?? (init === undefined ? undefined : this.types.get(init)?.converted ?? this.valueType(init));
      const zero = this.zero(type);
      const prototype = f.createPropertyAccessExpression(f.createThis(), "prototype");
      if (zero !== undefined) zeros.push(f.createExpressionStatement(f.createAssignment(f.createPropertyAccessExpression(prototype, member.name.text), zero)));
      if (init !== undefined || zero === undefined) members.push(visited.members[i]);
    });
    if (zeros.length > 0) members.push(f.createClassStaticBlockDeclaration(f.createBlock(zeros, true)));
    return f.updateClassDeclaration(visited, visited.modifiers, visited.name, visited.typeParameters, visited.heritageClauses, members);
  }

  private forOf(node: ts.ForOfStatement): ts.Node {
    const initializer = ts.visitNode(node.initializer, this.visit, ts.isForInitializer);
    const statement = ts.visitNode(node.statement, this.visit, ts.isStatement);
    return this.f.updateForOfStatement(node, node.awaitModifier, initializer, this.receiver(node.expression, node), statement);
  }
}

/** An expression whose value nothing evaluated after it can change: a literal or `this`. */
function isConstant(e: ts.Expression): boolean {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return ts.isLiteralExpression(e) || e.kind === ts.SyntaxKind.ThisKeyword;
}

/** Whether evaluating `e` twice is the same as evaluating it once (no calls, no assignments). */
function isPure(e: ts.Expression): boolean {
  if (ts.isIdentifier(e) || ts.isLiteralExpression(e)) return true;
  switch (e.kind) {
    case ts.SyntaxKind.ThisKeyword:
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
      return true;
  }
  if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isPropertyAccessExpression(e)) return isPure(e.expression);
  if (ts.isElementAccessExpression(e)) return isPure(e.expression) && isPure(e.argumentExpression);
  if (ts.isPrefixUnaryExpression(e)) {
    return e.operator !== ts.SyntaxKind.PlusPlusToken && e.operator !== ts.SyntaxKind.MinusMinusToken && isPure(e.operand);
  }
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    return !(op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment) && isPure(e.left) && isPure(e.right);
  }
  if (ts.isConditionalExpression(e)) return isPure(e.condition) && isPure(e.whenTrue) && isPure(e.whenFalse);
  return false;
}

function isAssignmentTarget(node: ts.Expression): boolean {
  let child: ts.Node = node;
  while (child.parent !== undefined && ts.isParenthesizedExpression(child.parent)) child = child.parent;
  const parent = child.parent;
  return parent !== undefined && ts.isBinaryExpression(parent) && parent.left === child && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
}

/**
 * An expression statement, or a for loop's initialiser or update. (An arrow's expression body is
 * its result: `(a) => a--` returns the old value.)
 */
function isValueUnused(node: ts.Expression): boolean {
  let child: ts.Node = node;
  while (child.parent !== undefined && ts.isParenthesizedExpression(child.parent)) child = child.parent;
  const parent = child.parent;
  if (parent === undefined) return false;
  return ts.isExpressionStatement(parent) || (ts.isForStatement(parent) && (parent.initializer === child || parent.incrementor === child));
}

function skipParens(node: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  return node;
}
