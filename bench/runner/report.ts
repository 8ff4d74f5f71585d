// The suite's outputs: a table for the terminal, and an offline HTML report (one file, inline
// SVG: a scaling chart per program, threads -> speedup, one line per STM and target; the
// overhead table). The JSON is the SuiteResult itself.
import fs from "node:fs";
import path from "node:path";
import type { ConfigResult, SuiteResult } from "./suite.js";

const fixed = (x: number | undefined, digits = 2): string => (x === undefined ? "-" : x.toFixed(digits));

function configName(c: ConfigResult): string {
  return c.stm === "reference" ? "V8 (reference)" : `${c.stm} ×${c.threads} ${c.target}`;
}

const HEADER = ["program", "configuration", "seconds", "speedup", "vs none", "vs V8", "aborts %", "peak RSS MiB"];

function rows(result: SuiteResult): string[][] {
  const out: string[][] = [];
  for (const p of result.programs) {
    if (p.error !== undefined) {
      out.push([p.name, `FAILED: ${p.error.split("\n")[0]}`, "-", "-", "-", "-", "-", "-"]);
      continue;
    }
    for (const c of p.configs) {
      out.push([
        p.name,
        configName(c),
        c.seconds.toFixed(3),
        fixed(c.speedup),
        fixed(c.overheadVsNone),
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
  return [title, "", line(HEADER), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

const escape = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];

/** threads -> speedup over one thread, one line per STM and target. */
function scalingChart(configs: ConfigResult[]): string {
  const series = new Map<string, Array<[number, number]>>();
  for (const c of configs) {
    if (c.speedup === undefined) continue;
    const key = `${c.stm} ${c.target}`;
    series.set(key, [...(series.get(key) ?? []), [c.threads, c.speedup]]);
  }
  if (series.size === 0) return "<p>No STM runs.</p>";
  const W = 360;
  const H = 240;
  const pad = 40;
  const maxThreads = Math.max(...[...series.values()].flat().map(([t]) => t), 2);
  const maxSpeedup = Math.max(maxThreads, ...[...series.values()].flat().map(([, s]) => s));
  const x = (t: number) => pad + ((t - 1) / (maxThreads - 1)) * (W - 2 * pad);
  const y = (s: number) => H - pad - (s / maxSpeedup) * (H - 2 * pad);
  const parts: string[] = [];
  parts.push(`<line x1="${x(1)}" y1="${y(1)}" x2="${x(maxThreads)}" y2="${y(maxThreads)}" stroke="#bbb" stroke-dasharray="4 3"/>`);
  parts.push(`<line x1="${pad}" y1="${H - pad}" x2="${W - pad}" y2="${H - pad}" stroke="#333"/><line x1="${pad}" y1="${pad}" x2="${pad}" y2="${H - pad}" stroke="#333"/>`);
  for (let t = 1; t <= maxThreads; t++) parts.push(`<text x="${x(t)}" y="${H - pad + 16}" font-size="11" text-anchor="middle">${t}</text>`);
  for (let s = 0; s <= Math.ceil(maxSpeedup); s++) parts.push(`<text x="${pad - 6}" y="${y(s) + 4}" font-size="11" text-anchor="end">${s}</text>`);
  parts.push(`<text x="${W / 2}" y="${H - 6}" font-size="11" text-anchor="middle">threads</text>`);
  parts.push(`<text x="12" y="${H / 2}" font-size="11" transform="rotate(-90 12 ${H / 2})" text-anchor="middle">speedup</text>`);
  [...series.entries()].forEach(([name, points], i) => {
    const color = COLORS[i % COLORS.length];
    const sorted = [...points].sort((a, b) => a[0] - b[0]);
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${sorted.map(([t, s]) => `${x(t)},${y(s)}`).join(" ")}"/>`);
    for (const [t, s] of sorted) parts.push(`<circle cx="${x(t)}" cy="${y(s)}" r="3" fill="${color}"><title>${escape(name)}: ${t} threads, ${s.toFixed(2)}×</title></circle>`);
    parts.push(`<text x="${W - pad + 4}" y="${pad + 14 * i}" font-size="11" fill="${color}">${escape(name)}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W + 80}" height="${H}" role="img" aria-label="speedup by threads">${parts.join("")}</svg>`;
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
</style></head><body>
<h1>stmc bench</h1>
<p>Size ${escape(result.options.size)}, median of ${result.options.repeat} run(s) each, ${m.cores} cores (${escape(m.cpu)}), Node ${escape(m.node)}, ${escape(m.platform)}, started ${escape(result.started)}.
Speedup: the same STM and target on one thread divided by this; vs none: this divided by <code>--stm none</code> on one thread (the STM's overhead); vs V8: this divided by the reference run on V8.</p>
<h2>Scaling</h2>
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
