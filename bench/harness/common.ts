// Helpers shared by the bench harnesses.

/** The value of `f` and the seconds it took. */
export async function timed<T>(f: () => Promise<T> | T): Promise<[T, number]> {
  const start = performance.now();
  const value = await f();
  return [value, (performance.now() - start) / 1000];
}

/** A markdown table with its columns padded to the widest cell. */
export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
