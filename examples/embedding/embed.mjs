// Runs inventory.ts from JavaScript with stmc's embedding API (docs/embedding.md):
//   node examples/embedding/embed.mjs      (in a checkout, after npm run build; or with stmc installed)
import { fileURLToPath } from "node:url";
import { compile, formatDiagnostics, instantiate } from "stmc/api";

const result = compile(fileURLToPath(new URL("./inventory.ts", import.meta.url)), { target: "wasm64" });
if (!result.ok) {
  process.stderr.write(formatDiagnostics(result.diagnostics));
  process.exit(1);
}

const weighed = [];
const app = await instantiate(result.wasm, {
  threads: 4,
  imports: { weigh: (item) => (weighed.push(item), BigInt(item) * 10n) }, // an i64 is a bigint
});
console.log("after 100:", await app.call("storeItems", 0, 100)); // 49500n
console.log("after 50 more:", await app.call("storeItems", 100, 50)); // state lives between calls
console.log("items:", await app.call("itemCount"), "heavy:", await app.call("isHeavy", 100000n));
console.log("host calls:", weighed.length); // 150: one per item, although tasks ran in parallel
const stats = await app.close();
console.log("irrevocable transactions:", stats?.irrevocable);
