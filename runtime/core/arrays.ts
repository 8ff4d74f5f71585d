// Growable arrays. An array object holds, after the header: length (i32), capacity (i32) and
// a pointer to its element store, a separate heap block (with a header of its own) that is
// replaced by a larger one when a push finds it full.
import { i32 } from "stmc";
import { usize, load_i32, store_i32, load_usize, store_usize, memory_copy, header_size } from "stmc:low";
import { alloc } from "./alloc";

/** Doubles the capacity of `array`'s element store (elements of `elementSize` bytes). */
export function array_grow(array: usize, elementSize: usize, storeClassId: i32): void {
  const header = header_size();
  const length = usize(load_i32(array + header));
  const capacity = usize(load_i32(array + header + 4));
  let grown = capacity * 2;
  if (grown < 4) grown = 4;
  const store = alloc(header + grown * elementSize, storeClassId);
  const old = load_usize(array + header + 8);
  if (length > 0) memory_copy(store + header, old + header, length * elementSize);
  store_usize(array + header + 8, store);
  store_i32(array + header + 4, i32(grown));
}
