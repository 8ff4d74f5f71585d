// A collection's marks, one bit per 8-byte granule of the heap. A minor collection marks blocks
// in their headers (a mark that stays: the block is old) and sets their bits too (every block it
// marks is young), and its sweep reads the bits back in address order (sweep.ts sweep_young): it
// visits the survivors and frees the spaces between them, never the dead blocks themselves, and
// needs no list or sort: its cost follows the survivors and the young memory's size / 256 (a
// 32-bit word of bits covers 256 bytes), not the number of dead blocks. A major collection marks
// in the bits only, so the old blocks' header marks need no clearing first (a walk of the whole
// heap that was half of a major pause); its sweep sets the header marks of the blocks whose bits
// are set. The bits are all clear between collections.
import { i32, bool } from "stmc";
import { usize, load_i32, store_i32, memory_fill, heap_base, ctz_i32 } from "stmc:low";
import { heapTop, raw_alloc, raw_free } from "./heap";

const GRANULE_SHIFT: usize = 3;
/** The bits, a raw buffer covering the heap up to heapTop as it was when recording began. */
let bits: usize = 0;
let bitsBytes: usize = 0;
/** The part of the buffer the collection in progress covers (cleared after it). */
let usedBytes: usize = 0;

/** Before a collection's marking: the bits cover the heap. */
export function survivors_begin(): void {
  usedBytes = ((((heapTop - heap_base()) >> GRANULE_SHIFT) + 31) >> 5) << 2;
  if (usedBytes > bitsBytes) {
    // Room to grow: the heap grows between collections, the buffer only now and then.
    const bytes = usedBytes * 2;
    if (bits !== 0) raw_free(bits);
    bits = raw_alloc(bytes);
    bitsBytes = bytes;
  }
}

/** After the sweep: the bits cleared for the next collection. */
export function survivors_end(): void {
  memory_fill(bits, 0, usedBytes);
}

/** The word of bits that holds `block`'s. */
function word_of(block: usize): usize {
  return bits + ((((block - heap_base()) >> GRANULE_SHIFT) >> 5) << 2);
}

/** `block`'s bit in its word. */
function bit_of(block: usize): i32 {
  return 1 << i32(((block - heap_base()) >> GRANULE_SHIFT) & 31);
}

/** Whether `block`'s bit is set. */
export function survivor_marked(block: usize): bool {
  return (load_i32(word_of(block)) & bit_of(block)) !== 0;
}

/** Sets `block`'s bit: false if it was set already. */
export function survivor_claim(block: usize): bool {
  const word = word_of(block);
  const value = load_i32(word);
  if ((value & bit_of(block)) !== 0) return false;
  store_i32(word, value | bit_of(block));
  return true;
}

/** The first survivor at or after `at` and before `to` (both block boundaries), or `to`. */
export function survivor_next(at: usize, to: usize): usize {
  const base = heap_base();
  let granule = (at - base) >> GRANULE_SHIFT;
  const end = (to - base) >> GRANULE_SHIFT;
  while (granule < end) {
    const rest = load_i32(bits + ((granule >> 5) << 2)) >>> i32(granule & 31);
    if (rest !== 0) {
      const found = granule + usize(ctz_i32(rest));
      return found < end ? base + (found << GRANULE_SHIFT) : to;
    }
    granule = (granule | 31) + 1;
  }
  return to;
}
