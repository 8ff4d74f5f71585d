// Turning what went wrong in a program into the user-facing report: the message, and the wasm
// frames the location is found from (locate.ts, on the host). Used by the threads (which see the
// exception) and by the host (which prints the report). No dependency: a Web Worker loads it.

import { ABORT_CAUSES, type SourceLocation } from "../abi.js";
import type { StmStats } from "./program.js";

/** A program failure as the host reports it. */
export interface ProgramError {
  /** The message, without the "error: " prefix, e.g. "index 5 out of range". */
  message: string;
  /** Where it happened in the user's source, when known. */
  location?: SourceLocation;
}

/** A failure as a thread reports it: the location, or the wasm frames to find it from. */
export interface ThreadFailure {
  message: string;
  location?: SourceLocation;
  frames: WasmFrame[];
}

/** The exact text written to stderr for a failure: `error: <message>\n    at <file>:<line>:<col>\n`. */
export function formatProgramError(error: ProgramError): string {
  const at = error.location ? `    at ${error.location[0]}:${error.location[1]}:${error.location[2]}\n` : "";
  return `error: ${error.message}\n${at}`;
}

// V8's trap messages (WebAssembly.RuntimeError) and what the user is told instead.
const TRAP_MESSAGES: ReadonlyArray<[RegExp, string]> = [
  [/^divide by zero$/, "integer division by zero"],
  [/^remainder by zero$/, "integer division by zero"],
  [/^integer overflow$|^divide result unrepresentable$/, "integer overflow"],
  [/^float unrepresentable in integer range$/, "cannot convert a float to an integer: out of range or NaN"],
  [/^unreachable$/, "unreachable code reached"],
  [/out of bounds memory access|memory access out of bounds/, "memory access out of bounds"],
  [/table index is out of bounds/, "bad indirect call: table index out of bounds"],
  [/null function|signature mismatch/, "bad indirect call: null function or signature mismatch"],
  [/unaligned/, "unaligned atomic memory access"],
  [/data segment/, "data segment access out of bounds"],
];

/** The user-facing message for an exception that escaped the program (other than `fail`). */
export function describeException(error: unknown): string {
  if (error instanceof RangeError && /call stack size/i.test(error.message)) return "stack overflow";
  if (error instanceof WebAssembly.RuntimeError) {
    const raw = error.message;
    for (const [pattern, message] of TRAP_MESSAGES) if (pattern.test(raw)) return message;
    return `wasm trap: ${raw}`;
  }
  if (typeof WebAssembly.Exception === "function" && error instanceof WebAssembly.Exception) {
    return "internal error: uncaught wasm exception";
  }
  if (error instanceof Error) return `internal error: ${error.message}`;
  return `internal error: ${String(error)}`;
}

// A wasm frame in a V8 stack trace: "    at name (wasm://wasm/1a2b3c4d:wasm-function[12]:0x1a3)",
// or without a name (no name section): "    at wasm://wasm/1a2b3c4d:wasm-function[12]:0x1a3".
// The hex number is the byte offset of the instruction in the module.
const WASM_FRAME = /^\s*at (?:(.*?) \()?wasm:\/\/wasm\/[^\s]*?:wasm-function\[(\d+)\]:0x([0-9a-fA-F]+)\)?\s*$/;

export interface WasmFrame {
  name?: string;
  index: number;
  offset: number;
}

/** The wasm functions on a V8 stack trace, innermost first: name (if any), function index, byte offset. */
export function wasmFrames(stack: string): WasmFrame[] {
  const frames: WasmFrame[] = [];
  for (const line of stack.split("\n")) {
    const match = WASM_FRAME.exec(line);
    if (match) frames.push({ name: match[1], index: Number(match[2]), offset: parseInt(match[3], 16) });
  }
  return frames;
}

/** The wasm frames of `error`'s stack, innermost first (none when it has no readable stack). */
export function framesOf(error: unknown): WasmFrame[] {
  let stack: unknown;
  try {
    stack = (error as { stack?: unknown } | null)?.stack;
  } catch {
    return [];
  }
  return typeof stack === "string" ? wasmFrames(stack) : [];
}

/** `--stats`: what the STM did, and the access whose conflicts caused the most aborts. */
export function formatStats(stats: StmStats, threads: number): string {
  const total = ABORT_CAUSES.reduce((sum, [name]) => sum + stats.aborts[name], 0);
  let text = `stats: stm ${stats.stm}, ${threads} thread${threads === 1 ? "" : "s"}: ${stats.commits} transactions committed, ${total} aborts`;
  text += ` (${ABORT_CAUSES.map(([name, words]) => `${words} ${stats.aborts[name]}`).join(", ")}), ${stats.irrevocable} irrevocable\n`;
  const top = stats.topConflict;
  if (top !== undefined && top.location !== undefined) text += `stats: most aborts (${top.aborts}) at ${top.location[0]}:${top.location[1]}:${top.location[2]}\n`;
  const gc = stats.gc;
  if (gc !== undefined) {
    const ms = (x: number) => x.toFixed(1);
    const mib = (x: number) => (x / (1024 * 1024)).toFixed(1);
    text += `gc: collections ${gc.collections} (${gc.majorCollections} major), pause total ${ms(gc.pauseTotalMs)} ms, longest ${ms(gc.pauseMaxMs)} ms\n`;
    text += `gc: allocated ${mib(gc.bytesAllocated)} MiB, freed ${mib(gc.bytesFreed)} MiB, heap peak ${mib(gc.heapPeak)} MiB\n`;
  }
  return text;
}
