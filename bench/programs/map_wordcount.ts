// Word count on one shared Map<string, i32>: PyPy-STM's dictionary workload. One task per chunk
// of lines splits and normalises its words and counts each straight into the shared map
// (`counts.set(w, (counts.get(w) ?? 0) + 1)`), on purpose unlike wordcount's private tables:
// it measures how the map scales when tasks update it. Frequent words make those updates
// conflict; inserting new words rarely does (the map's stripes, docs/design.md). Checks: the map
// against a sequential count of the same text (every word's count, the number of words).
// Prints the totals and the most frequent words.
import { i32, print, transaction } from "stmc";
import { makeText, makeVocabulary, normalise, resetRandom } from "./lib/text";

const VOCABULARY = 2000;

let counts = new Map<string, i32>();

function countChunk(lines: string[], from: i32, to: i32): void {
  for (let l = from; l < to; l++) {
    for (const token of lines[l].split(" ")) {
      const word = normalise(token);
      if (word.length > 0) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
}

export function run(size: i32): void {
  resetRandom();
  const lines = size === 0 ? 400 : size === 1 ? 64000 : 256000;
  const chunk = 10;
  const text = makeText(makeVocabulary(VOCABULARY), lines, 12);
  counts = new Map<string, i32>();
  for (let from = 0; from < lines; from += chunk) transaction.add(countChunk, text, from, Math.min(from + chunk, lines));
  transaction.run();

  // Check against a sequential count.
  const expected = new Map<string, i32>();
  let words = 0;
  for (const line of text) {
    for (const token of line.split(" ")) {
      const word = normalise(token);
      if (word.length === 0) continue;
      expected.set(word, (expected.get(word) ?? 0) + 1);
      words++;
    }
  }
  let sum = 0;
  for (const [word, n] of counts) {
    if (expected.get(word) !== n) throw new Error(`the count of '${word}' differs from the sequential count`);
    sum += n;
  }
  if (counts.size !== expected.size || sum !== words) throw new Error("the number of words differs from the sequential count");
  const top = Array.from(counts.keys()).sort((a, b) => {
    const d = counts.get(b)! - counts.get(a)!;
    return d !== 0 ? d : a < b ? -1 : a > b ? 1 : 0;
  });
  print("words", sum, "distinct", counts.size);
  print("top", top.slice(0, 5).map((w) => `${w}=${counts.get(w) ?? 0}`).join(" "));
}

export function main(): void {
  run(0);
}
