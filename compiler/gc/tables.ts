// What the collector knows about the program, as static data in linear memory:
// - the type table: per class id, where its references are and its finalizer;
// - the global roots: the addresses of the module-level variables that hold references.
//
// Type table (i32 words), one entry per class id (ModuleContext.typeCount), laid out as the
// runtime's constants say (runtime/core/gc/layout.ts TYPE_*):
//   reference count, or -1 for "every pointer-sized word after the header" (element stores of references)
//   byte offset of its reference offsets (i32 each), from the table's start
//   function table index of its finalizer (the transactional clone), or -1
// Global roots: [count, address0, address1, ...] (i32 words; addresses are below 4 GiB on both targets).
import type { ClassDecl, Method } from "../check/ir.js";
import { isReference } from "../check/types.js";
import type { ModuleContext } from "../lower/context.js";

const ALL_WORDS = -1;

/** The finalizer of a class: a method `finalize(): void`, or undefined. */
export function finalizerOf(cls: ClassDecl): Method | undefined {
  const method = cls.methods.get("finalize");
  if (method === undefined || method.fn.params.length !== 1 || method.fn.result.kind !== "void") return undefined;
  return method;
}

export interface GcTables {
  readonly typeTable: Uint8Array;
  readonly globalRoots: Uint8Array;
}

export function buildGcTables(mod: ModuleContext): GcTables {
  const entries: Array<{ refs: number[] | typeof ALL_WORDS; finalizer: number }> = [];
  for (const cls of mod.program.classes) {
    const finalizer = finalizerOf(cls);
    entries.push({
      refs: cls.fields.filter((f) => isReference(f.type)).map((f) => f.offset),
      finalizer: finalizer === undefined ? -1 : mod.vtableBase(true) + cls.id * mod.vtableStride + finalizer.slot,
    });
  }
  entries.push({ refs: [mod.layout.arrayDataOffset], finalizer: -1 }); // array: its element store
  entries.push({ refs: [], finalizer: -1 }); // element store of scalars
  entries.push({ refs: ALL_WORDS, finalizer: -1 }); // element store of references
  entries.push({ refs: [], finalizer: -1 }); // string
  if (entries.length !== mod.typeCount) throw new Error("type table out of step with the class ids");

  const entryBytes = mod.runtimeConstant("TYPE_ENTRY");
  const at = { count: mod.runtimeConstant("TYPE_REF_COUNT") / 4, list: mod.runtimeConstant("TYPE_REF_LIST") / 4, finalizer: mod.runtimeConstant("TYPE_FINALIZER") / 4 };
  const words = new Array<number>((entries.length * entryBytes) / 4).fill(0);
  const lists: number[] = [];
  const listBase = entries.length * entryBytes;
  entries.forEach((entry, id) => {
    const refs = entry.refs === ALL_WORDS ? [] : entry.refs;
    const base = (id * entryBytes) / 4;
    words[base + at.count] = entry.refs === ALL_WORDS ? ALL_WORDS : refs.length;
    words[base + at.list] = listBase + lists.length * 4;
    words[base + at.finalizer] = entry.finalizer;
    lists.push(...refs);
  });
  const roots = mod.program.globals.filter((g) => isReference(g.type) && g.threadLocal === undefined && g.constant === undefined);
  const rootWords = [roots.length, ...roots.map((g) => mod.globalAddresses.get(g)!)];
  return { typeTable: int32Bytes([...words, ...lists]), globalRoots: int32Bytes(rootWords) };
}

function int32Bytes(words: number[]): Uint8Array {
  const bytes = new Uint8Array(words.length * 4);
  const view = new DataView(bytes.buffer);
  words.forEach((w, i) => view.setInt32(i * 4, w, true));
  return bytes;
}
