// Turning what went wrong in a program into the user-facing report: message and source location.
// Used by the worker (which sees the exception) and by the parent (which prints the report).

import type { SourceLocation } from "../abi.js";

/** A program failure as the host reports it. */
export interface ProgramError {
  /** The message, without the "error: " prefix, e.g. "index 5 out of range". */
  message: string;
  /** Where it happened in the user's source, when known. */
  location?: SourceLocation;
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
const WASM_FRAME = /^\s*at (?:(.*?) \()?wasm:\/\/wasm\/[^\s]*?:wasm-function\[(\d+)\]:0x[0-9a-fA-F]+\)?\s*$/;

/** The wasm functions on a V8 stack trace, innermost first: name (if any) and function index. */
export function wasmFrames(stack: string): Array<{ name?: string; index: number }> {
  const frames: Array<{ name?: string; index: number }> = [];
  for (const line of stack.split("\n")) {
    const match = WASM_FRAME.exec(line);
    if (match) frames.push({ name: match[1], index: Number(match[2]) });
  }
  return frames;
}

/**
 * The source location of the innermost wasm frame of `error`'s stack whose function is in the
 * module's stmc.functions table, or undefined.
 */
export function locationFromStack(error: unknown, functions: Readonly<Record<string, SourceLocation>>): SourceLocation | undefined {
  let stack: unknown;
  try {
    stack = (error as { stack?: unknown } | null)?.stack;
  } catch {
    return undefined;
  }
  if (typeof stack !== "string") return undefined;
  for (const frame of wasmFrames(stack)) {
    if (frame.name !== undefined && Object.hasOwn(functions, frame.name)) return functions[frame.name];
  }
  return undefined;
}
