// `npm run fuzz -- [--count N] [--seed S] [--threads T] ...`: generates programs, compares compiled
// runs with the reference run, saves each failure shrunk under --out, exits 1 on any failure.
// `npm run fuzz -- --help` lists the options.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { fuzz, type FoundFailure, type FuzzOptions, writeCase } from "./driver.js";
import { DEFAULT_GEN_OPTIONS, FEATURE_SWITCHES, type GenOptions, SWITCH_FLAGS } from "./options.js";
import type { OptLevel } from "./run/protocol.js";
import type { TargetName } from "../targets/target.js";
import { MAX_THREADS, STM_ALGORITHMS } from "../runtime/abi.js";

const HELP = `npm run fuzz -- [options]

  --count N            cases to run (default 100)
  --seed S             fast-check seed (default: random, printed)
  --only N             run only case N of the seed (reproduces a failure)
  --from N             start at case N: --from 0 --count 2500, then --from 2500 ... checks
                       the same cases as one run of the whole count (default 0)
  --threads T          also run each program on T threads (default: 1 thread only)
  --targets LIST       wasm32,wasm64 (default both)
  -O LIST              -O levels, one per case in turn (default 2)
  --stm LIST           STM algorithms (etl, tl2, norec, gil), one per case in turn (default etl)
  --jobs J             cases checked at the same time (default 1)
  --mutants-every K    one case in K is an ill-formed program (default 4; 0: none)
  --shrink-seconds X   time to shrink each failure (default 120; 0: no shrinking)
  --out DIR            where failures are saved (default fuzz-failures)
  --size small|medium  program size (default medium)
  --gc-stress          run with the collector at every allocation chunk
  --no-i32-overflow --no-i64-large --no-i64-bits --no-div-zero --no-bad-array-length
                       leave out what is known to differ (docs/fuzzing.md)
`;

function list<T>(value: string, allowed: readonly T[], what: string): T[] {
  const items = value.split(",").map((s) => s.trim());
  const bad = items.filter((s) => !allowed.map(String).includes(s));
  if (bad.length > 0) throw new Error(`${what}: unknown ${bad.join(", ")} (expected ${allowed.join(", ")})`);
  return items.map((s) => allowed.find((a) => String(a) === s)!);
}

function int(value: string | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  if (!/^-?\d+$/.test(value)) throw new Error(`${what} must be a whole number, not '${value}'`);
  return Number(value);
}

function options(argv: string[]): { fuzz: FuzzOptions; out: string } | null {
  const switches = Object.fromEntries(FEATURE_SWITCHES.map((s) => [SWITCH_FLAGS[s], { type: "boolean" as const }]));
  const { values } = parseArgs({
    args: argv,
    options: {
      count: { type: "string" },
      seed: { type: "string" },
      only: { type: "string" },
      from: { type: "string" },
      threads: { type: "string" },
      targets: { type: "string" },
      O: { type: "string", short: "O" },
      jobs: { type: "string" },
      "mutants-every": { type: "string" },
      "shrink-seconds": { type: "string" },
      out: { type: "string" },
      size: { type: "string" },
      "gc-stress": { type: "boolean" },
      stm: { type: "string" },
      help: { type: "boolean", short: "h" },
      ...switches,
    },
    strict: true,
  });
  if (values.help) return null;
  const gen: GenOptions = { ...DEFAULT_GEN_OPTIONS };
  for (const s of FEATURE_SWITCHES) if ((values as Record<string, unknown>)[SWITCH_FLAGS[s]] === true) gen[s] = false;
  if (values.size !== undefined) gen.size = list(values.size, ["small", "medium"] as const, "--size")[0];
  const seed = int(values.seed, Math.floor(Math.random() * 2 ** 31), "--seed");
  const threads = int(values.threads, 1, "--threads");
  if (threads < 1 || threads > MAX_THREADS) throw new Error(`--threads must be from 1 to ${MAX_THREADS}`);
  const only = values.only === undefined ? undefined : int(values.only, 0, "--only");
  const from = int(values.from, 0, "--from");
  if (only !== undefined && values.from !== undefined) throw new Error("--only and --from cannot be given together");
  if (only !== undefined && only < 0) throw new Error("--only must not be negative");
  if (from < 0) throw new Error("--from must not be negative");
  return {
    out: values.out ?? "fuzz-failures",
    fuzz: {
      gen,
      seed,
      count: int(values.count, 100, "--count"),
      only,
      from,
      targets: list(values.targets ?? "wasm32,wasm64", ["wasm32", "wasm64"] as TargetName[], "--targets"),
      optLevels: list(values.O ?? "2", [0, 1, 2, 3] as OptLevel[], "-O"),
      // none runs on one thread only: a case's multi-threaded run would be refused.
      stms: list(values.stm ?? "etl", STM_ALGORITHMS.filter((s) => s !== "none"), "--stm"),
      alternateTargets: false,
      threads,
      mutantEvery: int(values["mutants-every"], 4, "--mutants-every"),
      jobs: int(values.jobs, 1, "--jobs"),
      gcStress: values["gc-stress"] === true,
      shrinkSeconds: int(values["shrink-seconds"], 120, "--shrink-seconds"),
    },
  };
}

