// Growable arrays. An array object holds, after the header: length (i32), capacity (i32) and
// a pointer to its element store, a separate heap block (with a header of its own) that is
// replaced by a larger one when a push finds it full. Arrays are the program's shared data, so
// this goes through the STM barriers like the program's own accesses.
import { i32 } from "stmc";
import { usize, store_i32, header_size } from "stmc:low";
import { alloc } from "./alloc";
import { stm_read_i32, stm_write_i32, stm_read_usize, stm_write_usize } from "./stm/transaction";
import { gc_write_barrier } from "./gc/generations";

/** Doubles the capacity of `array`'s element store (elements of `elementSize` bytes). */
export function array_grow(array: usize, elementSize: usize, storeClassId: i32, location: i32): void {
  const header = header_size();
  const length = usize(stm_read_i32(array + header, location));
  const capacity = usize(stm_read_i32(array + header + 4, location));
  let grown = capacity * 2;
  if (grown < 4) grown = 4;
  const store = alloc(header + grown * elementSize, storeClassId);
  const old = stm_read_usize(array + header + 8, location);
  // Each element is read through the STM (another transaction may be writing it); the new
  // store is private to this transaction until it is published below.
  for (let i: usize = 0; i < length * elementSize; i += 4) {
    store_i32(store + header + i, stm_read_i32(old + header + i, location));
  }
  stm_write_usize(array + header + 8, store, location);
  // The array may be old, its new store is young.
  gc_write_barrier(array);
  stm_write_i32(array + header + 4, i32(grown), location);
}
