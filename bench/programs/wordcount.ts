// Word count: the frequency of every word of a generated text, one task per chunk of lines.
// The text is made of words drawn (with a skewed distribution, as in natural language) from a
// vocabulary of generated syllable words, with capitals and punctuation; a task splits its
// lines, normalises each word (lower case, letters only) and counts into a table of its own,
// then adds a task (a closure) that merges those counts into a shared table of string keys
// (chained hashing on the words' code units): merges conflict on frequent words, counting never. Checks: the shared
// table against a sequential count of the same text; prints the totals and the most frequent
// words. Strings, string methods, closures and array methods on the path of every task.
import { i32, print, transaction } from "stmc";
import { makeText, makeVocabulary, normalise, resetRandom } from "./lib/text";

const VOCABULARY = 2000;
const BUCKETS = 4096;

class WordEntry {
  word: string;
  count: i32;
  next: WordEntry | null;
  constructor(word: string, count: i32, next: WordEntry | null) {
    this.word = word;
    this.count = count;
    this.next = next;
  }
}

/** Chained hash table from words to counts. */
class WordTable {
  buckets: (WordEntry | null)[];
  constructor(size: i32) {
    this.buckets = new Array<WordEntry | null>(size).fill(null);
  }

  add(word: string, count: i32): void {
    const slot = hashWord(word) & (this.buckets.length - 1);
    for (let e = this.buckets[slot]; e !== null; e = e.next) {
      if (e.word === word) {
        e.count += count;
        return;
      }
    }
    this.buckets[slot] = new WordEntry(word, count, this.buckets[slot]);
  }

  forEach(visit: (word: string, count: i32) => void): void {
    for (const head of this.buckets) {
      for (let e = head; e !== null; e = e.next) visit(e.word, e.count);
    }
  }
}

/** FNV-1a over the code units. */
function hashWord(word: string): i32 {
  let h = -2128831035;
  for (let i = 0; i < word.length; i++) h = (h ^ word.charCodeAt(i)) * 16777619;
  return h & 2147483647;
}

function countLines(lines: string[], from: i32, to: i32, into: WordTable): i32 {
  let words = 0;
  for (let l = from; l < to; l++) {
    for (const token of lines[l].split(" ")) {
      const word = normalise(token);
      if (word.length === 0) continue;
      into.add(word, 1);
      words++;
    }
  }
  return words;
}

let shared = new WordTable(BUCKETS);
let totalWords = 0;

/**
 * Task: counts lines [from, to) into a table of its own, then adds a second, short task that
 * merges that table into the shared one: the counting never conflicts, and a merge that does
 * is cheap to run again.
 */
function countChunk(lines: string[], from: i32, to: i32): void {
  const local = new WordTable(256);
  const words = countLines(lines, from, to, local);
  transaction.add(() => {
    local.forEach((word, count) => shared.add(word, count));
    totalWords += words;
  });
}

export function run(size: i32): void {
  resetRandom();
  const lines = size === 0 ? 400 : size === 1 ? 10000 : 40000;
  const chunk = 20;
  const vocabulary = makeVocabulary(VOCABULARY);
  const text = makeText(vocabulary, lines, 12);
  shared = new WordTable(BUCKETS);
  totalWords = 0;
  for (let from = 0; from < lines; from += chunk) transaction.add(countChunk, text, from, Math.min(from + chunk, lines));
  transaction.run();

  // Check against a sequential count.
  const expected = new WordTable(BUCKETS);
  const expectedWords = countLines(text, 0, lines, expected);
  let distinct = 0;
  let sum = 0;
  const entries: WordEntry[] = [];
  shared.forEach((word, count) => {
    distinct++;
    sum += count;
    entries.push(new WordEntry(word, count, null));
  });
  expected.forEach((word, count) => {
    const found = entries.find((e) => e.word === word);
    if (found === undefined || found.count !== count) throw new Error("a word's count differs from the sequential count");
  });
  if (sum !== expectedWords || totalWords !== expectedWords) throw new Error("the total number of words differs");
  entries.sort((a, b) => (a.count !== b.count ? b.count - a.count : a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
  const top = entries.slice(0, 5).map((e) => `${e.word}=${e.count}`);
  print("words", sum, "distinct", distinct);
  print("top", top.join(" "));
}

export function main(): void {
  run(0);
}
