// Maps and sets shared by tasks: a word count and an inverted index over generated lines, each
// line a task, plus a set of words seen, a map filled inside atomic blocks, and a task that
// makes and fills a map of its own before publishing it. The output does not depend on the
// order the tasks ran in (counts, sorted lists), so it is the same at every thread count.
import { i32, print, transaction } from "stmc";

const SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "ta"];
const counts = new Map<string, i32>();
const lines = new Map<string, i32[]>();
const seen = new Set<string>();
const published = new Map<i32, Map<string, i32>>();

function word(seed: i32): string {
  return SYLLABLES[seed % 6] + SYLLABLES[(seed >> 3) % 6];
}

function countLine(line: i32): void {
  for (let i = 0; i < 12; i++) {
    const w = word(line * 13 + i * 5);
    counts.set(w, (counts.get(w) ?? 0) + 1);
    seen.add(w);
    let where = lines.get(w);
    if (where === undefined) {
      where = [];
      lines.set(w, where);
    }
    if (where.indexOf(line) < 0) where.push(line);
  }
}

function ownMap(id: i32): void {
  const mine = new Map<string, i32>();
  for (let i = 0; i < 5; i++) mine.set(word(id + i), i);
  published.set(id, mine);
}

export function main(): void {
  for (let line = 0; line < 40; line++) transaction.add(countLine, line);
  for (let id = 0; id < 6; id++) transaction.add(ownMap, id);
  transaction.run();
  const words = Array.from(counts.keys()).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let total = 0;
  for (const w of words) {
    total += counts.get(w)!;
    const where = lines.get(w)!.slice().sort((a, b) => a - b);
    print(w, counts.get(w) ?? 0, where.length, where.slice(0, 3).join(","));
  }
  print("words", words.length, "total", total, "seen", seen.size);
  for (let id = 0; id < 6; id++) {
    const mine = published.get(id)!;
    print(id, mine.size, Array.from(mine.keys()).join(","));
  }
  transaction.atomic(() => {
    counts.set("extra", 1);
    counts.delete(words[0]);
  });
  print(counts.size, counts.has("extra"), counts.has(words[0]));
}
