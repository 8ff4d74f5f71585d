// `stmc init [dir]`: scaffolds a project that type-checks in an editor and runs with the CLI.
// Files that exist are kept (a package.json only gains what is missing); nothing is overwritten.
import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { packageRoot, packageVersion } from "../runtime/packageRoot.js";

const MAIN_TS = `// Tasks handed to transaction.add run on all cores as transactions, each appearing to run alone.
import { i32, print, transaction } from "stmc";

class Account {
  balance: i32 = 100;
}

const accounts: Account[] = [];

function transfer(from: i32, to: i32, amount: i32): void {
  const source = accounts[from];
  if (source.balance < amount) return;
  source.balance -= amount;
  accounts[to].balance += amount;
}

export function main(): void {
  for (let i = 0; i < 10; i++) accounts.push(new Account());
  for (let i = 0; i < 1000; i++) transaction.add(transfer, i % 10, (i * 7 + 3) % 10, i % 13);
  transaction.run();
  let total: i32 = 0;
  for (const account of accounts) total += account.balance;
  print("total after 1000 transfers:", total); // always 1000: no transfer is lost or half-done
}
`;

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "ESNext",
    moduleResolution: "Bundler",
    lib: ["ES2022"],
    types: [],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  },
  include: ["src"],
};

function readme(name: string): string {
  return `# ${name}

An [stmc](https://www.npmjs.com/package/stmc) program: \`npx stmc run src/main.ts --threads 2\` runs it,
\`npx tsc --noEmit\` type-checks it, \`npx stmc compile src/main.ts\` writes \`src/main.wasm\`.
`;
}

/** A package name npm accepts, from a directory name. */
function packageName(dir: string): string {
  const name = path.basename(path.resolve(dir)).toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[._-]+/, "");
  return name === "" ? "stmc-program" : name;
}

interface Manifest {
  [key: string]: unknown;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
}

/** The project's package.json: a new one, or the existing one with what is missing added. */
function manifest(existing: Manifest | null, dir: string): Manifest {
  // A new project is ESM; an existing one keeps its module type (its own files may need CommonJS).
  const m: Manifest = existing ?? { name: packageName(dir), version: "0.1.0", private: true, type: "module" };
  const own = JSON.parse(fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8")) as { dependencies: Record<string, string> };
  const depends = { ...m.dependencies, ...m.devDependencies };
  if (depends.stmc === undefined) m.dependencies = { ...m.dependencies, stmc: `^${packageVersion()}` };
  // `npx tsc` needs TypeScript installed in the project itself: the version stmc parses with.
  if (depends.typescript === undefined) m.devDependencies = { ...m.devDependencies, typescript: own.dependencies.typescript };
  m.scripts = { start: "stmc run src/main.ts", check: "tsc --noEmit", ...m.scripts };
  return m;
}

/** Writes the scaffold into `dir`; returns what it did, one line per file. */
export function scaffold(dir: string): string[] {
  const report: string[] = [];
  const manifestFile = path.join(dir, "package.json");
  const found = fs.existsSync(manifestFile);
  const existing = found ? (JSON.parse(fs.readFileSync(manifestFile, "utf8")) as unknown) : null;
  if (found && (typeof existing !== "object" || existing === null || Array.isArray(existing))) throw new SyntaxError("it holds no object");
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  fs.writeFileSync(manifestFile, JSON.stringify(manifest(existing as Manifest | null, dir), null, 2) + "\n");
  report.push(`${existing === null ? "created" : "updated"} package.json`);
  const files: [string, string][] = [
    ["tsconfig.json", JSON.stringify(TSCONFIG, null, 2) + "\n"],
    [path.join("src", "main.ts"), MAIN_TS],
    ["README.md", readme(packageName(dir))],
  ];
  for (const [name, text] of files) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) {
      report.push(`kept existing ${name}`);
      continue;
    }
    fs.writeFileSync(file, text);
    report.push(`created ${name}`);
  }
  return report;
}

export function addInitCommand(program: Command, setStatus: (code: number) => void, fail: (message: string) => never): Command {
  return program
    .command("init")
    .description("create a project: package.json, tsconfig.json, src/main.ts (existing files are kept)")
    .argument("[dir]", "the project's directory (created if missing)", ".")
    .action((dir: string) => {
      if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) fail(`${dir} is not a directory`);
      let report: string[];
      try {
        report = scaffold(dir);
      } catch (error) {
        fail(error instanceof SyntaxError ? `${path.join(dir, "package.json")} is not valid JSON: ${error.message}` : (error as Error).message);
      }
      const cd = path.resolve(dir) === process.cwd() ? "" : `cd ${dir} && `;
      process.stdout.write(`${report.join("\n")}\n\nNext: ${cd}npm install && npx stmc run src/main.ts --threads 2\n`);
      setStatus(0);
    });
}
