// Reads what the host needs from a compiled module's custom sections (see runtime/abi.ts).

import { memory64Validates } from "./memory.js";
import { ABI_VERSION, Section, type ModuleMeta, type SourceLocation } from "../abi.js";

/** Everything the host reads from a module's custom sections. */
export interface ModuleInfo {
  /** Section stmc.meta. */
  meta: ModuleMeta;
  /** Section stmc.strings: string table, indexed by string id (print_str, Throw messages). */
  strings: string[];
  /** Section stmc.locations: source locations, indexed by the location id `fail` receives. */
  locations: SourceLocation[];
  /** Section stmc.functions: wasm function name (as in the name section) -> its source location. */
  functions: Record<string, SourceLocation>;
  /** Section stmc.sourcemap: the module's source map (JSON text), or "" when absent. */
  sourceMap: string;
}

/** A module that is not an stmc module of this ABI version, or whose sections are malformed. */
export class ModuleFormatError extends Error {
  override name = "ModuleFormatError";
}

/**
 * Compiles wasm bytes. The caller has enabled memory64 where its engine needs a flag (a wasm64
 * module does not even compile without it on Node 20: engine.ts). Errors become
 * ModuleFormatError with a readable message.
 */
export function compileModule(wasm: Uint8Array): WebAssembly.Module {
  try {
    return new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const hint = memory64Validates() ? "" : " (this JavaScript engine lacks memory64, needed by wasm64 modules)";
    throw new ModuleFormatError(`not a valid WebAssembly module: ${message}${hint}`);
  }
}

function section(module: WebAssembly.Module, name: string, required: boolean): unknown {
  const found = WebAssembly.Module.customSections(module, name);
  if (found.length === 0) {
    if (required) throw new ModuleFormatError(`not an stmc module: it has no custom section "${name}"`);
    return undefined;
  }
  if (found.length > 1) throw new ModuleFormatError(`malformed stmc module: ${found.length} custom sections "${name}"`);
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(found[0]));
  } catch (error) {
    throw new ModuleFormatError(`malformed stmc module: custom section "${name}" is not UTF-8 JSON`);
  }
}

function malformed(name: string, what: string): never {
  throw new ModuleFormatError(`malformed stmc module: custom section "${name}" ${what}`);
}

function isLocation(value: unknown): value is SourceLocation {
  return (
    Array.isArray(value) &&
    value.length === 3 &&
    typeof value[0] === "string" &&
    Number.isInteger(value[1]) &&
    Number.isInteger(value[2])
  );
}

function checkMeta(value: unknown): ModuleMeta {
  if (typeof value !== "object" || value === null) malformed(Section.meta, "is not an object");
  const meta = value as Partial<ModuleMeta>;
  if (meta.abi !== ABI_VERSION) {
    throw new ModuleFormatError(
      `the module was compiled for stmc ABI version ${String(meta.abi)}, but this runtime supports version ${ABI_VERSION}: recompile it`,
    );
  }
  if (meta.target !== "wasm32" && meta.target !== "wasm64") malformed(Section.meta, `has a bad target ${JSON.stringify(meta.target)}`);
  const memory = meta.memory;
  if (
    typeof memory !== "object" ||
    memory === null ||
    !Number.isSafeInteger(memory.initialPages) ||
    !Number.isSafeInteger(memory.maximumPages) ||
    memory.initialPages < 0 ||
    memory.maximumPages < memory.initialPages
  ) {
    malformed(Section.meta, "has bad memory limits");
  }
  if (typeof meta.mainReturnsI32 !== "boolean") malformed(Section.meta, "lacks mainReturnsI32");
  return meta as ModuleMeta;
}

function asModule(wasm: Uint8Array | WebAssembly.Module): WebAssembly.Module {
  return wasm instanceof WebAssembly.Module ? wasm : compileModule(wasm);
}

/**
 * Reads section stmc.meta of a compiled module. Throws ModuleFormatError for a module without
 * it (not an stmc module) or compiled for another ABI version.
 */
export function readModuleMeta(wasm: Uint8Array | WebAssembly.Module): ModuleMeta {
  return checkMeta(section(asModule(wasm), Section.meta, true));
}

/**
 * Reads all of a compiled module's stmc sections. Only stmc.meta is required; the others default
 * to empty tables. Throws ModuleFormatError as readModuleMeta does, or for malformed tables.
 */
export function readModuleInfo(wasm: Uint8Array | WebAssembly.Module): ModuleInfo {
  const module = asModule(wasm);
  const meta = checkMeta(section(module, Section.meta, true));

  const strings = section(module, Section.strings, false) ?? [];
  if (!Array.isArray(strings) || !strings.every((s) => typeof s === "string")) {
    malformed(Section.strings, "is not an array of strings");
  }
  const locations = section(module, Section.locations, false) ?? [];
  if (!Array.isArray(locations) || !locations.every(isLocation)) {
    malformed(Section.locations, "is not an array of [file, line, column]");
  }
  const functions = section(module, Section.functions, false) ?? {};
  if (typeof functions !== "object" || functions === null || Array.isArray(functions) || !Object.values(functions).every(isLocation)) {
    malformed(Section.functions, "is not an object mapping function names to [file, line, column]");
  }
  return {
    meta,
    strings: strings as string[],
    locations: locations as SourceLocation[],
    functions: Object.assign(Object.create(null), functions) as Record<string, SourceLocation>,
    sourceMap: rawSection(module, Section.sourceMap),
  };
}

/** A custom section's text as is (not JSON-parsed: the source map is only read after a failure). */
function rawSection(module: WebAssembly.Module, name: string): string {
  const sections = WebAssembly.Module.customSections(module, name);
  return sections.length === 0 ? "" : new TextDecoder().decode(sections[0]);
}
