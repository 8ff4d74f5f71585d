// A TypeScript transformer for the reference runner: makes plain JavaScript check what the
// compiled code checks, by rewriting
//   a[i]          ->  a[__stmc_check(i, a.length)]
//   a[i] = v      ->  a[i] = __stmc_checkStore(v, i, a.length)
//   a[i] op= v    ->  a[__stmc_check(i, a.length)] op= v        (also ++ and --)
//   x!            ->  (x ?? __stmc_null())
//   r.pop()       ->  __stmc_pop(r)
// An array or index expression with side effects is first evaluated into a temporary, so every
// operand is evaluated once and in source order. The checks are in checks.ts.
import ts from "typescript";

/** The transformer; `used` collects the names of the checks the rewritten file calls. */
export function insertChecks(used: Set<string>): ts.TransformerFactory<ts.SourceFile> {
  return (context) => {
    const f = context.factory;
    const check = (name: string, args: ts.Expression[], original?: ts.Node) => {
      used.add(name);
      const call = f.createCallExpression(f.createIdentifier(name), undefined, args);
      return original === undefined ? call : ts.setTextRange(call, original); // stack traces point at `original`
    };
    const visitExpression = (node: ts.Expression) => ts.visitNode(node, visit, ts.isExpression);

    /**
     * Visits the array and the index of `access`. Returns them in a form that may be evaluated
     * again without effect, and the assignments to temporaries that must run first.
     */
    const operands = (access: ts.ElementAccessExpression) => {
      let array = visitExpression(access.expression);
      let index = visitExpression(access.argumentExpression);
      const setup: ts.Expression[] = [];
      if (!isPure(access.expression) || !isPure(access.argumentExpression)) {
        const a = f.createTempVariable(context.hoistVariableDeclaration);
        const i = f.createTempVariable(context.hoistVariableDeclaration);
        setup.push(f.createAssignment(a, array), f.createAssignment(i, index));
        array = a;
        index = i;
      }
      return { array, index, setup, length: f.createPropertyAccessExpression(array, "length") };
    };
    const sequence = (setup: ts.Expression[], last: ts.Expression, original: ts.Node) =>
      setup.length === 0 ? last : ts.setTextRange(f.createParenthesizedExpression(f.createCommaListExpression([...setup, last])), original);

    const visit = (node: ts.Node): ts.Node => {
      if (ts.isBinaryExpression(node) && ts.isElementAccessExpression(skipParens(node.left))) {
        const op = node.operatorToken.kind;
        const target = skipParens(node.left) as ts.ElementAccessExpression;
        if (op === ts.SyntaxKind.EqualsToken) {
          const { array, index, setup, length } = operands(target);
          const value = check("__stmc_checkStore", [visitExpression(node.right), index, length], node);
          return sequence(setup, f.createAssignment(f.createElementAccessExpression(array, index), value), node);
        }
        if (op >= ts.SyntaxKind.FirstCompoundAssignment && op <= ts.SyntaxKind.LastCompoundAssignment) {
          const { array, index, setup, length } = operands(target);
          const access = f.createElementAccessExpression(array, check("__stmc_check", [index, length], target));
          return sequence(setup, f.createBinaryExpression(access, node.operatorToken, visitExpression(node.right)), node);
        }
      }
      if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && ts.isElementAccessExpression(skipParens(node.operand))) {
        const operator = node.operator;
        if (operator === ts.SyntaxKind.PlusPlusToken || operator === ts.SyntaxKind.MinusMinusToken) {
          const target = skipParens(node.operand) as ts.ElementAccessExpression;
          const { array, index, setup, length } = operands(target);
          const access = f.createElementAccessExpression(array, check("__stmc_check", [index, length], target));
          const update = ts.isPrefixUnaryExpression(node)
            ? f.createPrefixUnaryExpression(operator, access)
            : f.createPostfixUnaryExpression(access, operator);
          return sequence(setup, update, node);
        }
      }
      if (ts.isElementAccessExpression(node)) {
        const { array, index, setup, length } = operands(node);
        return sequence(setup, f.createElementAccessExpression(array, check("__stmc_check", [index, length], node)), node);
      }
      if (ts.isNonNullExpression(node) && !isAssignmentTarget(node)) {
        const test = f.createBinaryExpression(visitExpression(node.expression), ts.SyntaxKind.QuestionQuestionToken, check("__stmc_null", [], node));
        return ts.setTextRange(f.createParenthesizedExpression(test), node);
      }
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === "pop" && node.arguments.length === 0) {
        return check("__stmc_pop", [visitExpression(node.expression.expression)], node);
      }
      return ts.visitEachChild(node, visit, context);
    };

    return (file) => f.updateSourceFile(file, ts.visitLexicalEnvironment(file.statements, visit, context));
  };
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

function skipParens(node: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  return node;
}
