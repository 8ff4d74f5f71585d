// TypeScript, loaded with require(). Node's `import ts from "typescript"` first scans the 9 MB
// CommonJS file for named exports (cjs-module-lexer), which costs about 0.35 s of CPU on every
// compile process; through this file it is only loaded. The module's shape hides the require
// from that scan. A page maps this file to a module exporting its global `ts` (docs/browser.md).
import ts = require("typescript");
export = ts;
