// The suite's programs: every .ts file directly in bench/programs (shared code lives in
// bench/programs/lib), or a user's own file named on the command line. A program exports run(size) (0 small, 1 medium, 2 large) and main(),
// which runs size small; the suite builds a one-line entry file per size that calls run(size).
import fs from "node:fs";
import path from "node:path";
import { packageRoot } from "../../runtime/packageRoot.js";

export const SIZES = ["small", "medium", "large"] as const;
export type Size = (typeof SIZES)[number];

export interface BenchProgram {
  readonly name: string;
  readonly file: string;
  /** Whether it exports run(size); one that does not runs main() at every size. */
  readonly sized: boolean;
}

export function programsDir(): string {
  return path.join(packageRoot(), "bench/programs");
}

export function allPrograms(dir = programsDir()): BenchProgram[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !f.startsWith(".") && !f.endsWith(".d.ts"))
    .sort()
    .map((f) => programAt(path.join(dir, f)));
}

/** The program in `file` (any .ts file with `export function main()`, and perhaps `run(size)`). */
export function programAt(file: string): BenchProgram {
  return { name: path.basename(file, ".ts"), file, sized: /export\s+function\s+run\s*\(/.test(fs.readFileSync(file, "utf8")) };
}

/**
 * The programs whose names start with one of `prefixes` (all when there is none), in suite
 * order. Returns the prefixes that matched nothing too (a usage error for the caller).
 */
export function selectPrograms(prefixes: readonly string[], dir = programsDir()): { programs: BenchProgram[]; unmatched: string[] } {
  // A name ending in .ts is the user's own program file, benched like the suite's.
  const files = prefixes.filter((p) => p.endsWith(".ts"));
  const names = prefixes.filter((p) => !p.endsWith(".ts"));
  const missing = files.filter((f) => !fs.existsSync(f) || !fs.statSync(f).isFile());
  const own = files.filter((f) => !missing.includes(f)).map((f) => programAt(path.resolve(f)));
  const all = allPrograms(dir);
  if (names.length === 0) return { programs: files.length === 0 ? all : own, unmatched: missing };
  const unmatched = [...names.filter((p) => !all.some((prog) => prog.name.startsWith(p))), ...missing];
  return { programs: [...all.filter((prog) => names.some((p) => prog.name.startsWith(p))), ...own], unmatched };
}

/** The entry file that runs `program` at `size` (written into `workDir`). */
export function entryFor(program: BenchProgram, size: Size, workDir: string): string {
  if (!program.sized) return program.file;
  const entry = path.join(workDir, `${program.name}.${size}.ts`);
  let target = path.relative(workDir, program.file).replace(/\\/g, "/").replace(/\.ts$/, "");
  if (!target.startsWith(".")) target = `./${target}`;
  fs.writeFileSync(entry, `import { run } from "${target}";\n\nexport function main(): void {\n  run(${SIZES.indexOf(size)});\n}\n`);
  return entry;
}
