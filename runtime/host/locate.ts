// Where a failure happened in the user's source, from the wasm frames of its stack: the source
// map (section stmc.sourceMap) for the frame's offset, else the declaration of the function
// (section stmc.functions). Runs on the host's thread: the map is parsed there, once.
import { originalPositionFor, TraceMap } from "@jridgewell/trace-mapping";
import type { SourceLocation } from "../abi.js";
import type { ProgramError, ThreadFailure, WasmFrame } from "./report.js";

/** Turns threads' failures into located program errors, for one module. */
export class Locator {
  private map: TraceMap | null | undefined;

  constructor(
    private readonly functions: Readonly<Record<string, SourceLocation>>,
    private readonly sourceMap: string,
  ) {}

  error(failure: ThreadFailure): ProgramError {
    const location = failure.location ?? this.locate(failure.frames);
    return location === undefined ? { message: failure.message } : { message: failure.message, location };
  }

  /**
   * The source location of the innermost frame that is in the user's code: the statement or
   * call the source map gives for the frame's offset, else the declaration of the innermost
   * function listed in stmc.functions. Undefined when there is none.
   */
  locate(frames: readonly WasmFrame[]): SourceLocation | undefined {
    let fallback: SourceLocation | undefined;
    for (const frame of frames) {
      // The source map covers the user's code only, wherever the optimizer inlined it (even into
      // a runtime function); the runtime's own instructions map to nothing.
      this.map ??= parseSourceMap(this.sourceMap);
      const position = this.map === null ? null : originalPositionFor(this.map, { line: 1, column: frame.offset });
      if (position !== null && position.source !== null && position.line !== null && position.column !== null) {
        return [position.source, position.line, position.column + 1];
      }
      // No statement here (e.g. a stack overflow reported at a function's entry): a caller's call
      // site says more than the function's declaration, which remains the fallback.
      if (frame.name !== undefined && Object.hasOwn(this.functions, frame.name)) fallback ??= this.functions[frame.name];
    }
    return fallback;
  }
}

function parseSourceMap(text: string): TraceMap | null {
  if (text === "") return null;
  try {
    return new TraceMap(text);
  } catch {
    return null;
  }
}
