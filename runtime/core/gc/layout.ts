// The layouts the collector shares with the compiler, which reads these constants by name
// (compiler/runtime/contract.ts LAYOUT_CONSTANTS): the compiler writes block headers inline at
// every allocation (lower/objects.ts) and the type table as static data (gc/tables.ts).
import { i32, i64 } from "stmc";
import { usize } from "stmc:low";

/**
 * A block's 8-byte header: its class id in the low 32 bits; the high 32 bits are the collector's
 * word: bit 0 the mark (kept by a block that survived a collection: it is old), bit 1
 * "remembered" (runtime/core/gc/generations.ts), the rest the block's size in 8-byte units. As
 * one 64-bit word, a block of `size` bytes (a multiple of 8) has `size << HEADER_SIZE_SHIFT`
 * above its class id.
 */
export const HEADER_SIZE_SHIFT: i64 = 31;
/** The collector's word of a header (mark and remembered bits, size). */
export const HEADER_GC_WORD: usize = 4;
/** The collector word's bits: marked (old, after a collection), and remembered by the write barrier. */
export const GC_MARK: i32 = 1;
export const GC_REMEMBERED: i32 = 2;

/** The type table: TYPE_ENTRY bytes per class id, of i32 words at these offsets. */
export const TYPE_ENTRY: usize = 16;
/** How many references an object of the class holds (-1: every pointer-sized word after the header). */
export const TYPE_REF_COUNT: usize = 0;
/** Where their offsets are: an i32 list at this byte offset from the table's start. */
export const TYPE_REF_LIST: usize = 4;
/** The function table index of the class's finalizer, or -1. */
export const TYPE_FINALIZER: usize = 8;
