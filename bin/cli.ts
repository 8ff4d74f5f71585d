// The stmc command line (bin/stmc is the executable shim that calls main()).
//
//   stmc compile <file.ts> [-o out.wasm] [--target wasm32|wasm64] [--stm etl|gil|none] [-O0..-O3] [--emit wasm|wat|barriers|ir] [--source-map] [--bindings]
//   stmc run <file.ts|file.wasm> [--target wasm32|wasm64] [--stm etl|gil|none] [-O0..-O3] [--threads N] [--stats] [--reference] [--watch]
//   stmc init [dir]
//   stmc serve [file.ts|dir] [--port N] [--host ADDRESS]
//   stmc bench [names...] [--threads 1,2,4] [--stm etl,gil] [--target wasm32,wasm64] [--size small] [--repeat N] [--json F] [--report DIR]
//
// Exit status: see EXIT_HELP below. The compiler and the reference runner are loaded only by the
// commands that need them, so `stmc run x.wasm` and `--help` do not load TypeScript.

import { accessSync, constants, readFileSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, dirname, extname, relative, resolve, sep } from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
// The host (runtime/host) is loaded by the commands that run or inspect a module, not by `compile`.
type Host = typeof import("../runtime/host/index.js");
const loadHost = (): Promise<Host> => import("../runtime/host/index.js");
import { DEFAULT_STM, MAX_THREADS, STM_ALGORITHMS, type StmAlgorithm } from "../runtime/abi.js";
import { packageVersion } from "../runtime/packageRoot.js";
import type { CompileOptions, CompileResult } from "../compiler/index.js";
import { addBenchCommand } from "./bench.js";
import { addInitCommand } from "./init.js";
import { addServeCommand } from "./serve.js";

/** Exit statuses of the stmc command itself (`run` exits with the program's status). */
export const ExitCode = {
  ok: 0,
  /** Compile errors in the program, a runtime error of the program, an unusable .wasm, an unwritable output. */
  failure: 1,
  /** A bad command line: unknown option, bad option value, missing/wrong/unreadable input file. */
  usage: 2,
  /** A bug in stmc: the compiler threw (sysexits' EX_SOFTWARE). */
  internal: 70,
  /** Standard output or error was a pipe that got closed (128 + SIGPIPE, as a shell reports it). */
  brokenPipe: 141,
} as const;

const EXIT_HELP = `
Exit status:
  0   success (for run: the program's own exit status, i.e. main's i32 result or 0)
  1   compile errors, a runtime error in the program, or an unusable .wasm file
  2   bad command line, or an input file that cannot be read
  70  internal compiler error (set STMC_DEBUG=1 to see the compiler's stack)

Optimization: -O0, -O1, -O2 (default) or -O3; -O alone means -O2.`;

type Target = "wasm32" | "wasm64";
type OptLevel = 0 | 1 | 2 | 3;

interface CommonOptions {
  target: Target;
  optimize: OptLevel;
  stm: StmAlgorithm;
  maxMemory?: number;
}
interface CompileCommandOptions extends CommonOptions {
  output?: string;
  emit: "wasm" | "wat" | "barriers" | "ir";
  sourceMap?: boolean;
  bindings?: boolean;
}
interface RunCommandOptions extends CommonOptions {
  threads: number;
  watch?: boolean;
  reference?: boolean;
  stats?: boolean;
  forceAbort?: number;
  gcPoison?: boolean;
  seed?: number;
  gcStress?: boolean;
}

const debug = (): boolean => Boolean(process.env.STMC_DEBUG) && process.env.STMC_DEBUG !== "0";
const stderr = (text: string): void => void process.stderr.write(text);

/** Thrown by an action to end the command with a status (after printing its own message). */
class Exit {
  constructor(readonly code: number) {}
}

// ---- option parsing --------------------------------------------------------------------------

function parseOptLevel(value: string): OptLevel {
  if (!/^[0-3]$/.test(value)) throw new InvalidArgumentError("expected -O0, -O1, -O2 or -O3.");
  return Number(value) as OptLevel;
}

function parseThreads(value: string): number {
  if (!/^[0-9]+$/.test(value) || Number(value) < 1 || Number(value) > MAX_THREADS) {
    throw new InvalidArgumentError(`expected a whole number from 1 to ${MAX_THREADS}.`);
  }
  return Number(value);
}

