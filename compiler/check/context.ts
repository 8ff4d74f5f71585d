import ts from "../typescript.cjs";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticForNode, displayPath } from "../diagnostics/diagnostic.js";
import { checkProgramCall } from "../runtime/contract.js";
import type { ParsedProgram } from "../parse/program.js";
import type { ClassDecl, Expr, Field, FunctionDecl, GlobalVar, Label, Local, Loc, Stmt } from "./ir.js";
import type { ClassType, Type } from "./types.js";
import type { CaptureFacts } from "./captures.js";
import type { ClosureFrame } from "./closures.js";
import type { ClassInstance, GenericMethod, TypeArguments } from "./generics.js";
import type { PendingBody } from "./declarations.js";

/**
 * The names Binaryen's reader gives imports it finds unnamed in a binary (`fimport$0`, `mimport$0`,
 * ...): the prebuilt runtime's host imports have them (compiler/runtime/prebuilt.ts), so no
 * function of a program may.
 */
const BINARY_READER_NAMES = /^[a-z]import\$\d+$/;

/** State shared by the whole check phase. */
export class CheckContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly checker: ts.TypeChecker;
  readonly classes = new Map<ts.ClassDeclaration, ClassDecl>();
  readonly classList: ClassDecl[] = [];
  /** Each interface's class (compiler/check/interfaces.ts). */
  readonly interfaces = new Map<ts.InterfaceDeclaration, ClassDecl>();
  readonly functions = new Map<ts.Node, FunctionDecl>();
  readonly functionList: FunctionDecl[] = [];
  readonly globals = new Map<ts.Node, GlobalVar>();
  readonly globalList: GlobalVar[] = [];
  /** Declarations already reported as wrong: their uses stay silent instead of cascading. */
  readonly failedDeclarations = new Set<ts.Node>();
  /** Functions and methods whose result type annotation was refused (they are checked as void). */
  readonly unknownResults = new Set<ts.Node>();
  /** Field initialisers, checked later inside their class's constructor. */
  readonly fieldInitializers = new Map<Field, ts.Expression>();
  /** The task record class generated for each function passed to transaction.add. */
  readonly taskRecords = new Map<FunctionDecl | ClassDecl, ClassDecl>();
  /** Function types, cells and function values made so far (compiler/check/closures.ts), by key. */
  readonly signatures = new Map<string, ClassDecl>();
  readonly cells = new Map<string, ClassDecl>();
  /** Tuple classes, by their type's text (compiler/check/tuples.ts). */
  readonly tuples = new Map<string, ClassDecl>();
  /** The boxes of optional number and boolean parameters, by value type (compiler/check/optionals.ts). */
  readonly optionalBoxes = new Map<string, ClassDecl>();
  readonly functionValues = new Map<FunctionDecl, Map<ClassDecl, ClassDecl>>();
  /** Adapters of function values to function types with more parameters, by the two types. */
  readonly adapters = new Map<string, ClassDecl>();
  /** The program's string literals, laid out in static data by the lowering. */
  readonly stringLiterals = new Set<string>();
  /** The parameter declarations of functions with default or optional parameters (calls may omit those). */
  readonly parameterDeclarations = new Map<FunctionDecl, readonly ts.ParameterDeclaration[]>();
  /** Functions, methods and constructors whose last parameter is a rest parameter (`...xs: T[]`). */
  readonly restFunctions = new Set<FunctionDecl>();
  /** Per such function and number of arguments given: the function that supplies the rest. */
  readonly defaultsWrappers = new Map<FunctionDecl, Map<number, FunctionDecl>>();
  /** Constructor parameters that are also fields (`constructor(public x: i32)`), per class. */
  readonly parameterProperties = new Map<ClassDecl, { field: Field; parameter: ts.ParameterDeclaration }[]>();
  /** Static fields: module-level variables named after their class (declared with the globals). */
  readonly staticFields = new Map<ClassDecl, Map<string, GlobalVar>>();
  /** Optional chains being checked: their `?.` link, and the non-null value standing for its object. */
  readonly resolvedChains = new Set<ts.Node>();
  readonly substitutions = new Map<ts.Node, Expr>();
  /** What the type parameters of the generic declaration being declared or checked stand for (generics.ts); null outside one. */
  typeArguments: TypeArguments | null = null;
  /** Instances of generic classes and functions, by declaration and key of their type arguments (generics.ts). */
  readonly classInstances = new Map<ts.ClassDeclaration, Map<string, ClassInstance>>();
  readonly functionInstances = new Map<ts.FunctionDeclaration, Map<string, FunctionDecl>>();
  /** Generic methods, by the class that declares them and name (generics.ts). */
  readonly genericMethods = new Map<ClassDecl, Map<string, GenericMethod>>();
  /** The generic declaration and type arguments of each instance of a generic class. */
  readonly instanceOf = new Map<ClassDecl, ClassInstance>();
  /** Classes whose members are declared (declarations.ts declareClassMembers). */
  readonly membersDeclared = new Set<ClassDecl>();
  /** Bodies declared but not yet checked; instances made while checking add theirs (checkProgram drains it). */
  readonly pending: PendingBody[] = [];
  /** Type aliases being resolved (a cycle is an error). */
  readonly resolvingAliases = new Set<ts.TypeAliasDeclaration>();
  /** The functions the checker writes (array and string methods: arrayMethods.ts, strings.ts), by key. */
  readonly helpers = new Map<string, FunctionDecl>();
  /** The function type of each nested function declaration (declared at its block's start). */
  readonly nestedFunctions = new Map<ts.FunctionDeclaration, ClassType>();
  /** Capture facts per top-level function, method or constructor (compiler/check/captures.ts). */
  readonly captureFacts = new Map<ts.Node, CaptureFacts>();
  private readonly usedNames = new Set<string>();
  private nextLabelId = 0;
  private readonly runtimeFileSet: Set<ts.SourceFile>;
  private readonly libraryFileSet: Set<ts.SourceFile>;

  constructor(readonly parsed: ParsedProgram) {
    this.checker = parsed.checker;
    this.runtimeFileSet = new Set(parsed.runtimeFiles);
    this.libraryFileSet = new Set(parsed.libraryFiles);
  }

  error(node: ts.Node, message: string): void {
    this.diagnostics.push(diagnosticForNode(node, message));
  }

  loc(node: ts.Node): Loc {
    const file = node.getSourceFile();
    const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
    return [displayPath(file.fileName), line + 1, character + 1];
  }

  isRuntimeFile(file: ts.SourceFile): boolean {
    return this.runtimeFileSet.has(file);
  }

  /** One of TypeScript's lib files (JavaScript's standard library). */
  isTypeScriptLib(file: ts.SourceFile): boolean {
    return file.hasNoDefaultLib || file.fileName.includes("/typescript/lib/");
  }

  /** A class declared in the library (an instance of one of its generic classes). */
  isLibraryClass(cls: ClassDecl): boolean {
    const instance = this.instanceOf.get(cls);
    return instance !== undefined && this.isLibraryFile(instance.decl.getSourceFile());
  }

  /** A file of the library compiled with the program (runtime/lib): transactional code that may use the low-level dialect. */
  isLibraryFile(file: ts.SourceFile): boolean {
    return this.libraryFileSet.has(file);
  }

  /** Runs `f` (which checks an expression containing `node`) with `value`, already checked, standing for `node`. */
  substituted<T>(node: ts.Node, value: Expr, f: () => T): T {
    this.substitutions.set(node, value);
    try {
      return f();
    } finally {
      this.substitutions.delete(node);
    }
  }

  /** A top-level function of runtime/core, which the compiler calls on the program's behalf. */
  runtimeFunction(name: string): FunctionDecl {
    checkProgramCall(name);
    const fn = this.functionList.find((f) => f.runtime && f.kind === "function" && f.name === name);
    if (fn === undefined) throw new Error(`the runtime has no function '${name}'`);
    return fn;
  }

  /** The declaration of a runtime class (runtime/core), for a program class that extends it. */
  runtimeClassNode(name: string): ts.ClassDeclaration | null {
    for (const file of this.parsed.runtimeFiles) {
      for (const s of file.statements) if (ts.isClassDeclaration(s) && s.name?.text === name) return s;
    }
    return null;
  }

  runtimeClass(name: string): ClassDecl {
    const cls = this.classList.find((c) => c.runtime && c.name === name);
    if (cls === undefined) throw new Error(`the runtime has no class '${name}'`);
    return cls;
  }

  /** A wasm-level name no other function has. */
  uniqueName(base: string): string {
    let name = base;
    for (let i = 2; this.usedNames.has(name) || BINARY_READER_NAMES.test(name); i++) name = `${base}$${i}`;
    this.usedNames.add(name);
    return name;
  }

  newLabel(): Label {
    return { id: this.nextLabelId++ };
  }

  /** The declaration a name refers to, looking through imports. */
  declarationOf(node: ts.Node): ts.Declaration | undefined {
    let symbol = this.checker.getSymbolAtLocation(node);
    if (symbol === undefined) return undefined;
    if (symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    return symbol.valueDeclaration ?? symbol.declarations?.[0];
  }

  /**
   * Whether `node` names an import that did not resolve, or resolved to a module the program
   * refused to import (an absolute path TypeScript found): the import itself is reported.
   */
  isUnresolvedImport(node: ts.Node): boolean {
    const symbol = this.checker.getSymbolAtLocation(node);
    if (symbol === undefined || (symbol.flags & ts.SymbolFlags.Alias) === 0) return false;
    const declarations = this.checker.getAliasedSymbol(symbol).declarations ?? [];
    if (declarations.length === 0) return true;
    const file = declarations[0].getSourceFile();
    this.programFiles ??= new Set([...this.parsed.userFiles, ...this.parsed.runtimeFiles, ...this.parsed.libraryFiles]);
    return !this.programFiles.has(file) && file !== this.parsed.stdlibFile && file !== this.parsed.lowFile && !file.hasNoDefaultLib;
  }

  private programFiles: Set<ts.SourceFile> | undefined;

  /** Same as declarationOf, for type positions (a name can be a type and a value). */
  typeDeclarationOf(node: ts.Node): ts.Declaration | undefined {
    let symbol = this.checker.getSymbolAtLocation(node);
    if (symbol === undefined) return undefined;
    if (symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    const declarations = symbol.declarations ?? [];
    return declarations.find((d) => ts.isTypeAliasDeclaration(d) || ts.isClassDeclaration(d) || ts.isInterfaceDeclaration(d) || ts.isEnumDeclaration(d)) ?? declarations[0];
  }

  /** If `node` names something of the standard module or the low-level dialect, its name. */
  builtinName(node: ts.Node, forType = false): { module: "stmc" | "low" | "lib"; name: string } | null {
    const decl = forType ? this.typeDeclarationOf(node) : this.declarationOf(node);
    if (decl === undefined) return null;
    const file = decl.getSourceFile();
    const name = (decl as ts.NamedDeclaration).name;
    if (name === undefined || !ts.isIdentifier(name)) return null;
    if (file === this.parsed.stdlibFile) return { module: "stmc", name: name.text };
    if (file === this.parsed.lowFile) return { module: "low", name: name.text };
    if (this.isTypeScriptLib(file)) return { module: "lib", name: name.text };
    return null;
  }
}

export interface LabelTarget {
  readonly name: string | null;
  readonly breakLabel: Label;
  /** Set for loops. */
  readonly continueLabel: Label | null;
  /** An unlabelled `break` leaves the innermost loop or switch. */
  readonly isSwitch?: boolean;
}

/** State of the function (or module initialiser) being checked. */
export class FunctionScope {
  readonly locals: Local[] = [];
  private readonly byDeclaration = new Map<ts.Node, Local>();
  readonly labels: LabelTarget[] = [];
  /** Inside the arrow of `transaction.atomic`: `return` leaves the arrow. */
  atomicExit: Label | null = null;
  /** The function's result annotation was refused: its returns are not checked against it. */
  resultUnknown = false;
  /** A function value without a result annotation: its first `return` fixes `returnType`. */
  inferResult = false;
  /** For a function value's body: how it reaches the variables of the functions around it. */
  closure: ClosureFrame | null = null;
  /** Variables that live in a heap cell: the local holds the cell, this is the cell's field. */
  readonly cells = new Map<ts.Node, Field>();
  /**
   * The `finally` blocks around the code being checked, innermost last: a return, break or
   * continue that leaves one runs a copy of it first. `labelDepth` is `labels.length` where it
   * began, `atomicExit` the atomic block it is in.
   */
  finallies: { block: ts.Block; labelDepth: number; atomicExit: Label | null }[] = [];
  /** Statements the function runs first (parameters moved into cells). */
  readonly prologue: Stmt[] = [];
  /**
   * Locals assigned inside a transaction.atomic arrow. TypeScript treats the arrow as code that
   * may run later, so its narrowing of these locals outside the arrow is not trusted.
   */
  readonly assignedInAtomic = new Set<ts.Node>();
  private nextLocalId = 0;

  constructor(
    readonly fn: FunctionDecl | null,
    public returnType: Type,
    readonly thisClass: ClassDecl | null,
    readonly isRuntime: boolean,
  ) {
    if (fn !== null) {
      for (const param of fn.params) this.locals.push(param);
      this.nextLocalId = fn.params.length;
    }
  }

  bindParameter(declaration: ts.Node, local: Local): void {
    this.byDeclaration.set(declaration, local);
  }

  declare(declaration: ts.Node, name: string, type: Type): Local {
    const local = this.temp(type, name);
    this.byDeclaration.set(declaration, local);
    return local;
  }

  temp(type: Type, name = "tmp"): Local {
    const local: Local = { name, type, id: this.nextLocalId++ };
    this.locals.push(local);
    return local;
  }

  lookup(declaration: ts.Node): Local | undefined {
    return this.byDeclaration.get(declaration);
  }

  get thisLocal(): Local | null {
    return this.thisClass !== null && this.fn !== null ? this.fn.params[0] : null;
  }
}