/** The flags that reproduce the run's generator settings. */
function genFlags(o: FuzzOptions): string {
  const flags = FEATURE_SWITCHES.filter((s) => !o.gen[s]).map((s) => `--${SWITCH_FLAGS[s]}`);
  if (o.gen.size !== "medium") flags.push(`--size ${o.gen.size}`);
  if (o.mutantEvery !== 4) flags.push(`--mutants-every ${o.mutantEvery}`);
  if (o.optLevels.join(",") !== "2") flags.push(`-O ${o.optLevels.join(",")}`);
  if (o.threads > 1) flags.push(`--threads ${o.threads}`);
  if (o.stms !== undefined && o.stms.join(",") !== "etl") flags.push(`--stm ${o.stms.join(",")}`);
  if (o.gcStress) flags.push("--gc-stress");
  return flags.map((f) => ` ${f}`).join("");
}

function save(out: string, o: FuzzOptions, f: FoundFailure): string {
  fs.mkdirSync(out, { recursive: true });
  const name = `${o.seed}-${f.index}`;
  const base = path.join(out, name);
  writeCase(out, f.shrunk, name);
  if (f.shrunk.text !== f.case.text) writeCase(out, f.case, `${name}.orig`);
  const s = f.shrunkFailure;
  const info = [
    `${s.kind} at ${s.where}`,
    `reproduce: npm run fuzz -- --seed ${o.seed} --only ${f.index}${genFlags(o)}`,
    f.case.k === "mutant" ? `mutation: ${f.shrunk.what}${f.shrunk.mustReject ? " (must be rejected)" : ""}` : "",
    "",
    s.detail,
    "",
  ];
  fs.writeFileSync(`${base}.txt`, info.filter((l, i) => l !== "" || i > 2).join("\n"));
  return `${base}.ts`;
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = options(argv);
  } catch (error) {
    process.stderr.write(`fuzz: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    return 2;
  }
  if (parsed === null) {
    process.stdout.write(HELP);
    return 0;
  }
  const { fuzz: o, out } = parsed;
  const off = FEATURE_SWITCHES.filter((s) => !o.gen[s]);
  process.stdout.write(
    `fuzz: seed ${o.seed}, ${o.only === undefined ? `${o.count} cases${o.from ? ` from case ${o.from}` : ""}` : `case ${o.only}`}, 1 in ${o.mutantEvery} ill-formed; ${o.targets.join(" and ")} at -O${o.optLevels.join("/-O")}; ` +
      `threads 1${o.threads > 1 ? ` and ${o.threads}` : ""}${off.length > 0 ? `; without ${off.join(", ")}` : ""}\n`,
  );
  const summary = await fuzz({
    ...o,
    progress: (line) => void process.stdout.write(`  ${line}\n`),
    onFailure: (f) => {
      const file = save(out, o, f);
      const s = f.shrunkFailure;
      process.stdout.write(`FAIL case ${f.index}: ${s.kind} at ${s.where} -> ${file}\n${s.detail.split("\n").slice(0, 4).map((l) => `    ${l.slice(0, 300)}`).join("\n")}\n`);
    },
  });
  const count = (k: string) => summary.failures.filter((f) => f.failure.kind === k).length;
  const others = summary.failures.length - count("mismatch") - count("internal");
  process.stdout.write(
    `\nprograms ${summary.programs} (${summary.completed} ran to their end), ill-formed ${summary.mutants}, passed ${summary.passed}, mismatches ${count("mismatch")}, internal errors ${count("internal")}, other failures ${others}` +
      ` (${summary.seconds.toFixed(0)} s, ${((summary.programs + summary.mutants) / (summary.seconds / 60)).toFixed(0)} cases/min)\n`,
  );
  if (summary.failures.length > 0) process.stdout.write(`failures saved in ${path.resolve(out)}\n`);
  return summary.failures.length > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
