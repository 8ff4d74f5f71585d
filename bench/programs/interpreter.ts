// Interpreter: many small scripts, each tokenized, parsed and evaluated in a task of its own.
// A script is a string of assignments and a final expression over integer variables
// ("a = 3 * (x + 2); b = a % 7 - y; a * b + max(a, b)"): a tokenizer over code units, a
// recursive-descent parser building an AST of classes, and an evaluator with an environment of
// variables and a table of built-in functions (closures). Scripts are generated from random
// expression trees, which also give the value the script must produce; each task runs its script
// for several input sets and writes its results into a slot of its own. Checks: every first
// result against the generator's value, the other rounds of every 32nd script against a
// sequential run; prints a checksum. Strings, closures, classes and virtual calls on every task's path.
import { i32, i64, print, transaction } from "stmc";

// ---------------------------------------------------------------- tokens

const T_NUMBER = 0;
const T_NAME = 1;
const T_OP = 2;
const T_END = 3;

class Token {
  constructor(readonly kind: i32, readonly text: string, readonly value: i64) {}
}

function isDigit(c: i32): boolean {
  return c >= 48 && c <= 57;
}

function isNameChar(c: i32): boolean {
  return (c >= 97 && c <= 122) || c === 95;
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source.charCodeAt(i);
    if (c === 32) {
      i++;
    } else if (isDigit(c)) {
      let value: i64 = 0;
      const start = i;
      while (i < source.length && isDigit(source.charCodeAt(i))) {
        value = value * 10 + i64(source.charCodeAt(i) - 48);
        i++;
      }
      tokens.push(new Token(T_NUMBER, source.substring(start, i), value));
    } else if (isNameChar(c)) {
      const start = i;
      while (i < source.length && isNameChar(source.charCodeAt(i))) i++;
      tokens.push(new Token(T_NAME, source.substring(start, i), 0));
    } else {
      tokens.push(new Token(T_OP, source.charAt(i), 0));
      i++;
    }
  }
  tokens.push(new Token(T_END, "", 0));
  return tokens;
}

// ---------------------------------------------------------------- syntax tree

class Env {
  names: string[] = [];
  values: i64[] = [];
  get(name: string): i64 {
    const i = this.names.indexOf(name);
    if (i < 0) throw new Error("unknown variable");
    return this.values[i];
  }
  set(name: string, value: i64): void {
    const i = this.names.indexOf(name);
    if (i >= 0) this.values[i] = value;
    else {
      this.names.push(name);
      this.values.push(value);
    }
  }
}

class Node {
  eval(env: Env): i64 {
    return 0;
  }
}

class Num extends Node {
  constructor(readonly value: i64) {
    super();
  }
  eval(env: Env): i64 {
    return this.value;
  }
}

class Var extends Node {
  constructor(readonly name: string) {
    super();
  }
  eval(env: Env): i64 {
    return env.get(this.name);
  }
}

/** Integer arithmetic that cannot fail: x / 0 and x % 0 are 0, values stay in 32 bits. */
function apply(op: string, a: i64, b: i64): i64 {
  switch (op) {
    case "+":
      return (a + b) % 1000003;
    case "-":
      return (a - b) % 1000003;
    case "*":
      return (a * b) % 1000003;
    case "/":
      return b === 0 ? 0 : i64(a / b);
    case "%":
      return b === 0 ? 0 : a % b;
  }
  throw new Error("unknown operator");
}

class Binary extends Node {
  constructor(readonly op: string, readonly left: Node, readonly right: Node) {
    super();
  }
  eval(env: Env): i64 {
    return apply(this.op, this.left.eval(env), this.right.eval(env));
  }
}

/** The built-in functions, by name. */
const BUILTIN_NAMES = ["max", "min", "abs"];
const BUILTINS: ((a: i64, b: i64) => i64)[] = [(a, b) => (a > b ? a : b), (a, b) => (a < b ? a : b), (a, b) => (a < 0 ? -a : a)];

class Call extends Node {
  constructor(readonly fn: (a: i64, b: i64) => i64, readonly left: Node, readonly right: Node) {
    super();
  }
  eval(env: Env): i64 {
    return this.fn(this.left.eval(env), this.right.eval(env));
  }
}

// ---------------------------------------------------------------- parser

class Parser {
  at = 0;
  constructor(readonly tokens: Token[]) {}
  peek(): Token {
    return this.tokens[this.at];
  }
  take(): Token {
    return this.tokens[this.at++];
  }
  expect(text: string): void {
    if (this.take().text !== text) throw new Error(`expected ${text}`);
  }
  /** expression := term (("+" | "-") term)* */
  expression(): Node {
    let node = this.term();
    while (this.peek().text === "+" || this.peek().text === "-") {
      const op = this.take().text;
      node = new Binary(op, node, this.term());
    }
    return node;
  }
  /** term := factor (("*" | "/" | "%") factor)* */
  term(): Node {
    let node = this.factor();
    while (this.peek().text === "*" || this.peek().text === "/" || this.peek().text === "%") {
      const op = this.take().text;
      node = new Binary(op, node, this.factor());
    }
    return node;
  }
  /** factor := number | name | name "(" expression "," expression ")" | "(" expression ")" */
  factor(): Node {
    const t = this.take();
    if (t.kind === T_NUMBER) return new Num(t.value);
    if (t.kind === T_NAME) {
      if (this.peek().text !== "(") return new Var(t.text);
      const fn = BUILTIN_NAMES.indexOf(t.text);
      if (fn < 0) throw new Error("unknown function");
      this.expect("(");
      const a = this.expression();
      this.expect(",");
      const b = this.expression();
      this.expect(")");
      return new Call(BUILTINS[fn], a, b);
    }
    if (t.text === "(") {
      const node = this.expression();
      this.expect(")");
      return node;
    }
    throw new Error(`unexpected ${t.text}`);
  }
}

