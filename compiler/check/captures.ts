// Which variables closures capture, and how. A function value copies the variables it uses from
// enclosing functions into its own object when they never change after their declaration; a
// variable that is also assigned lives in a heap cell, shared by the function that declares it and
// every closure that captures it (TypeScript's capture by reference).
//
// A `for (let i ...)` variable assigned only by the loop's update is copied: JavaScript gives
// each iteration its own `i`, which is exactly the value a closure made in that iteration sees.
import ts from "../typescript.cjs";
import type { CheckContext } from "./context.js";

export interface CaptureFacts {
  /** Declarations (variables, parameters, nested functions) that live in a heap cell. */
  readonly boxed: ReadonlySet<ts.Node>;
  /** `for (let ...)` variables a closure captures that the loop body assigns: refused. */
  readonly assignedLoopVariables: ReadonlyMap<ts.Node, ts.Node>;
}

/** Whether `node` is the arrow of `transaction.atomic(() => ...)`: inline code, not a closure. */
export function isAtomicArrow(ctx: CheckContext, node: ts.Node): boolean {
  const call = node.parent;
  if (!ts.isArrowFunction(node) || call === undefined || !ts.isCallExpression(call) || call.arguments[0] !== node) return false;
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) && callee.name.text === "atomic" && ts.isIdentifier(callee.expression) && ctx.builtinName(callee.expression)?.name === "transaction";
}

/** The function whose frame holds `node`'s variables: the nearest function-like that is not an atomic arrow. */
export function frameOf(ctx: CheckContext, node: ts.Node): ts.Node | null {
  for (let n: ts.Node | undefined = node.parent; n !== undefined; n = n.parent) {
    if (ts.isFunctionLike(n) && !isAtomicArrow(ctx, n)) return n;
  }
  return null;
}

/** A variable that lives in a function's frame (not the module's): a local, a parameter or a nested function. */
export function isFrameVariable(ctx: CheckContext, decl: ts.Node): boolean {
  return (ts.isVariableDeclaration(decl) || ts.isParameter(decl) || ts.isFunctionDeclaration(decl)) && frameOf(ctx, decl) !== null;
}

/** The `for` statement whose initializer declares `decl`, if any. */
function declaringFor(decl: ts.Node): ts.ForStatement | null {
  const list = decl.parent;
  return ts.isVariableDeclaration(decl) && ts.isVariableDeclarationList(list) && ts.isForStatement(list.parent) && list.parent.initializer === list ? list.parent : null;
}

function isWithin(node: ts.Node, ancestor: ts.Node | undefined): boolean {
  if (ancestor === undefined) return false;
  for (let n: ts.Node | undefined = node; n !== undefined; n = n.parent) if (n === ancestor) return true;
  return false;
}

/** The assignment target of `n` if it assigns (=, op=, ++, --). */
function assignedTarget(n: ts.Node): ts.Expression | null {
  if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return n.left;
  if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) return n.operand;
  return null;
}

/** Analyses one top-level function, method or constructor (with everything nested in it). */
export function analyzeCaptures(ctx: CheckContext, root: ts.Node): CaptureFacts {
  const captured = new Set<ts.Node>();
  const assigned = new Set<ts.Node>();
  const assignedInLoopBody = new Map<ts.Node, ts.Node>();
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && !isDeclarationName(n)) {
      const decl = ctx.declarationOf(n);
      if (decl !== undefined && isFrameVariable(ctx, decl) && frameOf(ctx, n) !== frameOf(ctx, decl)) captured.add(decl);
    }
    const target = assignedTarget(n);
    if (target !== null && ts.isIdentifier(target)) {
      const decl = ctx.declarationOf(target);
      if (decl !== undefined && isFrameVariable(ctx, decl)) {
        const loop = declaringFor(decl);
        // The loop's own update (and its condition) act on the next iteration's copy.
        if (loop === null || !(isWithin(n, loop.incrementor) || isWithin(n, loop.condition))) {
          if (loop !== null) assignedInLoopBody.set(decl, n);
          else assigned.add(decl);
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(root);
  const boxed = new Set<ts.Node>();
  const assignedLoopVariables = new Map<ts.Node, ts.Node>();
  for (const decl of captured) {
    if (ts.isFunctionDeclaration(decl) || assigned.has(decl)) boxed.add(decl);
    const at = assignedInLoopBody.get(decl);
    if (at !== undefined) assignedLoopVariables.set(decl, at);
  }
  return { boxed, assignedLoopVariables };
}

function isDeclarationName(n: ts.Identifier): boolean {
  const p = n.parent;
  return (ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isFunctionDeclaration(p)) && p.name === n;
}

/**
 * The declarations of the locals that the arrows of transaction.atomic(...) calls in `root`
 * assign (TypeScript's narrowing of them outside the arrow is not trusted: the arrow runs inline).
 */
export function collectAssignedInAtomic(ctx: CheckContext, root: ts.Node, out: Set<ts.Node>): void {
  const assignedIn = (arrow: ts.Node): void => {
    const visit = (n: ts.Node): void => {
      const target = assignedTarget(n);
      if (target !== null && ts.isIdentifier(target)) {
        const decl = ctx.declarationOf(target);
        if (decl !== undefined) out.add(decl);
      }
      ts.forEachChild(n, visit);
    };
    visit(arrow);
  };
  const find = (n: ts.Node): void => {
    if (isAtomicArrow(ctx, n)) assignedIn(n);
    else ts.forEachChild(n, find);
  };
  find(root);
}
