import binaryen from "#binaryen";

/**
 * A pointer target. Everything that depends on pointer width goes through this interface:
 * the type of addresses, the size and alignment of references, the memory's index type.
 * wasm32 models a 32-bit machine, wasm64 (memory64) a 64-bit one.
 */
export interface Target {
  readonly name: TargetName;
  /** Bytes in a pointer (`usize`, references). */
  readonly pointerSize: 4 | 8;
  /** The Binaryen value type of addresses and references. */
  readonly pointerType: binaryen.Type;
  readonly memory64: boolean;
  /** Default and hard limit of the heap, in 64 KiB pages. */
  readonly defaultMaximumPages: number;
}

export type TargetName = "wasm32" | "wasm64";
export const TARGET_NAMES: readonly TargetName[] = ["wasm32", "wasm64"];

export const PAGE_SIZE = 65536;

const wasm32: Target = {
  name: "wasm32",
  pointerSize: 4,
  pointerType: binaryen.i32,
  memory64: false,
  defaultMaximumPages: 16384, // 1 GiB
};

const wasm64: Target = {
  name: "wasm64",
  pointerSize: 8,
  pointerType: binaryen.i64,
  memory64: true,
  defaultMaximumPages: 65536, // 4 GiB
};

export function getTarget(name: TargetName): Target {
  return name === "wasm64" ? wasm64 : wasm32;
}

export function isTargetName(name: string): name is TargetName {
  return (TARGET_NAMES as readonly string[]).includes(name);
}
