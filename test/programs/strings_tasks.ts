// Strings in shared data: fields and arrays of strings written by tasks, strings as task
// arguments, strings printed inside transactions (held back until commit), and enough garbage
// strings that the collector runs while tasks hold some.
import { i32, print, transaction } from "stmc";

class Entry {
  key: string;
  value: string | null = null;
  hits: i32 = 0;
  constructor(key: string) {
    this.key = key;
  }
}

const table: Entry[] = [];

function record(word: string, round: i32): void {
  const e = table[word.length % table.length];
  e.hits++;
  // Builds garbage on purpose: many short-lived strings per task.
  let text = "";
  for (let i = 0; i < 20; i++) text = `${text}${word.charAt(i % word.length)}`;
  e.value = `${e.key}:${word}:${round}:${text.substring(0, 3)}`;
}

function shout(word: string): void {
  print("task", word.toUpperCase(), word.length);
}

export function main(): void {
  for (let i = 0; i < 7; i++) table.push(new Entry("k" + i));
  const words = "the quick brown fox jumps over the lazy dog again and again".split(" ");
  for (let round = 0; round < 30; round++) {
    for (const w of words) transaction.add(record, w, round);
  }
  transaction.run();
  let hits = 0;
  for (const e of table) {
    hits += e.hits;
    const v = e.value;
    // The last round's value for each slot depends on the schedule; its shape does not.
    print(e.key, e.hits, v === null ? "none" : `${v.split(":").length} parts`);
  }
  print("hits", hits);
  transaction.add(shout, "one");
  transaction.run();
  transaction.add(() => shout("two"));
  transaction.run();
  const joined: string[] = [];
  for (const w of words) if (!joined.includes(w)) joined.push(w);
  joined.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let line = "";
  for (const w of joined) line += w + " ";
  print(line.trim());
}
