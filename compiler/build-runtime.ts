// Writes dist/runtime/prebuilt/<target>-<stm>.json: the runtime lowered and optimized once per
// target and STM algorithm (runtime/prebuilt.ts), which every compile then links its program
// into; and dist/runtime/prebuilt/declarations.json, the runtime's sources without their bodies,
// which such a compile parses instead of them (runtime/declarations.ts). Run by `npm run build` (and prepare, test) after tsc: `node dist/compiler/build-runtime.js`.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { STM_ALGORITHMS } from "../runtime/abi.js";
import { getTarget, TARGET_NAMES } from "../targets/target.js";
import { checkProgram } from "./check/index.js";
import { withFiles } from "./parse/files.js";
import { nodeFiles } from "./parse/node-files.js";
import { parseProgram } from "./parse/program.js";
import { DECLARATIONS_FILE, makeDeclarations } from "./runtime/declarations.js";
import { buildRuntime, prebuiltFile, runtimeFingerprint } from "./runtime/prebuilt.js";

/** Any program will do: the runtime's part of a module is the same in all. */
const EMPTY_PROGRAM = "export function main(): void {}\n";

export function writePrebuiltRuntimes(): string[] {
  const files = nodeFiles();
  const entry = path.join(files.root, "dist/runtime/prebuilt/empty.ts");
  const parsed = parseProgram(files, entry, { [entry]: EMPTY_PROGRAM });
  if (parsed.program === null) throw new Error(`the runtime does not parse: ${parsed.diagnostics.map((d) => d.message).join("; ")}`);
  const program = parsed.program;
  const fingerprint = runtimeFingerprint(program.runtimeSources, files.root);
  const written: string[] = [];
  const declarations = makeDeclarations(program.runtimeSources.map(({ fileName, text }) => ({ path: path.relative(files.root, fileName).replaceAll("\\", "/"), text })));
  const declarationsFile = path.join(files.root, DECLARATIONS_FILE);
  fs.mkdirSync(path.dirname(declarationsFile), { recursive: true });
  fs.writeFileSync(declarationsFile, JSON.stringify(declarations));
  written.push(declarationsFile);
  for (const targetName of TARGET_NAMES) {
    const target = getTarget(targetName);
    for (const stm of STM_ALGORITHMS) {
      // Checked again for each: lowering rewrites the runtime's checked bodies.
      const checked = withFiles(files, () => checkProgram(program, target));
      if (checked.program === null) throw new Error(`the runtime does not check: ${checked.diagnostics.map((d) => d.message).join("; ")}`);
      const runtime = withFiles(files, () => buildRuntime(checked.program!, target, stm, fingerprint));
      const file = path.join(files.root, prebuiltFile(targetName, stm));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(runtime));
      written.push(file);
    }
  }
  return written;
}

// Run as a script (`node dist/compiler/build-runtime.js`, perhaps through a symbolic link).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(fs.realpathSync(path.resolve(process.argv[1]))).href) writePrebuiltRuntimes();
