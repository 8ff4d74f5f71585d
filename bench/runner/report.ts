// The suite's outputs: a table and its summary for the terminal, and an offline HTML report (one
// file: the summary, inline SVG scaling charts per program, threads -> speedup, one line per STM
// and target; the overhead table). The JSON is the SuiteResult itself.
import fs from "node:fs";
import path from "node:path";
import type { ConfigResult, SuiteResult } from "./suite.js";
import type { ProgramFigure, SummaryLine } from "./summary.js";

const fixed = (x: number | undefined, digits = 2): string => (x === undefined ? "-" : x.toFixed(digits));

function configName(c: ConfigResult): string {
  return c.stm === "reference" ? "V8 (reference)" : `${c.stm} ×${c.threads} ${c.target}`;
}

const HEADER = ["program", "configuration", "seconds", "min–max", "speedup", "vs none", "vs V8", "aborts %", "peak RSS MiB"];
/** Marks a ratio whose two configurations' runs overlap. */
const WITHIN_SPREAD = "~";

const ratio = (x: number | undefined, withinSpread: boolean | undefined): string => (x === undefined ? "-" : `${withinSpread ? WITHIN_SPREAD : ""}${x.toFixed(2)}`);

function rows(result: SuiteResult): string[][] {
  const out: string[][] = [];
  for (const p of result.programs) {
    if (p.error !== undefined) {
      out.push([p.name, `FAILED: ${p.error.split("\n")[0]}`, "-", "-", "-", "-", "-", "-", "-"]);
      continue;
    }
    for (const c of p.configs) {
      out.push([
        p.name,
        configName(c),
        c.seconds.toFixed(3),
        c.runs.length > 1 ? `${c.minSeconds.toFixed(3)}–${c.maxSeconds.toFixed(3)}` : "-",
        ratio(c.speedup, c.speedupWithinSpread),
        ratio(c.overheadVsNone, c.overheadWithinSpread),
        fixed(c.vsV8),
        c.abortRate === undefined ? "-" : (c.abortRate * 100).toFixed(1),
        c.peakRssMiB.toFixed(0),
      ]);
    }
  }
  return out;
}

/** A markdown table of every configuration's median figures. */
export function formatTable(result: SuiteResult): string {
  const body = rows(result);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  const m = result.machine;
  const title = `stmc bench: size ${result.options.size}, median of ${result.options.repeat}, ${m.cores} cores (${m.cpu}), Node ${m.node}`;
  const table = [title, "", line(HEADER), line(widths.map((w) => "-".repeat(w))), ...body.map(line)];
  const noisy = result.programs.some((p) => p.configs.some((c) => c.speedupWithinSpread || c.overheadWithinSpread));
  if (noisy) table.push("", `${WITHIN_SPREAD}: the runs of the two configurations this ratio compares overlap (fastest of one below slowest of the other): the difference may be noise.`);
  return table.join("\n");
}

/** "20 of 21": the programs that have the ratio, of all. */
const programsCounted = (line: SummaryLine): string => `${line.figures.length} of ${line.figures.length + line.leftOut.length}`;

const figureText = (f: ProgramFigure): string => `${f.program} ${f.value.toFixed(2)}`;

/** Every figure, or the three worst and the three best with "…" between. */
function compactFigures(figures: ProgramFigure[]): string {
  const shown = figures.length <= 6 ? figures.map(figureText) : [...figures.slice(0, 3).map(figureText), "…", ...figures.slice(-3).map(figureText)];
  return shown.join(", ");
}

const leftOutText = (line: SummaryLine): string => line.leftOut.map((p) => `${p.program} (${p.reason})`).join(", ");

/** e.g. "- etl ×1 / none (wasm32): 2.31 geomean over 20 of 21 programs; labyrinth 5.28, …; left out: richards (no transactions)" */
function summaryText(line: SummaryLine): string {
  const parts = [`- ${line.label}: ${fixed(line.geomean)} geomean over ${programsCounted(line)} programs`];
  if (line.figures.length > 0) parts.push(compactFigures(line.figures));
  if (line.leftOut.length > 0) parts.push(`left out: ${leftOutText(line)}`);
  return parts.join("; ");
}

/** The summary printed under the table: one line per STM, target and ratio ("" when no STM ran). */
export function formatSummary(result: SuiteResult): string {
  if (result.summary.length === 0) return "";
  return ["Summary: geometric means over the programs; each program's figure, worst first:", "", ...result.summary.map(summaryText)].join("\n");
}

const escape = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];

/** A point of a scaling line: the median's speedup, and the range its runs' spread gives it. */
type ScalingPoint = [threads: number, speedup: number, low: number, high: number];

