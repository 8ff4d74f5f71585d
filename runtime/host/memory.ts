// Shared memories for both targets, on any JavaScript engine (Node and browsers).
//
// Engines differ in how they spell a 64-bit memory:
//  - V8 11.3 (Node 20) supports memory64 only behind `--experimental-wasm-memory64` (engine.ts
//    sets it on Node), and its JS API takes `{ index: "i64" }` with number limits;
//  - V8 13.6 (Node 24, current Chromium) supports it without a flag, and takes `{ address: "i64" }`
//    with BigInt limits (an unknown key such as `index` is silently ignored there, giving a
//    32-bit memory).
// So nothing here trusts a version number: support is detected by validating a tiny module,
// and every way of creating the memory is checked by linking a probe module against it.

export type Target = "wasm32" | "wasm64";

function leb128(value: number): number[] {
  const bytes: number[] = [];
  let v = BigInt(value);
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    bytes.push(byte);
  } while (v !== 0n);
  return bytes;
}

/**
 * The bytes of a module that only imports `env.memory`, shared, with the given address type and
 * limits. Instantiating it against a memory proves the memory has that type.
 */
export function memoryProbe(target: Target, minimumPages: number, maximumPages: number): Uint8Array<ArrayBuffer> {
  const name = (s: string) => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];
  // limits flags: 0x01 has maximum, 0x02 shared, 0x04 64-bit addresses
  const flags = target === "wasm64" ? 0x07 : 0x03;
  const payload = [1, ...name("env"), ...name("memory"), 0x02, flags, ...leb128(minimumPages), ...leb128(maximumPages)];
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x02, ...leb128(payload.length), ...payload]);
}

/** Whether this engine validates a shared memory64 module as it is (no flag set). */
export function memory64Validates(): boolean {
  return WebAssembly.validate(memoryProbe("wasm64", 0, 1));
}

function hasType(memory: WebAssembly.Memory, target: Target, maximumPages: number): boolean {
  try {
    new WebAssembly.Instance(new WebAssembly.Module(memoryProbe(target, 0, maximumPages)), { env: { memory } });
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates the shared memory a compiled module imports as `env.memory`: 32-bit for wasm32,
 * 64-bit (memory64) for wasm64. Throws an Error with a clear message when the engine cannot.
 */
export function createSharedMemory(target: Target, initialPages: number, maximumPages: number): WebAssembly.Memory {
  if (!Number.isSafeInteger(initialPages) || !Number.isSafeInteger(maximumPages) || initialPages < 0 || maximumPages < initialPages) {
    throw new Error(`bad memory limits: ${initialPages} initial pages, ${maximumPages} maximum pages`);
  }
  if (target === "wasm32") {
    return new WebAssembly.Memory({ initial: initialPages, maximum: maximumPages, shared: true });
  }
  if (!memory64Validates()) {
    throw new Error("this JavaScript engine does not support memory64, which the wasm64 target needs (use --target wasm32)");
  }
  // The standard's spelling first (Node 24+), then the pre-standard one (Node 20), then the mixes.
  const candidates: Array<Record<string, unknown>> = [
    { initial: BigInt(initialPages), maximum: BigInt(maximumPages), shared: true, address: "i64" },
    { initial: initialPages, maximum: maximumPages, shared: true, index: "i64" },
    { initial: BigInt(initialPages), maximum: BigInt(maximumPages), shared: true, index: "i64" },
    { initial: initialPages, maximum: maximumPages, shared: true, address: "i64" },
  ];
  let lastError: unknown;
  for (const descriptor of candidates) {
    let memory: WebAssembly.Memory;
    try {
      memory = new WebAssembly.Memory(descriptor as unknown as WebAssembly.MemoryDescriptor);
    } catch (error) {
      lastError = error;
      continue;
    }
    if (hasType(memory, "wasm64", maximumPages)) return memory;
  }
  const reason = lastError instanceof Error ? `: ${lastError.message}` : "";
  throw new Error(`cannot create a shared 64-bit memory of ${initialPages}..${maximumPages} pages${reason}`);
}
