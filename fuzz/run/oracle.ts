// The oracle. A well-typed program must compile for every configuration and print what the
// reference run prints (stdout, stderr up to the column of a location, exit status) on every
// thread count. An ill-formed program must get positioned diagnostics: exit status 1 with a
// `file:line:col: error:` line, never an internal compiler error or a JavaScript stack trace.
import { Child, ChildCrash, ChildTimeout, childScript } from "./child.js";
import type { CompileReply, CompileRequest, ConfigResult, Outcome, ReferenceReply, ReferenceRequest, RunConfig } from "./protocol.js";

export type FailureKind =
  | "mismatch" // compiled output differs from the reference's
  | "internal" // the compiler threw, or runModule failed (exit status 70 at the command line)
  | "crash" // a child process died (V8 fatal error, out of memory)
  | "timeout"
  | "rejected" // a well-typed program got compile errors
  | "reference" // the reference runner itself failed
  | "diagnostic" // an ill-formed program's diagnostics lack a position or show a stack trace
  | "accepted"; // an ill-formed program that must be rejected compiled

export interface Failure {
  kind: FailureKind;
  /** Where it happened, e.g. "wasm64 -O2 threads 3". */
  where: string;
  /** What differs, for the report. */
  detail: string;
  /** Same signature = same failure (shrinking keeps it). */
  signature: string;
  /** The configuration that failed (to shrink with it alone). */
  config?: RunConfig;
}

export interface OracleOptions {
  /** Folder the programs are written to; the children run there so files are named alike in both runs. */
  workDir: string;
  gcStress: boolean;
  compileTimeoutMs: number;
}

function firstDifference(a: string, b: string): string {
  const al = a.split("\n");
  const bl = b.split("\n");
  for (let i = 0; i < Math.max(al.length, bl.length); i++) {
    if (al[i] !== bl[i]) return `line ${i + 1}: reference ${JSON.stringify(al[i] ?? "<end>")}, compiled ${JSON.stringify(bl[i] ?? "<end>")}`;
  }
  return "";
}

/** Words of an error, without numbers and names, to tell failures apart. */
function gist(text: string): string {
  return text.split("\n")[0].replace(/\d+/g, "N").replace(/'[^']*'/g, "'X'").slice(0, 120);
}

function configName(c: RunConfig, threads?: number): string {
  return `${c.target} -O${c.optimizeLevel}${c.stm === undefined || c.stm === "etl" ? "" : ` --stm ${c.stm}`}${threads === undefined ? "" : ` threads ${threads}`}`;
}

export class Oracle {
  private nextId = 1;
  /** The reference outcome of the last well-typed program checked (for statistics). */
  lastReference: Outcome | undefined;
  private readonly executor: Child<CompileRequest, CompileReply>;
  private readonly reference: Child<ReferenceRequest, ReferenceReply>;

  constructor(private readonly options: OracleOptions) {
    this.executor = new Child(childScript("executor"), options.workDir, false);
    this.reference = new Child(childScript("reference"), options.workDir, true, 300);
  }

  close(): void {
    this.executor.close();
    this.reference.close();
  }

  private async compile(file: string, configs: RunConfig[]): Promise<ConfigResult[] | Failure> {
    try {
      const r = await this.executor.request({ id: this.nextId++, kind: "compile", file, configs, gcStress: this.options.gcStress }, this.options.compileTimeoutMs);
      return r.reply.results;
    } catch (error) {
      return childFailure(error, "compiler");
    }
  }

  private async runReference(file: string): Promise<Outcome | Failure> {
    try {
      const r = await this.reference.request({ id: this.nextId++, file }, 60_000);
      if (r.reply.crash !== undefined) return { kind: "reference", where: "reference", detail: r.reply.crash, signature: `reference:${gist(r.reply.crash)}` };
      return { stdout: r.stdout, stderr: r.stderr, exitCode: r.reply.exitCode };
    } catch (error) {
      return childFailure(error, "reference");
    }
  }