/** `-O` alone means `-O2` (commander would otherwise take the next argument as the level). */
function normalizeArgs(argv: readonly string[]): string[] {
  const out: string[] = [];
  let operands = false;
  for (const arg of argv) {
    if (arg === "--") operands = true;
    out.push(!operands && arg === "-O" ? "-O2" : arg);
  }
  return out;
}

function addCommonOptions(command: Command): Command {
  return command
    .addOption(new Option("--target <target>", "target machine").choices(["wasm32", "wasm64"]).default("wasm32"))
    .addOption(new Option("--max-memory <MiB>", "heap limit in MiB (default: 1024 for wasm32, 4096 for wasm64; for a compiled .wasm, at most the limit it was compiled with)").argParser(parseMemory))
    .addOption(new Option("--stm <algorithm>", "STM algorithm: etl (encounter-time locking, the default), tl2 (commit-time locking, global clock), norec (global sequence lock, value-based validation), gil (one global lock), none (no barriers, one thread)").choices([...STM_ALGORITHMS]).default(DEFAULT_STM))
    .addOption(
      new Option("-O, --optimize <level>", "optimization level 0-3, written -O0 .. -O3 (-O alone: -O2)").argParser(parseOptLevel).default(2),
    );
}

/** Prints `stmc: <message>` plus the command's usage to stderr and ends with status 2. */
function usageError(command: Command, message: string): never {
  command.error(message, { exitCode: ExitCode.usage, code: "stmc.usage" });
  throw new Exit(ExitCode.usage); // not reached: command.error throws through exitOverride
}

function checkInput(command: Command, file: string, extensions: readonly string[]): string {
  const ext = extname(file).toLowerCase();
  if (!extensions.includes(ext) || file.toLowerCase().endsWith(".d.ts")) {
    usageError(command, `expected a ${extensions.join(" or ")} file, not '${file}'`);
  }
  try {
    if (!statSync(file).isFile()) throw new Error("not a file");
    accessSync(file, constants.R_OK);
  } catch {
    stderr(`stmc: cannot read ${file}\n`);
    throw new Exit(ExitCode.usage);
  }
  return ext;
}

// ---- the compiler ----------------------------------------------------------------------------

function internalError(error: unknown, what = "internal compiler error"): Exit {
  const message = error instanceof Error ? error.message : String(error);
  stderr(`stmc: ${what}: ${message}\n`);
  if (debug()) stderr(`${error instanceof Error && error.stack ? error.stack : String(error)}\n`);
  else stderr("stmc: rerun with STMC_DEBUG=1 to see the compiler's stack\n");
  return new Exit(ExitCode.internal);
}

/** Compiles with the compiler API; prints diagnostics (status 1) or internal errors (status 70). */
async function compile(file: string, options: CompileOptions): Promise<Extract<CompileResult, { ok: true }>> {
  let result: CompileResult;
  let compiler: typeof import("../compiler/index.js");
  try {
    // Binaryen before TypeScript: loading it passes through a peak (its 10 MB of wasm is held
    // as a string, decoded, then compiled) that no longer comes on top of TypeScript's heap,
    // about 10 MB less peak RSS for `stmc compile`.
    await import("#binaryen");
    compiler = await import("../compiler/index.js");
    result = compiler.compileFile(file, options);
  } catch (error) {
    throw internalError(error);
  }
  if (!result.ok) {
    let text: string;
    try {
      text = compiler.formatDiagnostics(result.diagnostics);
    } catch (error) {
      throw internalError(error);
    }
    stderr(text.endsWith("\n") ? text : `${text}\n`);
    throw new Exit(ExitCode.failure);
  }
  return result;
}

function writeOutput(path: string, data: string | Uint8Array): void {
  try {
    writeFileSync(path, data);
  } catch (error) {
    stderr(`stmc: cannot write ${path}: ${error instanceof Error ? error.message : String(error)}\n`);
    throw new Exit(ExitCode.failure);
  }
}

// ---- commands --------------------------------------------------------------------------------

