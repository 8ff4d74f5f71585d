// The last phase: validate, optimize with Binaryen, attach the sections the host reads, emit.
import binaryen from "binaryen";
import { ABI_VERSION, Section, type ModuleMeta, type SourceLocation } from "../../runtime/abi.js";
import type { LoweredModule } from "../lower/module.js";

export type OptimizeLevel = 0 | 1 | 2 | 3;

export interface LinkOptions {
  optimizeLevel: OptimizeLevel;
  emitText: boolean;
  sourceMap: boolean;
}

export interface LinkedModule {
  wasm: Uint8Array;
  text?: string;
}

export function link(lowered: LoweredModule, options: LinkOptions): LinkedModule {
  const { module, context } = lowered;
  const program = context.program;
  if (!module.validate()) throw new Error("the generated module does not validate (see the messages above)");

  // Names stay in the binary: the host maps stack frames to functions by name.
  binaryen.setDebugInfo(true);
  binaryen.setOptimizeLevel(options.optimizeLevel);
  binaryen.setShrinkLevel(0);
  if (options.optimizeLevel > 0) module.optimize();

  const meta: ModuleMeta = {
    abi: ABI_VERSION,
    target: context.target.name,
    memory: { initialPages: lowered.initialPages, maximumPages: context.maximumPages },
    mainReturnsI32: program.entry.result.kind === "i32",
    stm: "none",
  };
  const functions: Record<string, SourceLocation> = {};
  for (const fn of program.functions) if (!fn.runtime) functions[fn.name] = fn.loc;
  addJsonSection(module, Section.meta, meta);
  addJsonSection(module, Section.strings, context.strings);
  addJsonSection(module, Section.locations, context.locations);
  addJsonSection(module, Section.functions, functions);

  const wasm = module.emitBinary();
  const text = options.emitText ? module.emitText() : undefined;
  module.dispose();
  return { wasm, text };
}

function addJsonSection(module: binaryen.Module, name: string, value: unknown): void {
  module.addCustomSection(name, new TextEncoder().encode(JSON.stringify(value)));
}
