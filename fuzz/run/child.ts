// The parent's side of a child process (executor.ts or reference.ts): one request at a time,
// a time limit (the child is killed and restarted on the next request), and a restart every
// `recycleAfter` requests so that memory the programs leave behind is returned.
import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import { packageRoot } from "../../runtime/packageRoot.js";
import { marker } from "./protocol.js";

export class ChildTimeout extends Error {}
export class ChildCrash extends Error {}

export interface Reply<R> {
  reply: R;
  /** What the child wrote to stdout/stderr for this request (captureOutput only). */
  stdout: string;
  stderr: string;
}

/** The compiled child script (dist/fuzz/run/<name>.js), also when the fuzzer runs from source under vitest. */
export function childScript(name: string): string {
  return path.join(packageRoot(), "dist", "fuzz", "run", `${name}.js`);
}

export class Child<Req extends { id: number }, Rep extends { id: number }> {
  private proc: ChildProcess | undefined;
  private served = 0;
  private out = "";
  private err = "";
  private settle: (() => void) | undefined;

  constructor(
    private readonly script: string,
    private readonly cwd: string,
    private readonly captureOutput: boolean,
    private readonly recycleAfter = 400,
  ) {}

  private start(): ChildProcess {
    const proc = fork(this.script, [], { cwd: this.cwd, stdio: ["ignore", "pipe", "pipe", "ipc"], execArgv: [], serialization: "advanced" });
    this.out = "";
    this.err = "";
    proc.stdout!.setEncoding("utf8").on("data", (d: string) => {
      this.out += d;
      this.settle?.();
    });
    proc.stderr!.setEncoding("utf8").on("data", (d: string) => {
      this.err += d;
      this.settle?.();
    });
    this.proc = proc;
    this.served = 0;
    return proc;
  }

  async request(req: Req, timeoutMs: number): Promise<Reply<Rep>> {
    if (this.proc !== undefined && this.served >= this.recycleAfter) this.close();
    const proc = this.proc ?? this.start();
    this.served++;
    if (!this.captureOutput) this.err = this.err.slice(-4000);
    return new Promise<Reply<Rep>>((resolve, reject) => {
      let reply: Rep | undefined;
      const end = marker(req.id);
      const done = (error?: Error) => {
        clearTimeout(timer);
        proc.off("message", onMessage);
        proc.off("exit", onExit);
        this.settle = undefined;
        if (error !== undefined) {
          this.kill(proc);
          reject(error);
          return;
        }
        let stdout = "";
        let stderr = "";
        if (this.captureOutput) {
          const o = this.out.indexOf(end);
          const e = this.err.indexOf(end);
          stdout = this.out.slice(0, o);
          stderr = this.err.slice(0, e);
          this.out = this.out.slice(o + end.length);
          this.err = this.err.slice(e + end.length);
        }
        resolve({ reply: reply!, stdout, stderr });
      };
      const check = () => {
        if (reply === undefined) return;
        if (!this.captureOutput || (this.out.includes(end) && this.err.includes(end))) done();
      };
      const onMessage = (m: Rep) => {
        if (m.id !== req.id) return;
        reply = m;
        check();
      };
      const onExit = (code: number | null, signal: string | null) => {
        this.proc = undefined;
        done(new ChildCrash(`the child process exited (${signal ?? `status ${code}`})${this.err ? `:\n${this.err.slice(-2000)}` : ""}`));
      };
      const timer = setTimeout(() => done(new ChildTimeout(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
      this.settle = check;
      proc.on("message", onMessage);
      proc.on("exit", onExit);
      proc.send(req);
    });
  }

  private kill(proc: ChildProcess): void {
    if (this.proc === proc) this.proc = undefined;
    proc.removeAllListeners("exit");
    proc.kill("SIGKILL");
  }

  close(): void {
    if (this.proc !== undefined) this.kill(this.proc);
  }
}
