// `stmc run --watch file.ts`: compile and run, then again each time a .ts file is saved in a
// folder of the program's files (a run still going is stopped first): folders rather than files,
// so that a file the compile could not read, or an import that does not exist yet, is seen too.
// The compiler stays loaded between compiles. Ends on Ctrl-C (SIGINT) or SIGTERM, with status 130.
import fs from "node:fs";
import path from "node:path";
import type { CompileOptions } from "../compiler/index.js";
import { formatStats, runModule, type RunOptions } from "../runtime/host/index.js";

export interface WatchSettings {
  compile: CompileOptions;
  run: RunOptions;
  threads: number;
  stats: boolean;
  /** Where the watcher's own lines go (compile times, what changed). */
  log: (text: string) => void;
}

/** A save often arrives as several events (write, rename, chmod): act once it settles. */
const SETTLE_MS = 50;
/** The status of a watch ended by a signal, as a shell reports a command ended by SIGINT. */
const INTERRUPTED = 130;

export async function watch(file: string, settings: WatchSettings): Promise<number> {
  const compiler = await import("../compiler/index.js");
  let current: { stop: AbortController; done: Promise<void> } | null = null;
  let watchers: fs.FSWatcher[] = [];
  let folders = new Set<string>();
  let settle: NodeJS.Timeout | undefined;
  let stopping = false;

  const stopRun = async (): Promise<void> => {
    if (current === null) return;
    current.stop.abort(new Error("a file changed"));
    await current.done;
    current = null;
  };

  /** Watches the folders of `files` for saved .ts files. */
  const watchFolders = (files: string[]): void => {
    const next = new Set([...files, file].map((f) => path.dirname(path.resolve(f))));
    if (stopping || (next.size === folders.size && [...next].every((f) => folders.has(f)))) return;
    for (const w of watchers) w.close();
    folders = next;
    watchers = [];
    for (const folder of folders) {
      try {
        watchers.push(
          fs.watch(folder, (_event, name) => {
            if (name === null || !name.toString().endsWith(".ts")) return;
            clearTimeout(settle);
            settle = setTimeout(() => void cycle(`${path.relative(process.cwd(), path.join(folder, name.toString()))} changed`), SETTLE_MS);
          }),
        );
      } catch (error) {
        settings.log(`stmc: cannot watch ${folder}: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
  };

  /** One compile and run; never rejects (the queue of cycles must go on). */
  const compileAndRun = async (why: string | null): Promise<void> => {
    await stopRun();
    if (stopping) return;
    if (why !== null) settings.log(`stmc: ${why}\n`);
    const started = performance.now();
    let result: ReturnType<typeof compiler.compileFile>;
    try {
      result = compiler.compileFile(file, settings.compile);
    } catch (error) {
      settings.log(`stmc: internal compiler error: ${error instanceof Error ? error.message : String(error)}\n`);
      watchFolders([]);
      return;
    }
    watchFolders(result.files);
    const ms = Math.round(performance.now() - started);
    const count = `${folders.size} folder${folders.size === 1 ? "" : "s"}`;
    if (!result.ok) {
      const text = compiler.formatDiagnostics(result.diagnostics);
      process.stderr.write(text.endsWith("\n") ? text : `${text}\n`);
      settings.log(`stmc: compile failed (${ms} ms); watching ${count} for changes\n`);
      return;
    }
    settings.log(`stmc: compiled in ${ms} ms; watching ${count} for changes (Ctrl-C to stop)\n`);
    const stop = new AbortController();
    const done = runModule(result.wasm, { ...settings.run, signal: stop.signal }).then(
      (run) => {
        if (run.exitCode !== 0) settings.log(`stmc: exit status ${run.exitCode}\n`);
        if (settings.stats && run.stats !== undefined) process.stderr.write(formatStats(run.stats, settings.threads));
      },
      (error: unknown) => {
        if (stop.signal.aborted) return; // stopped for a newer version
        process.stderr.write(`stmc: cannot run ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
      },
    );
    current = { stop, done };
  };

  let cycling = Promise.resolve();
  const cycle = (why: string | null): Promise<void> => (cycling = cycling.then(() => compileAndRun(why)));

  await cycle(null);
  await new Promise<void>((resolve) => {
    const end = () => resolve();
    process.once("SIGINT", end);
    process.once("SIGTERM", end);
  });
  stopping = true;
  clearTimeout(settle);
  for (const w of watchers) w.close();
  await cycling;
  await stopRun();
  return INTERRUPTED;
}