  /** A well-typed program: null when every configuration behaves like the reference. */
  async checkProgram(file: string, configs: RunConfig[]): Promise<Failure | null> {
    this.lastReference = undefined;
    const [expected, results] = await Promise.all([this.runReference(file), this.compile(file, configs)]);
    if ("kind" in expected) return expected;
    this.lastReference = expected;
    if (!Array.isArray(results)) return results;
    for (const r of results) {
      const where = configName(r.config);
      const config = { ...r.config, threads: [1] };
      if (r.compile === "internal") return { kind: "internal", where, detail: r.text, signature: `internal:${gist(r.text)}`, config };
      if (r.compile === "rejected") return { kind: "rejected", where, detail: r.text, signature: `rejected:${gist(r.text.replace(/^[^:]*:\d+:\d+: /, ""))}`, config };
      for (const run of r.runs) {
        const at = configName(r.config, run.threads);
        const config = { ...r.config, threads: [run.threads] };
        if (run.fatal !== undefined) return { kind: "internal", where: at, detail: run.fatal, signature: `run:${gist(run.fatal)}`, config };
        const parts: string[] = [];
        if (run.stdout !== expected.stdout) parts.push(`stdout ${firstDifference(expected.stdout, run.stdout)}`);
        if (run.stderr !== expected.stderr) parts.push(`stderr: reference ${JSON.stringify(expected.stderr)}, compiled ${JSON.stringify(run.stderr)}`);
        if (run.exitCode !== expected.exitCode) parts.push(`exit status: reference ${expected.exitCode}, compiled ${run.exitCode}`);
        if (parts.length > 0) {
          const streams = [run.stdout !== expected.stdout ? "stdout" : "", parts.some((p) => p.startsWith("stderr")) ? "stderr" : "", run.exitCode !== expected.exitCode ? "exit" : ""].filter(Boolean);
          return { kind: "mismatch", where: at, detail: parts.join("\n"), signature: `mismatch:${streams.join("+")}`, config };
        }
      }
    }
    return null;
  }

  /**
   * An ill-formed program: null when it gets positioned diagnostics (or, unless `mustReject`,
   * compiles). `file` is the name the diagnostics must use.
   */
  async checkMutant(file: string, mustReject: boolean, lines: number): Promise<Failure | null> {
    this.lastReference = undefined;
    const results = await this.compile(file, [{ target: "wasm32", optimizeLevel: 0, threads: [] }]);
    if (!Array.isArray(results)) return results;
    const r = results[0];
    const where = "wasm32 -O0 (compile only)";
    if (r.compile === "internal") return { kind: "internal", where, detail: r.text, signature: `internal:${gist(r.text)}` };
    if (r.compile === "ok") return mustReject ? { kind: "accepted", where, detail: "the program compiled", signature: "accepted" } : null;
    const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const positioned = [...r.text.matchAll(new RegExp(`^${escaped}:(\\d+):(\\d+): error: `, "gm"))];
    if (positioned.length === 0) return { kind: "diagnostic", where, detail: `no "${file}:line:col: error:" line in:\n${r.text}`, signature: "diagnostic:unpositioned" };
    const outside = positioned.find((m) => Number(m[1]) < 1 || Number(m[1]) > lines + 1 || Number(m[2]) < 1);
    if (outside !== undefined) return { kind: "diagnostic", where, detail: `position ${outside[1]}:${outside[2]} outside the file (${lines} lines):\n${r.text}`, signature: "diagnostic:outside" };
    if (/^\s+at .+:\d+:\d+\)?$/m.test(r.text) || /\n\s+at (?:new |async )?[\w.$<>]+ \(/.test(r.text)) {
      return { kind: "diagnostic", where, detail: `a JavaScript stack trace in the diagnostics:\n${r.text}`, signature: "diagnostic:stack" };
    }
    // An exception of the compiler reported as if it were the program's error.
    const leaked = /Cannot read propert|Maximum call stack size|internal compiler error|\b(?:Type|Range|Reference)Error\b/.exec(r.text);
    if (leaked !== null) return { kind: "diagnostic", where, detail: `a compiler exception in the diagnostics ("${leaked[0]}"):\n${r.text}`, signature: `diagnostic:leak:${leaked[0]}` };
    return null;
  }
}

function childFailure(error: unknown, who: string): Failure {
  if (error instanceof ChildTimeout) return { kind: "timeout", where: who, detail: error.message, signature: `timeout:${who}` };
  if (error instanceof ChildCrash) return { kind: "crash", where: who, detail: error.message, signature: `crash:${who}` };
  throw error;
}
