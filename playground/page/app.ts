// The playground: edit a program, compile it in the page (compiler/browser.ts), run it on Web
// Workers (runtime/host/browser.ts), show its output and the STM's figures. The page's state is
// in its address (#target=...&source=...), so a link reproduces a run; the CLI command that
// does the same is shown under the output.
import { compile, formatDiagnostics, loadCompiler } from "../../compiler/browser.js";
import { CrossOriginIsolationError, formatStats, isolated, runModule } from "../../runtime/host/browser.js";

const EXAMPLES = ["squares.ts", "words.ts", "hello.ts", "richards.ts"];

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const source = $<HTMLTextAreaElement>("source");
const example = $<HTMLSelectElement>("example");
const target = $<HTMLSelectElement>("target");
const stm = $<HTMLSelectElement>("stm");
const threads = $<HTMLInputElement>("threads");
const optimize = $<HTMLSelectElement>("optimize");
const runButton = $<HTMLButtonElement>("run");
const stopButton = $<HTMLButtonElement>("stop");
const permalink = $<HTMLAnchorElement>("permalink");
const status = $("status");
const stdout = $("stdout");
const stderr = $("stderr");
const stats = $("stats");
const cli = $("cli");

/** Files of the program `stmc serve` was given (watched: a save reruns it). */
let served: Record<string, string> = {};

/** The page's state, for people and for tests: loading, ready, running, done, failed, stopped. */
function setState(state: string, text: string): void {
  document.body.dataset.state = state;
  status.textContent = text;
}

function fileName(): string {
  return example.value.replace(/^(served|example):/, "");
}

async function loadProgram(choice: string): Promise<void> {
  if (choice.startsWith("served:")) {
    source.value = served[fileName()] ?? "";
    return;
  }
  const response = await fetch(`/stmc/examples/${fileName()}`);
  source.value = response.ok ? await response.text() : `// cannot load ${fileName()}: ${response.status}`;
}

// ---- the address: settings and source -----------------------------------------------------------