function parseMemory(value: string): number {
  const mib = Number(value);
  if (!Number.isInteger(mib) || mib < MIN_MEMORY_MIB || mib > MAX_MEMORY_MIB) {
    throw new InvalidArgumentError(`expected a whole number of MiB from ${MIN_MEMORY_MIB} to ${MAX_MEMORY_MIB}`);
  }
  return mib;
}

/** The runtime's own tables need a few MiB; wasm32 addresses 4 GiB at most. */
const MIN_MEMORY_MIB = 8;
const MAX_MEMORY_MIB = 16384;

/** --max-memory as the compiler's page count (checked against the target here). */
function maximumPages(command: Command, opts: CommonOptions): number | undefined {
  if (opts.maxMemory === undefined) return undefined;
  if (opts.target === "wasm32" && opts.maxMemory > 4096) usageError(command, "--max-memory for wasm32 is at most 4096 MiB");
  return opts.maxMemory * 16;
}

function parseRate(value: string): number {
  const rate = Number(value);
  if (!(rate >= 0 && rate <= 1)) throw new InvalidArgumentError("expected a fraction between 0 and 1");
  return rate;
}

function parseSeed(value: string): number {
  const seed = Number(value);
  if (!Number.isInteger(seed) || seed < -2147483648 || seed > 4294967295) throw new InvalidArgumentError("expected an integer (32 bits)");
  return seed | 0;
}

async function compileCommand(file: string, opts: CompileCommandOptions, command: Command): Promise<number> {
  checkInput(command, file, [".ts"]);
  const text = opts.emit === "wat";
  const barriers = opts.emit === "barriers";
  const ir = opts.emit === "ir";
  if (opts.emit !== "wasm" && opts.sourceMap) usageError(command, `--source-map goes with --emit wasm, not --emit ${opts.emit}`);
  if (opts.emit !== "wasm" && opts.bindings) usageError(command, `--bindings goes with --emit wasm, not --emit ${opts.emit}`);
  const output = opts.output ?? file.replace(/\.ts$/i, text ? ".wat" : barriers ? ".barriers.txt" : ir ? ".ir.txt" : ".wasm");
  if (resolve(output) === resolve(file)) usageError(command, `the output would overwrite the input '${file}'`);
  if (opts.bindings && !/\.wasm$/i.test(output)) usageError(command, `--bindings writes <name>.js and <name>.d.ts beside the module: name the output <name>.wasm, not '${output}'`);

  const result = await compile(file, {
    target: opts.target,
    optimizeLevel: opts.optimize,
    stm: opts.stm,
    maximumPages: maximumPages(command, opts),
    emitText: text,
    emitBarriers: barriers,
    emitIr: ir,
    sourceMapUrl: opts.sourceMap ? `${basename(output)}.map` : undefined,
  });
  if (barriers || ir) {
    const report = barriers ? result.barriers : result.ir;
    if (report === undefined) throw internalError(new Error(`the compiler returned nothing for --emit ${opts.emit}`));
    if (opts.output === undefined) process.stdout.write(report);
    else writeOutput(output, report);
  } else if (text) {
    if (result.text === undefined) throw internalError(new Error("the compiler returned no text for --emit wat"));
    writeOutput(output, result.text);
  } else {
    writeOutput(output, result.wasm);
    if (opts.sourceMap) {
      if (result.sourceMap === undefined) throw internalError(new Error("the compiler returned no source map"));
      writeOutput(`${output}.map`, relocateSourceMap(result.sourceMap, output));
    }
    if (opts.bindings) {
      const { bindings } = await import("../compiler/link/bindings.js");
      const { readModuleMeta } = await loadHost();
      const generated = bindings(readModuleMeta(result.wasm), basename(output), file);
      const stem = output.replace(/\.wasm$/i, "");
      writeOutput(`${stem}.js`, generated.js);
      writeOutput(`${stem}.d.ts`, generated.dts);
    }
  }
  return ExitCode.ok;
}

