// The `typescript` module of the page's import map: TypeScript's compiler is a classic script
// that defines the global `ts` (index.html loads it first); the compiler imports it by name.
const ts: unknown = (globalThis as { ts?: unknown }).ts;
if (ts === undefined) throw new Error("TypeScript is not loaded: the page must load typescript.js as a classic <script> before its modules");
export default ts;
