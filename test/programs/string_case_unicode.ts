// toUpperCase / toLowerCase beyond ASCII: JavaScript's Unicode case mapping, which may change the
// length ("ß" -> "SS", "İ" -> "i̇"); ASCII text takes the runtime's own fast path.
import { i32, print, transaction } from "stmc";

const words = ["straße", "Ünïcödé", "ΣΊΣΥΦΟΣ", "İstanbul", "ǅemal", "ﬁne", "plain ascii", "", "ǰ-ΐ-ΰ", "émigré ✓"];
let total = 0;

function measure(i: i32): void {
  total += words[i].toUpperCase().length + words[i].toLowerCase().length;
}

export function main(): void {
  for (const w of words) print(w.toUpperCase(), w.toLowerCase(), w.toUpperCase().length, w.toLowerCase().length);
  // Longer than the runtime's first buffer: it grows.
  const long = "ß".repeat(100) + "é".repeat(50);
  print(long.toUpperCase().length, long.toUpperCase().substring(190, 210), long.toLowerCase() === long);
  for (let i = 0; i < words.length; i++) transaction.add(measure, i);
  transaction.run();
  print(total);
}
