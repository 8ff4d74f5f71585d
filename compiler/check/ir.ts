// The checked program: what `check` hands to `lower`. Plain data: every expression knows its
// stmc type and source location, every name is resolved to its declaration, every class has
// its layout. Nothing here refers to TypeScript's syntax trees.
import type { SourceLocation } from "../../runtime/abi.js";
import type { Type, ClassType, ArrayType } from "./types.js";

export type Loc = SourceLocation;

export interface CheckedProgram {
  /** False when the runtime's function bodies were not checked (they are empty): see CheckOptions. */
  runtimeBodies: boolean;
  classes: ClassDecl[];
  functions: FunctionDecl[];
  globals: GlobalVar[];
  /** The runtime's module-level initialisers (constants only: they run before the heap exists). */
  runtimeInit: Stmt[];
  /** The user's module-level initialisers, files in import order. */
  userInit: Stmt[];
  /** Locals used by `userInit`. */
  initLocals: Local[];
  entry: FunctionDecl;
  /** Runtime functions and classes the lowering calls by name (from runtime/core). */
  runtime: RuntimeSymbols;
  /** The program's string literals (laid out in static data). */
  strings: string[];
  /** Classes with one object in static data (top-level functions as values: closures.ts). */
  staticObjects: ClassDecl[];
}

export interface RuntimeSymbols {
  functions: Map<string, FunctionDecl>;
  classes: Map<string, ClassDecl>;
}

export interface Local {
  readonly name: string;
  readonly type: Type;
  readonly id: number;
}

export interface GlobalVar {
  readonly name: string;
  readonly type: Type;
  readonly loc: Loc;
  /** True for the runtime's own state. */
  readonly runtime: boolean;
  /** For a `const` initialised with a literal: its value, used in place of every read. */
  readonly constant?: ConstExpr;
  /**
   * Runtime state private to each thread (`let x: T = thread_local(v)` in runtime/core): a wasm
   * global, one per instance, starting at this value.
   */
  readonly threadLocal?: ConstExpr;
  /**
   * Shared runtime state written often by some threads and polled by others
   * (`let x: T = own_cache_line(v)`): laid out alone on a 64-byte cache line, so that writes to
   * it do not invalidate the lines of unrelated variables.
   */
  readonly ownCacheLine?: boolean;
}

export interface Field {
  readonly name: string;
  readonly type: Type;
  /** Byte offset from the object's start; includes the header. */
  offset: number;
  readonly readonly: boolean;
  readonly owner: ClassDecl;
}

export interface Method {
  readonly name: string;
  readonly fn: FunctionDecl;
  /** Position in the vtable of the class that introduced the method. */
  slot: number;
}

export interface ClassDecl {
  readonly name: string;
  /** Index into the class table; classes are numbered in preorder so a subtree is a range. */
  id: number;
  /** Largest id in this class's subtree (for `instanceof`). */
  lastDescendantId: number;
  readonly base: ClassDecl | null;
  readonly subclasses: ClassDecl[];
  /** Every field, inherited ones first. */
  fields: Field[];
  /** Instance size in bytes (header included). */
  size: number;
  /** Virtual methods by name, inherited ones included (the most derived override). */
  methods: Map<string, Method>;
  /** Slot -> implementation. */
  vtable: FunctionDecl[];
  staticMethods: Map<string, FunctionDecl>;
  /** Initialises fields and runs the constructor body; null for a class without either. */
  constructorFn: FunctionDecl | null;
  readonly loc: Loc;
  readonly runtime: boolean;
  /**
   * Set for a function type (compiler/check/closures.ts): the class every function value of this
   * signature derives from; its one method, `call`, is abstract.
   */
  readonly signature?: Signature;
  /** Set for the box of an optional number or boolean parameter (compiler/check/optionals.ts): the value's type. */
  optionalOf?: Type;
  /** An interface (compiler/check/interfaces.ts): no object has this class; its methods dispatch on the object's class. */
  isInterface?: boolean;
  /** The interfaces the class says it implements (for an interface: those it extends). */
  interfaces?: ClassDecl[];
  /** A tuple's class (compiler/check/tuples.ts): its element types (field i is element i). */
  tupleOf?: readonly Type[];
}

/** The parameter and result types of a function type. */
export interface Signature {
  readonly params: readonly Type[];
  readonly result: Type;
}

/** "host": a `declare function` the embedder supplies (a wasm import; no body). */
export type FunctionKind = "function" | "method" | "static" | "constructor" | "thunk" | "host";

export interface FunctionDecl {
  /** Unique across the program; used as the wasm function name. */
  readonly name: string;
  /** The name in the source (an exported function is exported under it). */
  readonly sourceName: string;
  readonly kind: FunctionKind;
  readonly params: Local[];
  readonly result: Type;
  /** The class of `this` for methods and constructors (this is params[0]). */
  readonly owner: ClassDecl | null;
  readonly loc: Loc;
  readonly exported: boolean;
  readonly runtime: boolean;
  /** A method without a body of its own (a function type's `call`): never called, never dispatched to. */
  readonly abstract?: boolean;
  /** Filled in by the checker's second pass. */
  body: Stmt[];
  locals: Local[];
}

