// Reading the text format of a compiled module in tests that look inside.

/** The text of each function of a module's text format, by name (with its `$`). */
export function functionsOf(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const part of text.split(/\n \(func /).slice(1)) found.set(part.slice(0, part.search(/[\s(]/)), part);
  return found;
}