function encode(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function decode(text: string): string {
  const bytes = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder().decode(Uint8Array.from(bytes, (c) => c.charCodeAt(0)));
}

function settings(): URLSearchParams {
  return new URLSearchParams({ name: fileName(), target: target.value, stm: stm.value, threads: threads.value, O: optimize.value, source: encode(source.value) });
}

function updateLinks(): void {
  permalink.href = `#${settings()}`;
  const name = fileName();
  cli.textContent = `the same run from a shell (the program saved as ${name}):\n  stmc run ${name} --target ${target.value} --stm ${stm.value} --threads ${threads.value} -O${optimize.value} --stats`;
}

function restoreFromAddress(): boolean {
  const params = new URLSearchParams(location.hash.slice(1));
  const text = params.get("source");
  if (text === null) return false;
  for (const [key, element] of [["target", target], ["stm", stm], ["threads", threads], ["O", optimize]] as const) {
    const value = params.get(key);
    if (value !== null) element.value = value;
  }
  source.value = decode(text);
  const name = params.get("name") ?? "main.ts";
  example.add(new Option(`${name} (from the link)`, `served:${name}`), 0);
  example.selectedIndex = 0;
  served[name] = source.value;
  return true;
}

// ---- compile and run ----------------------------------------------------------------------------

let running = false;
/** A served file was saved during a run: run again once this one has stopped. */
let rerun = false;
/** Stops the program that runs now (a runaway loop): its threads are terminated. */
let stopRun: AbortController | null = null;

async function compileAndRun(): Promise<void> {
  if (running) return;
  running = true;
  runButton.disabled = true;
  stdout.textContent = "";
  stderr.textContent = "";
  stats.textContent = "";
  updateLinks();
  try {
    const name = fileName();
    setState("running", "compiling…");
    const started = performance.now();
    // Other served files stay importable by the program (relative imports resolve among them).
    const files = { ...served, [name]: source.value };
    const result = compile({ files, entry: name }, { target: target.value as "wasm32" | "wasm64", stm: stm.value as "etl" | "gil" | "none", optimizeLevel: Number(optimize.value) as 0 | 1 | 2 | 3 });
    const compiled = performance.now();
    if (!result.ok) {
      stderr.textContent = formatDiagnostics(result.diagnostics);
      setState("failed", `${result.diagnostics.length} error(s) (${Math.round(compiled - started)} ms)`);
      return;
    }
    setState("running", `compiled in ${Math.round(compiled - started)} ms (${result.wasm.length} bytes); running…`);
    const count = Number(threads.value);
    stopRun = new AbortController();
    stopButton.disabled = false;
    const run = await runModule(result.wasm, {
      threads: count,
      stdout: (text) => void (stdout.textContent += text),
      stderr: (text) => void (stderr.textContent += text),
      signal: stopRun.signal,
    });
    const ran = performance.now();
    if (run.stats !== undefined) stats.textContent = formatStats(run.stats, count);
    setState(run.exitCode === 0 ? "done" : "failed", `compiled in ${Math.round(compiled - started)} ms, ran in ${Math.round(ran - compiled)} ms: exit status ${run.exitCode}`);
  } catch (error) {
    stderr.textContent += `${error instanceof Error ? error.message : String(error)}\n`;
    const stopped = stopRun?.signal.aborted === true;
    setState(stopped ? "stopped" : "failed", error instanceof CrossOriginIsolationError ? "this page is not cross-origin isolated" : stopped ? "stopped" : "the run failed");
  } finally {
    running = false;
    stopRun = null;
    stopButton.disabled = true;
    runButton.disabled = false;
  }
  if (rerun) {
    rerun = false;
    await compileAndRun();
  }
}

// ---- start ----------------------------------------------------------------------------------------

/** The files `stmc serve` serves (path -> text), and the one it was given, if any. */
async function servedFiles(): Promise<{ files: Record<string, string>; entry: string | null }> {
  const response = await fetch("/api/files");
  const body = (await response.json()) as { files?: Record<string, string>; entry?: string | null; error?: string };
  if (!response.ok || body.files === undefined) throw new Error(`stmc serve cannot read the program: ${body.error ?? response.status}`);
  return { files: body.files, entry: body.entry ?? null };
}

async function start(): Promise<void> {
  setState("loading", "loading the compiler…");
  if (!isolated()) {
    stderr.textContent = new CrossOriginIsolationError().message;
    setState("failed", "this page is not cross-origin isolated");
    return;
  }
  const files = await servedFiles();
  served = files.files;
  for (const name of Object.keys(served)) example.add(new Option(`${name} (served)`, `served:${name}`));
  for (const name of EXAMPLES) example.add(new Option(`examples/${name}`, `example:${name}`));
  if (files.entry !== null) example.value = `served:${files.entry}`;
  if (!restoreFromAddress()) await loadProgram(example.value);
  example.addEventListener("change", () => void loadProgram(example.value).then(updateLinks));
  for (const element of [source, target, stm, threads, optimize]) element.addEventListener("change", updateLinks);
  runButton.addEventListener("click", () => void compileAndRun());
  stopButton.addEventListener("click", () => stopRun?.abort(new Error("stopped from the page")));
  updateLinks();

  // `stmc serve file.ts`: a save reloads the file and runs it again when it is shown.
  new EventSource("/api/events").addEventListener("change", async () => {
    try {
      served = (await servedFiles()).files;
    } catch (error) {
      stderr.textContent = `${error instanceof Error ? error.message : String(error)}\n`;
      return;
    }
    if (!example.value.startsWith("served:") || served[fileName()] === undefined) return;
    source.value = served[fileName()];
    if (running) {
      rerun = true;
      stopRun?.abort(new Error("a served file changed"));
    } else {
      await compileAndRun();
    }
  });

  const started = performance.now();
  await loadCompiler();
  runButton.disabled = false;
  setState("ready", `compiler loaded in ${Math.round(performance.now() - started)} ms`);
}

start().catch((error: unknown) => {
  stderr.textContent = `${error instanceof Error ? error.stack ?? error.message : String(error)}\n`;
  setState("failed", "the playground could not start");
});
