// Turning what went wrong in a program into the user-facing report: message and source location.
// Used by the worker (which sees the exception) and by the parent (which prints the report).

import { originalPositionFor, TraceMap } from "@jridgewell/trace-mapping";
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

/**
 * The source location of the innermost wasm frame of `error`'s stack that is in the user's code:
 * the statement or call the source map gives for the frame's offset, else the declaration of the
 * innermost function listed in stmc.functions. Undefined when there is none.
 */
export function locationFromStack(error: unknown, functions: Readonly<Record<string, SourceLocation>>, sourceMap = ""): SourceLocation | undefined {
  let stack: unknown;
  try {
    stack = (error as { stack?: unknown } | null)?.stack;
  } catch {
    return undefined;
  }
  if (typeof stack !== "string") return undefined;
  let map: TraceMap | null | undefined;
  let fallback: SourceLocation | undefined;
  for (const frame of wasmFrames(stack)) {
    // The source map covers the user's code only, wherever the optimizer inlined it (even into
    // a runtime function); the runtime's own instructions map to nothing.
    map ??= parseSourceMap(sourceMap);
    const position = map === null ? null : originalPositionFor(map, { line: 1, column: frame.offset });
    if (position !== null && position.source !== null && position.line !== null && position.column !== null) {
      return [position.source, position.line, position.column + 1];
    }
    // No statement here (e.g. a stack overflow reported at a function's entry): a caller's call
    // site says more than the function's declaration, which remains the fallback.
    if (frame.name !== undefined && Object.hasOwn(functions, frame.name)) fallback ??= functions[frame.name];
  }
  return fallback;
}

function parseSourceMap(text: string): TraceMap | null {
  if (text === "") return null;
  try {
    return new TraceMap(text);
  } catch {
    return null;
  }
}
