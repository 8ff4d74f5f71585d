// Generated text for the word-counting programs (wordcount, map_wordcount, map_index): a
// vocabulary of syllable words, lines of words drawn with a skewed distribution (a few words
// very frequent, most rare, as in natural language), with capitals and punctuation; and the
// normalisation of a token to its word.
import { i32, f64 } from "stmc";

let seed = 12345;

export function resetRandom(): void {
  seed = 12345;
}

export function nextRandom(): i32 {
  seed = (seed * 1103515245 + 12345) & 2147483647;
  return seed >> 8;
}

const SYLLABLES = ["ka", "to", "ri", "men", "sa", "lo", "u", "an", "pe", "dra", "ni", "gor", "e", "sti", "val", "o"];

export function makeVocabulary(size: i32): string[] {
  const words: string[] = [];
  while (words.length < size) {
    let w = "";
    const parts = 1 + (nextRandom() % 3);
    for (let p = 0; p < parts; p++) w += SYLLABLES[nextRandom() % SYLLABLES.length];
    if (!words.includes(w)) words.push(w);
  }
  return words;
}

/** Lines of `wordsPerLine` words: word ranks skewed towards the start of the vocabulary. */
export function makeText(vocabulary: string[], lines: i32, wordsPerLine: i32): string[] {
  const text: string[] = [];
  for (let l = 0; l < lines; l++) {
    const words: string[] = [];
    for (let k = 0; k < wordsPerLine; k++) {
      // Rank u^3: a few words are very frequent, most are rare.
      const u = f64(nextRandom() % 1000) / 1000;
      let w = vocabulary[i32(u * u * u * f64(vocabulary.length))];
      const style = nextRandom() % 16;
      if (style === 0) w = w.charAt(0).toUpperCase() + w.substring(1);
      else if (style === 1) w += ",";
      else if (style === 2) w = `"${w}"`;
      words.push(w);
    }
    text.push(words.join(" ") + ".");
  }
  return text;
}

function isLetter(c: i32): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Lower case, letters only ("" for none). */
export function normalise(token: string): string {
  let start = 0;
  let end = token.length;
  while (start < end && !isLetter(token.charCodeAt(start))) start++;
  while (end > start && !isLetter(token.charCodeAt(end - 1))) end--;
  return token.substring(start, end).toLowerCase();
}
