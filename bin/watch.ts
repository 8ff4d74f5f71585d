// `stmc run --watch file.ts`: compile and run, then again each time one of the program's files
// is saved (a run still going is stopped first). The compiler stays loaded between compiles.
// Ends on Ctrl-C (SIGINT) or SIGTERM with the last run's exit status.
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

export async function watch(file: string, settings: WatchSettings): Promise<number> {
  const compiler = await import("../compiler/index.js");
  let status = 0;
  let current: { stop: AbortController; done: Promise<void> } | null = null;
  let watchers: fs.FSWatcher[] = [];
  let watched = new Set<string>();
  let settle: NodeJS.Timeout | undefined;

  const stopRun = async (): Promise<void> => {
    if (current === null) return;
    current.stop.abort(new Error("a file changed"));
    await current.done;
    current = null;
  };

  /** Watches the folders of `files` (an editor may save by renaming over the file). */
  const watchFiles = (files: string[]): void => {
    const next = new Set(files.map((f) => path.resolve(f)));
    if ([...next].every((f) => watched.has(f)) && next.size === watched.size) return;
    for (const w of watchers) w.close();
    watched = next;
    const folders = new Set([...next].map((f) => path.dirname(f)));
    watchers = [...folders].map((folder) =>
      fs.watch(folder, (_event, name) => {
        if (name === null || !watched.has(path.join(folder, name.toString()))) return;
        clearTimeout(settle);
        settle = setTimeout(() => void cycle(`${path.relative(process.cwd(), path.join(folder, name.toString()))} changed`), SETTLE_MS);
      }),
    );
  };

  let cycling = Promise.resolve();
  const cycle = (why: string | null): Promise<void> =>
    (cycling = cycling.then(async () => {
      await stopRun();
      if (why !== null) settings.log(`stmc: ${why}\n`);
      const started = performance.now();
      const result = compiler.compileFile(file, settings.compile);
      watchFiles(result.files);
      const ms = Math.round(performance.now() - started);
      if (!result.ok) {
        const text = compiler.formatDiagnostics(result.diagnostics);
        process.stderr.write(text.endsWith("\n") ? text : `${text}\n`);
        settings.log(`stmc: compile failed (${ms} ms); watching ${watched.size} file(s) for changes\n`);
        status = 1;
        return;
      }
      settings.log(`stmc: compiled in ${ms} ms; watching ${watched.size} file(s) for changes (Ctrl-C to stop)\n`);
      const stop = new AbortController();
      const done = runModule(result.wasm, { ...settings.run, signal: stop.signal }).then(
        (run) => {
          status = run.exitCode;
          if (settings.stats && run.stats !== undefined) process.stderr.write(formatStats(run.stats, settings.threads));
        },
        (error: unknown) => {
          if (stop.signal.aborted) return; // stopped for a newer version
          process.stderr.write(`stmc: cannot run ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
          status = 1;
        },
      );
      current = { stop, done };
    }));

  await cycle(null);
  await new Promise<void>((resolve) => {
    const end = () => resolve();
    process.once("SIGINT", end);
    process.once("SIGTERM", end);
  });
  clearTimeout(settle);
  for (const w of watchers) w.close();
  await cycling;
  await stopRun();
  return status;
}