async function runCommand(file: string, opts: RunCommandOptions, command: Command): Promise<number> {
  const ext = checkInput(command, file, [".ts", ".wasm"]);
  if (opts.reference) {
    if (ext !== ".ts") usageError(command, "--reference runs a .ts program, not a .wasm module");
    if (opts.watch) usageError(command, "--watch goes with compiled runs, not --reference");
    let reference: typeof import("../runtime/reference/run.js");
    try {
      reference = await import("../runtime/reference/run.js");
    } catch (error) {
      throw internalError(error, "cannot load the reference runner");
    }
    return (await reference.runReference(file, { threads: opts.threads, seed: opts.seed })).exitCode;
  }

  if (opts.watch) {
    if (ext !== ".ts") usageError(command, "--watch recompiles a .ts program, not a .wasm module");
    if (opts.stm === "none" && command.getOptionValueSource("threads") === "cli" && opts.threads > 1) usageError(command, "--stm none runs on one thread: use --threads 1 (or another --stm)");
    const threads = opts.stm === "none" ? 1 : opts.threads;
    const { watch } = await import("./watch.js");
    return watch(file, {
      compile: { target: opts.target, optimizeLevel: opts.optimize, stm: opts.stm, maximumPages: maximumPages(command, opts) },
      run: { threads, forcedAbortRate: opts.forceAbort, gcPoison: opts.gcPoison, gcStress: opts.gcStress, seed: opts.seed },
      threads,
      stats: opts.stats === true,
      log: stderr,
    });
  }

  const { formatStats, ModuleFormatError, readModuleMeta, runModule } = await loadHost();
  let wasm: Uint8Array;
  let stm = opts.stm;
  if (ext === ".wasm") {
    // Already compiled: --target and -O do not apply; the module remembers its target and STM.
    wasm = readFileSync(file);
    try {
      const meta = readModuleMeta(wasm);
      const compiledWith = meta.stm;
      if (opts.maxMemory !== undefined && opts.maxMemory * 16 > meta.memory.maximumPages) {
        usageError(command, `${file} was compiled with a heap limit of ${meta.memory.maximumPages / 16} MiB: --max-memory can only lower it; recompile it for more`);
      }
      if (command.getOptionValueSource("target") === "cli" && opts.target !== meta.target) {
        usageError(command, `${file} was compiled for ${meta.target}; recompile it to run it on ${opts.target}`);
      }
      if (command.getOptionValueSource("stm") === "cli" && opts.stm !== compiledWith) {
        usageError(command, `${file} was compiled with --stm ${compiledWith}; recompile it to use --stm ${opts.stm}`);
      }
      stm = compiledWith;
    } catch (error) {
      if (!(error instanceof ModuleFormatError)) throw error;
    }
  } else {
    wasm = (await compile(file, { target: opts.target, optimizeLevel: opts.optimize, stm: opts.stm, maximumPages: maximumPages(command, opts) })).wasm;
  }
  // `none` has no barriers: it runs on one thread (and defaults to it).
  let threads = opts.threads;
  if (stm === "none") {
    if (command.getOptionValueSource("threads") === "cli" && threads > 1) usageError(command, "--stm none runs on one thread: use --threads 1 (or another --stm)");
    threads = 1;
  }
  try {
    // A compiled module's limit can only be lowered at run time; a .ts program is compiled with it.
    const maxMemory = ext === ".wasm" ? opts.maxMemory : undefined;
    const result = await runModule(wasm, { threads, maxMemory, forcedAbortRate: opts.forceAbort, gcPoison: opts.gcPoison, gcStress: opts.gcStress, seed: opts.seed });
    if (opts.stats && result.stats !== undefined) stderr(formatStats(result.stats, threads));
    return result.exitCode;
  } catch (error) {
    if (error instanceof ModuleFormatError) {
      stderr(`stmc: ${file}: ${error.message}\n`);
      return ExitCode.failure;
    }
    const message = error instanceof Error ? error.message : String(error);
    stderr(`stmc: cannot run ${file}: ${message}\n`);
    if (debug() && error instanceof Error && error.stack) stderr(`${error.stack}\n`);
    return ExitCode.failure;
  }
}

/**
 * The compiler names sources relative to the working directory; tools resolve them relative to
 * the map, which sits next to the output: a sourceRoot bridges the two.
 */
function relocateSourceMap(map: string, output: string): string {
  const parsed = JSON.parse(map) as { sourceRoot?: string };
  const root = relative(dirname(resolve(output)), process.cwd()).split(sep).join("/");
  parsed.sourceRoot = root === "" ? "" : `${root}/`;
  return JSON.stringify(parsed);
}