/** threads -> speedup over one thread, one line per STM and target, with error bars (the runs' spread); the legend beside the chart. */
function scalingChart(configs: ConfigResult[]): string {
  const series = new Map<string, ScalingPoint[]>();
  for (const c of configs) {
    if (c.speedup === undefined) continue;
    const key = `${c.stm} ${c.target}`;
    // The one-thread median over this configuration's fastest and slowest run.
    const low = (c.speedup * c.seconds) / (c.maxSeconds ?? c.seconds);
    const high = (c.speedup * c.seconds) / (c.minSeconds ?? c.seconds);
    series.set(key, [...(series.get(key) ?? []), [c.threads, c.speedup, low, high]]);
  }
  if (series.size === 0) return "<p>No STM runs.</p>";
  const W = 360;
  const H = 240;
  const pad = 40;
  const maxThreads = Math.max(...[...series.values()].flat().map(([t]) => t), 2);
  const maxSpeedup = Math.max(maxThreads, ...[...series.values()].flat().map(([, , , high]) => high));
  const x = (t: number) => pad + ((t - 1) / (maxThreads - 1)) * (W - 2 * pad);
  const y = (s: number) => H - pad - (s / maxSpeedup) * (H - 2 * pad);
  const parts: string[] = [];
  parts.push(`<line x1="${x(1)}" y1="${y(1)}" x2="${x(maxThreads)}" y2="${y(maxThreads)}" stroke="#bbb" stroke-dasharray="4 3"/>`);
  parts.push(`<line x1="${pad}" y1="${H - pad}" x2="${W - pad}" y2="${H - pad}" stroke="#333"/><line x1="${pad}" y1="${pad}" x2="${pad}" y2="${H - pad}" stroke="#333"/>`);
  for (let t = 1; t <= maxThreads; t++) parts.push(`<text x="${x(t)}" y="${H - pad + 16}" font-size="11" text-anchor="middle">${t}</text>`);
  for (let s = 0; s <= Math.ceil(maxSpeedup); s++) parts.push(`<text x="${pad - 6}" y="${y(s) + 4}" font-size="11" text-anchor="end">${s}</text>`);
  parts.push(`<text x="${W / 2}" y="${H - 6}" font-size="11" text-anchor="middle">threads</text>`);
  parts.push(`<text x="12" y="${H / 2}" font-size="11" transform="rotate(-90 12 ${H / 2})" text-anchor="middle">speedup</text>`);
  // The legend, right of the plot (apart from the lines): the ideal speedup first.
  const legendX = W - pad + 16;
  const legend = (i: number, color: string, label: string, dashed = false) =>
    `<line x1="${legendX}" y1="${pad + 14 * i - 4}" x2="${legendX + 14}" y2="${pad + 14 * i - 4}" stroke="${color}" stroke-width="2"${dashed ? ' stroke-dasharray="4 3"' : ""}/><text x="${legendX + 18}" y="${pad + 14 * i}" font-size="11" fill="${color}">${escape(label)}</text>`;
  parts.push(`<g class="legend">${legend(0, "#bbb", "ideal", true)}`);
  [...series.keys()].forEach((name, i) => parts.push(legend(i + 1, COLORS[i % COLORS.length], name)));
  parts.push("</g>");
  [...series.entries()].forEach(([name, points], i) => {
    const color = COLORS[i % COLORS.length];
    const sorted = [...points].sort((a, b) => a[0] - b[0]);
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${sorted.map(([t, s]) => `${x(t)},${y(s)}`).join(" ")}"/>`);
    for (const [t, s, low, high] of sorted) {
      if (high > low) parts.push(`<path class="error-bar" d="M${x(t)} ${y(low)}V${y(high)}M${x(t) - 4} ${y(low)}h8M${x(t) - 4} ${y(high)}h8" stroke="${color}" fill="none"/>`);
      parts.push(`<circle cx="${x(t)}" cy="${y(s)}" r="3" fill="${color}"><title>${escape(name)}: ${t} threads, ${s.toFixed(2)}× (runs ${low.toFixed(2)}–${high.toFixed(2)}×)</title></circle>`);
    }
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W + 150}" height="${H}" role="img" aria-label="speedup by threads">${parts.join("")}</svg>`;
}

/** The report's summary section: the terminal's summary with every program's figure. */
function summaryHtml(result: SuiteResult): string {
  if (result.summary.length === 0) return "";
  const header = ["ratio", "geomean", "programs", "each program, worst first", "left out"];
  const row = (line: SummaryLine): string[] => [line.label, fixed(line.geomean), programsCounted(line), line.figures.map(figureText).join(", "), leftOutText(line)];
  return `<h2>Summary</h2>
<p>Per STM and target, the geometric mean over the programs of its time on one thread / <code>--stm none</code> (its overhead) and of its speedup at each other thread count; a program without the ratio (it failed, or its STM runs committed no transaction) is left out of the mean.</p>
<table class="summary"><tr>${header.map((h) => `<th>${escape(h)}</th>`).join("")}</tr>
${result.summary.map((line) => `<tr>${row(line).map((c) => `<td>${escape(c)}</td>`).join("")}</tr>`).join("\n")}
</table>
`;
}

/** Writes `dir`/index.html (creating the directory); returns its path. */
export function writeHtmlReport(result: SuiteResult, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const table = rows(result);
  const m = result.machine;
  const sections = result.programs.map((p) => {
    const body = p.error !== undefined ? `<p class="failed">Failed: ${escape(p.error)}</p>` : scalingChart(p.configs);
    return `<section><h2>${escape(p.name)}</h2>${body}</section>`;
  });
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>stmc bench</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; font-size: 13px; } td, th { border: 1px solid #ccc; padding: 3px 8px; text-align: right; }
td:first-child, td:nth-child(2), th { text-align: left; }
section { display: inline-block; vertical-align: top; margin: 0 2em 2em 0; } .failed { color: #b00; }
table.summary td { text-align: left; } table.summary td:nth-child(2) { text-align: right; }
</style></head><body>
<h1>stmc bench</h1>
<p>Size ${escape(result.options.size)}, median of ${result.options.repeat} run(s) each, ${m.cores} cores (${escape(m.cpu)}), Node ${escape(m.node)}, ${escape(m.platform)}, started ${escape(result.started)}.
Speedup: the same STM and target on one thread divided by this; vs none: this divided by <code>--stm none</code> on one thread (the STM's overhead); vs V8: this divided by the reference run on V8.</p>
${summaryHtml(result)}<h2>Scaling</h2>
${sections.join("\n")}
<h2>Every configuration</h2>
<table><tr>${HEADER.map((h) => `<th>${escape(h)}</th>`).join("")}</tr>
${table.map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join("")}</tr>`).join("\n")}
</table>
</body></html>
`;
  const file = path.join(dir, "index.html");
  fs.writeFileSync(file, html);
  return file;
}
