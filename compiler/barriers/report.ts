// `stmc compile --emit barriers`: the barrier plan of every function's transactional code, one
// line per access part, in source order, for people and for tests that pin the decisions.
import type { FunctionDecl } from "../check/ir.js";
import type { BarrierPlan } from "./select.js";

export function formatBarrierReport(reports: ReadonlyArray<{ fn: FunctionDecl; plan: BarrierPlan }>): string {
  const lines: string[] = [];
  for (const { fn, plan } of reports) {
    if (plan.decisions.length === 0) continue;
    lines.push(`${fn.sourceName === fn.name ? fn.name : `${fn.sourceName} (${fn.name})`} ${fn.loc[0]}:${fn.loc[1]}:${fn.loc[2]}`);
    const sorted = [...plan.decisions].sort((a, b) => a.loc[1] - b.loc[1] || a.loc[2] - b.loc[2]);
    for (const d of sorted) lines.push(`  ${d.loc[1]}:${d.loc[2]} ${d.what}: ${d.kind}`);
  }
  return lines.length === 0 ? "no shared accesses in transactional code\n" : `${lines.join("\n")}\n`;
}
