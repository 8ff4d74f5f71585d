// Strings, closures and array methods, with one task per line of text: each task counts the
// words of its line into a table of its own, then merges it into the shared counts.
import { i32, print, transaction } from "stmc";

const TEXT = [
  "The quick brown fox jumps over the lazy dog.",
  "The dog sleeps; the fox runs away, quick as ever.",
  "A lazy afternoon: no fox, no dog, just the quiet.",
];

class Count {
  constructor(readonly word: string, public n: i32) {}
}

const counts: Count[] = [];

/** The word without the punctuation around it. */
function lettersOnly(word: string): string {
  let start = 0;
  let end = word.length;
  const isLetter = (c: i32): boolean => c >= 97 && c <= 122;
  while (start < end && !isLetter(word.charCodeAt(start))) start++;
  while (end > start && !isLetter(word.charCodeAt(end - 1))) end--;
  return word.substring(start, end);
}

function countLine(line: string): void {
  const words = line
    .toLowerCase()
    .split(" ")
    .map(lettersOnly)
    .filter((w) => w.length > 0);
  for (const word of words) {
    const known = counts.find((c) => c.word === word);
    if (known !== undefined) known.n++;
    else counts.push(new Count(word, 1));
  }
}

export function main(): void {
  for (const line of TEXT) transaction.add(() => countLine(line));
  transaction.run();
  counts.sort((a, b) => (a.n !== b.n ? b.n - a.n : a.word < b.word ? -1 : 1));
  const top = counts.slice(0, 4).map((c) => `${c.word} ×${c.n}`);
  print(`${counts.length} words; most frequent: ${top.join(", ")}`);
}
