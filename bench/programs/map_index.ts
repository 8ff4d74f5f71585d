// Inverted index on one shared Map<string, i32[]>: for every word, the lines it occurs on. One
// task per chunk of lines appends each line number to its words' lists in the shared map (a
// new word makes its list), PyPy-STM's dictionary workload with growing values: frequent words'
// lists conflict, new words rarely do. Checks: every list, sorted, against a sequential index
// of the same text; every line of a word's list contains the word. Prints the totals and the
// words on most lines.
import { i32, print, transaction } from "stmc";
import { makeText, makeVocabulary, normalise, resetRandom } from "./lib/text";

const VOCABULARY = 2000;

let index = new Map<string, i32[]>();

function wordsOf(line: string): string[] {
  const out: string[] = [];
  for (const token of line.split(" ")) {
    const word = normalise(token);
    if (word.length > 0 && !out.includes(word)) out.push(word);
  }
  return out;
}

function indexChunk(lines: string[], from: i32, to: i32): void {
  for (let l = from; l < to; l++) {
    for (const word of wordsOf(lines[l])) {
      const list = index.get(word);
      if (list === undefined) index.set(word, [l]);
      else list.push(l);
    }
  }
}

export function run(size: i32): void {
  resetRandom();
  const lines = size === 0 ? 300 : size === 1 ? 40000 : 160000;
  const chunk = 10;
  const text = makeText(makeVocabulary(VOCABULARY), lines, 10);
  index = new Map<string, i32[]>();
  for (let from = 0; from < lines; from += chunk) transaction.add(indexChunk, text, from, Math.min(from + chunk, lines));
  transaction.run();

  // Check against a sequential index (lists sorted: tasks append in the order they ran).
  const expected = new Map<string, i32[]>();
  for (let l = 0; l < lines; l++) {
    for (const word of wordsOf(text[l])) {
      const list = expected.get(word);
      if (list === undefined) expected.set(word, [l]);
      else list.push(l);
    }
  }
  if (index.size !== expected.size) throw new Error("the index has other words than the sequential index");
  let postings = 0;
  for (const [word, list] of index) {
    const sorted = list.slice().sort((a, b) => a - b);
    const want = expected.get(word);
    if (want === undefined || sorted.join(",") !== want.join(",")) throw new Error(`the lines of '${word}' differ from the sequential index`);
    if (!wordsOf(text[sorted[0]]).includes(word)) throw new Error(`'${word}' is not on line ${sorted[0]}`);
    postings += list.length;
  }
  const top = Array.from(index.keys()).sort((a, b) => {
    const d = index.get(b)!.length - index.get(a)!.length;
    return d !== 0 ? d : a < b ? -1 : a > b ? 1 : 0;
  });
  print("lines", lines, "words", index.size, "postings", postings);
  print("top", top.slice(0, 4).map((w) => `${w}:${index.get(w)!.length}`).join(" "));
}

export function main(): void {
  run(0);
}