// ---------------------------------------------------------------- expressions

export type Expr =
  | ConstExpr
  | NullExpr
  | LocalGet
  | LocalSet
  | GlobalGet
  | GlobalSet
  | FieldGet
  | FieldSet
  | IndexGet
  | IndexSet
  | ArrayLength
  | ArrayPush
  | ArrayPop
  | ArrayFill
  | NewObject
  | NewArray
  | ArrayLiteral
  | CallExpr
  | CallVirtual
  | BinaryExpr
  | UnaryExpr
  | ConvertExpr
  | LogicalExpr
  | CondExpr
  | InstanceOf
  | NonNull
  | SeqExpr
  | IntrinsicCall
  | StringLiteralExpr
  | PrintExpr;

interface ExprBase {
  readonly type: Type;
  readonly loc: Loc;
}

export interface ConstExpr extends ExprBase {
  readonly k: "const";
  /** number for i32/f64/usize(wasm32), bigint for i64/usize(wasm64 via lowering), boolean for bool. */
  readonly value: number | bigint | boolean;
}
export interface NullExpr extends ExprBase {
  readonly k: "null";
}
export interface LocalGet extends ExprBase {
  readonly k: "local.get";
  readonly local: Local;
}
/** Assignments produce their value when `tee`; otherwise they are void. */
export interface LocalSet extends ExprBase {
  readonly k: "local.set";
  readonly local: Local;
  readonly value: Expr;
  readonly tee: boolean;
}
export interface GlobalGet extends ExprBase {
  readonly k: "global.get";
  readonly global: GlobalVar;
}
export interface GlobalSet extends ExprBase {
  readonly k: "global.set";
  readonly global: GlobalVar;
  readonly value: Expr;
  readonly tee: boolean;
}
export interface FieldGet extends ExprBase {
  readonly k: "field.get";
  readonly object: Expr;
  readonly field: Field;
}
export interface FieldSet extends ExprBase {
  readonly k: "field.set";
  readonly object: Expr;
  readonly field: Field;
  readonly value: Expr;
  readonly tee: boolean;
}
export interface IndexGet extends ExprBase {
  readonly k: "index.get";
  readonly array: Expr;
  readonly index: Expr;
}
export interface IndexSet extends ExprBase {
  readonly k: "index.set";
  readonly array: Expr;
  readonly index: Expr;
  readonly value: Expr;
  readonly tee: boolean;
}
export interface ArrayLength extends ExprBase {
  readonly k: "array.length";
  readonly array: Expr;
}
export interface ArrayPush extends ExprBase {
  readonly k: "array.push";
  readonly array: Expr;
  readonly value: Expr;
}
export interface ArrayPop extends ExprBase {
  readonly k: "array.pop";
  readonly array: Expr;
}
export interface ArrayFill extends ExprBase {
  readonly k: "array.fill";
  readonly array: Expr;
  readonly value: Expr;
}
export interface NewObject extends ExprBase {
  readonly k: "new";
  readonly type: ClassType;
  readonly cls: ClassDecl;
  readonly args: Expr[];
  /** The constructor to run when not the class's own (one supplying default parameter values). */
  readonly ctor?: FunctionDecl;
}
/** `new Array<T>(length)`, every element set to `fill`. */
export interface NewArray extends ExprBase {
  readonly k: "new.array";
  readonly type: ArrayType;
  readonly length: Expr;
  readonly fill: Expr;
}
export interface ArrayLiteral extends ExprBase {
  readonly k: "array.literal";
  readonly type: ArrayType;
  readonly elements: Expr[];
}
export interface CallExpr extends ExprBase {
  readonly k: "call";
  readonly fn: FunctionDecl;
  readonly args: Expr[];
}
/** `receiver.method(args)` with dynamic dispatch through the vtable. */
export interface CallVirtual extends ExprBase {
  readonly k: "call.virtual";
  readonly receiver: Expr;
  readonly method: Method;
  readonly args: Expr[];
}

export type ArithmeticOp = "add" | "sub" | "mul" | "div" | "rem" | "and" | "or" | "xor" | "shl" | "shr" | "shr_u";
export type CompareOp = "eq" | "ne" | "lt" | "le" | "gt" | "ge";
/**
 * Both operands have the operand type `operandType` (conversions are explicit in the IR).
 * Comparisons produce bool. `div` on integers is the truncating division of `i32(a / b)`.
 */
