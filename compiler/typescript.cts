// TypeScript on Node, loaded as CommonJS: typescript-loader.cts first puts it into require's
// cache, compiled with V8's code cache when the build left one. (Node's `import ts from
// "typescript"` would first scan the 9 MB CommonJS file for named exports, about 0.35 s of CPU on
// every compile process.) A page maps this file to a module exporting its global `ts`
// (docs/browser.md); the tests map it to "typescript".
import "./typescript-loader.cjs";
import ts = require("typescript");
export = ts;