// ---- program ---------------------------------------------------------------------------------

function buildProgram(setStatus: (code: number) => void): Command {
  const program = new Command("stmc")
    .description("Compile a typed subset of TypeScript to WebAssembly with software transactional memory, and run it.")
    .version(packageVersion(), "-V, --version")
    .exitOverride((error) => {
      throw error;
    })
    .configureOutput({
      writeOut: (text) => void process.stdout.write(text),
      writeErr: stderr,
      outputError: (text, write) => write(`stmc: ${text.replace(/^error: /, "")}`),
    })
    .showHelpAfterError("Usage: stmc [options] [command]\nTry 'stmc --help' for more information.")
    .addHelpText("after", EXIT_HELP);

  const usageHint = (command: Command) =>
    command.showHelpAfterError(`Usage: stmc ${command.name()} ${command.usage()}\nTry 'stmc ${command.name()} --help' for more information.`);

  const compileCmd = program
    .command("compile")
    .description("compile a program to a .wasm module (or .wat text)")
    .argument("<file>", "entry file of the program (.ts)")
    .option("-o, --output <file>", "output file (default: <file> with .wasm, or .wat for --emit wat; --emit barriers prints to stdout)")
    .addOption(new Option("--emit <format>", "what to write").choices(["wasm", "wat", "barriers", "ir"]).default("wasm"))
    .option("--source-map", "also write a source map, <output>.map")
    .option("--bindings", "also write <output>.js and <output>.d.ts: a typed JavaScript wrapper whose functions are the program's exports")
    .addHelpText("after", EXIT_HELP);
  addCommonOptions(compileCmd).action(async (file: string, opts: CompileCommandOptions, command: Command) => {
    setStatus(await compileCommand(file, opts, command));
  });
  usageHint(compileCmd);

  const runCmd = program
    .command("run")
    .description("run a program (.ts, compiled first in memory) or a compiled module (.wasm)")
    .argument("<file>", "entry file of the program (.ts) or a compiled module (.wasm)")
    .addOption(
      new Option("--threads <n>", "number of threads for transaction.run()")
        .argParser(parseThreads)
        .default(availableParallelism(), "the number of cores"),
    )
    .option("--reference", "run the .ts program with the JavaScript reference implementation instead")
    .option("--stats", "print the STM's statistics to stderr after the run")
    .addOption(new Option("--seed <n>", "seed of Math.random: the same seed, the same numbers (also with --reference); by default a random one").argParser(parseSeed))
    .option("--watch", "run again each time one of the program's files is saved (until Ctrl-C)")
    .addOption(new Option("--force-abort <rate>", "testing aid: abort this fraction (0..1) of commits, to exercise rollback").argParser(parseRate).hideHelp())
    .addOption(new Option("--gc-poison", "debugging aid: fill memory the collector frees with a pattern").hideHelp())
    .addOption(new Option("--gc-stress", "debugging aid: collect whenever a thread's 64 KiB allocation chunk runs out").hideHelp())
    .addHelpText("after", EXIT_HELP);
  addCommonOptions(runCmd).action(async (file: string, opts: RunCommandOptions, command: Command) => {
    setStatus(await runCommand(file, opts, command));
  });
  usageHint(runCmd);

  usageHint(addBenchCommand(program, setStatus, usageError));
  const fail = (message: string): never => {
    stderr(`stmc: ${message}\n`);
    throw new Exit(ExitCode.usage);
  };
  usageHint(addInitCommand(program, setStatus, fail));
  usageHint(addServeCommand(program, setStatus, fail));

  return program;
}

/**
 * Runs the stmc command line with `argv` (the arguments after the command name) and returns
 * the exit status. Output goes to process.stdout/stderr.
 */
export async function main(argv: readonly string[]): Promise<number> {
  // `stmc run big.wasm | head`: a closed pipe ends stmc quietly, with the shell's status for SIGPIPE.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(ExitCode.brokenPipe);
      throw error;
    });
  }
  let status: number = ExitCode.ok;
  const program = buildProgram((code) => (status = code));
  try {
    await program.parseAsync(normalizeArgs(argv), { from: "user" });
    return status;
  } catch (error) {
    if (error instanceof Exit) return error.code;
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    return internalError(error, "internal error").code;
  }
}