export interface BinaryExpr extends ExprBase {
  readonly k: "binary";
  readonly op: ArithmeticOp | CompareOp;
  readonly operandType: Type;
  readonly left: Expr;
  readonly right: Expr;
}
export interface UnaryExpr extends ExprBase {
  readonly k: "unary";
  readonly op: "neg" | "not" | "bitnot";
  readonly operand: Expr;
}
/** Numeric conversion; `checked` float->int conversions fail on NaN or out of range. */
export interface ConvertExpr extends ExprBase {
  readonly k: "convert";
  readonly value: Expr;
  readonly checked: boolean;
}
export interface LogicalExpr extends ExprBase {
  readonly k: "logical";
  readonly op: "and" | "or";
  readonly left: Expr;
  readonly right: Expr;
}
export interface CondExpr extends ExprBase {
  readonly k: "cond";
  readonly cond: Expr;
  readonly then: Expr;
  readonly else: Expr;
}
export interface InstanceOf extends ExprBase {
  readonly k: "instanceof";
  readonly value: Expr;
  readonly cls: ClassDecl;
}
/** A reference known (by TypeScript's narrowing or `x!`) not to be null: checked at run time. */
export interface NonNull extends ExprBase {
  readonly k: "nonnull";
  readonly value: Expr;
}
/** Evaluates `effects` in order, then `value`. */
export interface SeqExpr extends ExprBase {
  readonly k: "seq";
  readonly effects: Expr[];
  readonly value: Expr;
}
export type IntrinsicName =
  | "math.sqrt" | "math.floor" | "math.ceil" | "math.trunc" | "math.abs" | "math.min" | "math.max"
  | "load" | "store" | "atomic.add" | "atomic.cmpxchg" | "atomic.load" | "atomic.store"
  | "memory.size" | "memory.grow" | "memory.copy" | "memory.fill" | "heap.base" | "memory.max.pages" | "header.size" | "pointer.size"
  | "fail" | "unreachable"
  | "address.of" | "atomic.wait" | "atomic.notify" | "atomic.load.usize" | "atomic.store.usize" | "f64.from.bits" | "f64.to.bits"
  | "stm.abort" | "task.attempt" | "stm.algorithm"
  | "host.print" | "host.flush" | "host.spawn" | "host.clock"
  | "gc.types" | "gc.type.count" | "gc.globals" | "finalizer.attempt"
  | "load.u16" | "store.u16" | "ctz" | "string.class" | "host.format.f64" | "host.fail.message" | "host.case.map" | "host.parse.number" | "host.print.chars" | "string.length" | "string.code.at" | "math.host" | "math.sign" | "nop" | "cast" | "static.object" | "throw.error" | "location.id";
export interface IntrinsicCall extends ExprBase {
  readonly k: "intrinsic";
  readonly name: IntrinsicName;
  readonly args: Expr[];
  /** For loads and stores: the type in memory. */
  readonly memoryType?: Type;
  /** address.of: the module-level variable. host.print: which value kind. */
  readonly global?: GlobalVar;
  readonly printKind?: "i32" | "i64" | "f64" | "bool" | "str" | "end";
  /** cast: the class the value must be an instance of (or null), and the message otherwise; static.object: its class. */
  readonly cls?: ClassDecl;
  readonly message?: string;
}
/** A string literal: its block in static data. */
export interface StringLiteralExpr extends ExprBase {
  readonly k: "string.literal";
  readonly value: string;
}
export interface PrintExpr extends ExprBase {
  readonly k: "print";
  /** Numbers, booleans, strings, and string literals (as `StringLiteral`: printed by id). */
  readonly values: (Expr | StringLiteral)[];
}
export interface StringLiteral {
  readonly k: "string";
  readonly value: string;
}
// ---------------------------------------------------------------- statements

export interface Label {
  readonly id: number;
}

export type Stmt =
  | { readonly k: "expr"; readonly expr: Expr }
  | { readonly k: "block"; readonly body: Stmt[]; readonly label: Label | null }
  | { readonly k: "if"; readonly cond: Expr; readonly then: Stmt[]; readonly else: Stmt[] }
  | LoopStmt
  | { readonly k: "break"; readonly target: Label }
  | { readonly k: "continue"; readonly target: Label }
  | { readonly k: "return"; readonly value: Expr | null }
  | SwitchStmt
  | { readonly k: "throw"; readonly message: string; readonly loc: Loc }
  | { readonly k: "atomic"; readonly body: Stmt[]; readonly exit: Label; readonly loc: Loc }
  | TryStmt;

/**
 * try/catch/finally. An error thrown in `body` (a wasm exception, runtime/core/errors.ts) runs
 * `handler` with the error in its local; `finalizer` runs after both, also when one of them
 * throws (the error is thrown again after it, held in `pending`). Exits by return, break and
 * continue run the finalizer themselves (the checker puts a copy before them).
 */
export interface TryStmt {
  readonly k: "try";
  readonly body: Stmt[];
  readonly handler: { readonly local: Local; readonly body: Stmt[] } | null;
  readonly finalizer: Stmt[] | null;
  readonly pending: Local | null;
}

/** while / for / do-while. `break` targets `label`'s exit, `continue` runs `update` then tests. */
export interface LoopStmt {
  readonly k: "loop";
  readonly label: Label;
  /** null: no test (`for (;;)`). */
  readonly cond: Expr | null;
  /** false for do-while: the body runs before the first test. */
  readonly testFirst: boolean;
  readonly body: Stmt[];
  readonly update: Expr[];
}

export interface SwitchStmt {
  readonly k: "switch";
  readonly label: Label;
  readonly discriminant: Expr;
  /** Clauses in source order; `values` empty for `default`. Bodies fall through. */
  readonly clauses: { values: Expr[]; isDefault: boolean; body: Stmt[] }[];
}
