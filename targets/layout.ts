import type { Target } from "./target.js";

/**
 * Object layout shared by every heap object:
 *
 *   offset 0            u32   class id (index into the class table)
 *   offset 4            u32   collector word (mark bits, size class: reserved for the GC)
 *   offset 8            usize STM word (version / owner: reserved for the STM)
 *   offset headerSize   fields, each aligned to its own size
 *
 * Arrays are objects of a built-in class with three fields: length (i32), capacity (i32)
 * and a pointer to a separately allocated element store (which has the same header).
 */
export interface HeapLayout {
  readonly classIdOffset: number;
  readonly gcWordOffset: number;
  readonly stmWordOffset: number;
  readonly headerSize: number;
  readonly arrayLengthOffset: number;
  readonly arrayCapacityOffset: number;
  readonly arrayDataOffset: number;
  readonly arraySize: number;
  /** Every allocation is a multiple of this and aligned to it. */
  readonly allocationAlign: number;
}

export function heapLayout(target: Target): HeapLayout {
  const p = target.pointerSize;
  const headerSize = alignTo(8 + p, 8);
  const arrayDataOffset = alignTo(headerSize + 8, p);
  return {
    classIdOffset: 0,
    gcWordOffset: 4,
    stmWordOffset: 8,
    headerSize,
    arrayLengthOffset: headerSize,
    arrayCapacityOffset: headerSize + 4,
    arrayDataOffset,
    arraySize: alignTo(arrayDataOffset + p, 8),
    allocationAlign: 8,
  };
}

export function alignTo(value: number, align: number): number {
  return Math.ceil(value / align) * align;
}

/** Bytes a field or array element of a value kind takes ("i32", "i64", "f64", "bool"; anything else is a pointer). */
export function valueSize(kind: string, target: Target): number {
  if (kind === "i64" || kind === "f64") return 8;
  if (kind === "i32" || kind === "bool") return 4;
  return target.pointerSize;
}