/** Runs "name = expression; ...; expression" and returns the last expression's value. */
function runScript(source: string, inputs: Env): i64 {
  const env = new Env();
  for (let i = 0; i < inputs.names.length; i++) env.set(inputs.names[i], inputs.values[i]);
  let result: i64 = 0;
  for (const statement of source.split(";")) {
    const parser = new Parser(tokenize(statement.trim()));
    const first = parser.tokens[0];
    if (first.kind === T_NAME && parser.tokens[1].text === "=") {
      parser.at = 2;
      env.set(first.text, parser.expression().eval(env));
    } else {
      result = parser.expression().eval(env);
    }
    if (parser.peek().kind !== T_END) throw new Error("trailing tokens");
  }
  return result;
}

// ---------------------------------------------------------------- generated scripts

let seed = 7;
function nextRandom(): i32 {
  seed = (seed * 1103515245 + 12345) & 2147483647;
  return seed >> 8;
}

class Generated {
  constructor(readonly text: string, readonly value: i64) {}
}

const OPS = ["+", "-", "*", "/", "%"];

/** A random expression over `env`'s variables, as text and as the value it must have. */
function generate(depth: i32, env: Env): Generated {
  const pick = nextRandom() % 10;
  if (depth === 0 || pick < 2) {
    if (pick % 2 === 0 && env.names.length > 0) {
      const name = env.names[nextRandom() % env.names.length];
      return new Generated(name, env.get(name));
    }
    const n = i64(nextRandom() % 1000);
    return new Generated(String(n), n);
  }
  const left = generate(depth - 1, env);
  const right = generate(depth - 1, env);
  if (pick === 9) {
    const fn = nextRandom() % BUILTIN_NAMES.length;
    return new Generated(`${BUILTIN_NAMES[fn]}(${left.text}, ${right.text})`, BUILTINS[fn](left.value, right.value));
  }
  const op = OPS[nextRandom() % OPS.length];
  return new Generated(`(${left.text} ${op} ${right.text})`, apply(op, left.value, right.value));
}

function makeScript(inputs: Env, statements: i32): Generated {
  const env = new Env();
  for (let i = 0; i < inputs.names.length; i++) env.set(inputs.names[i], inputs.values[i]);
  const parts: string[] = [];
  for (let s = 0; s < statements; s++) {
    const e = generate(3, env);
    const name = String.fromCharCode(97 + (s % 6)) + "v";
    parts.push(`${name} = ${e.text}`);
    env.set(name, e.value);
  }
  const last = generate(4, env);
  parts.push(last.text);
  return new Generated(parts.join("; "), last.value);
}

let results: i64[] = [];
let checksums: i64[] = [];
/** Each script runs once per input set: x = 17, 18, ... */
const ROUNDS = 8;

function inputsFor(inputs: Env, round: i32): Env {
  const env = new Env();
  for (let i = 0; i < inputs.names.length; i++) env.set(inputs.names[i], inputs.values[i] + (inputs.names[i] === "x" ? i64(round) : 0));
  return env;
}

/** All the rounds of one script: tokenize, parse and evaluate each time, as an interpreter does. */
function roundsOf(source: string, inputs: Env): i64 {
  let sum: i64 = 0;
  for (let r = 1; r < ROUNDS; r++) sum = (sum * 7 + runScript(source, inputsFor(inputs, r))) % 1000000007;
  return sum;
}

function evaluate(slot: i32, source: string, inputs: Env): void {
  results[slot] = runScript(source, inputs);
  checksums[slot] = roundsOf(source, inputs);
}

export function run(size: i32): void {
  seed = 7;
  const count = size === 0 ? 100 : size === 1 ? 3000 : 12000;
  const inputs = new Env();
  inputs.set("x", 17);
  inputs.set("y", 4);
  inputs.set("zeta", 250);
  const scripts: Generated[] = [];
  for (let i = 0; i < count; i++) scripts.push(makeScript(inputs, 3 + (i % 4)));
  results = new Array<i64>(count).fill(0);
  checksums = new Array<i64>(count).fill(0);
  scripts.forEach((script, i) => transaction.add(evaluate, i, script.text, inputs));
  transaction.run();
  let checksum: i64 = 0;
  let characters = 0;
  for (let i = 0; i < count; i++) {
    if (results[i] !== scripts[i].value) throw new Error(`script ${i} computed ${results[i]}, expected ${scripts[i].value}`);
    // The other rounds: every 32nd script again, sequentially.
    if (i % 32 === 0 && roundsOf(scripts[i].text, inputs) !== checksums[i]) throw new Error(`script ${i}'s rounds differ from a sequential run`);
    checksum = (checksum * 31 + results[i] + checksums[i]) % 1000000007;
    characters += scripts[i].text.length;
  }
  print("scripts", count, "characters", characters, "checksum", checksum);
}

export function main(): void {
  run(0);
}
