// POSIX path helpers for the in-memory file system (the compiler in a web page has no
// node:path). Same results as Node's path.posix for the calls the compiler makes.

export interface PathOps {
  join(...parts: string[]): string;
  dirname(file: string): string;
  /** Resolves `parts` from right to left until one is absolute. */
  resolve(...parts: string[]): string;
  relative(from: string, to: string): string;
  isAbsolute(file: string): boolean;
}

function normalize(file: string): string {
  const absolute = file.startsWith("/");
  const out: string[] = [];
  for (const part of file.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && out.length > 0 && out[out.length - 1] !== "..") out.pop();
    else if (part !== ".." || !absolute) out.push(part);
  }
  const joined = out.join("/");
  return absolute ? "/" + joined : joined === "" ? "." : joined;
}

export const posixPath: PathOps = {
  join: (...parts) => normalize(parts.filter((part) => part !== "").join("/") || "."),
  dirname(file) {
    const trimmed = file.length > 1 ? file.replace(/\/+$/, "") : file;
    const slash = trimmed.lastIndexOf("/");
    if (slash < 0) return ".";
    return slash === 0 ? "/" : trimmed.slice(0, slash);
  },
  resolve(...parts) {
    let resolved = "";
    for (let i = parts.length - 1; i >= 0 && !resolved.startsWith("/"); i--) {
      if (parts[i] !== "") resolved = resolved === "" ? parts[i] : parts[i] + "/" + resolved;
    }
    // No working directory to fall back on: a relative path is taken from the root.
    return normalize(resolved.startsWith("/") ? resolved : "/" + resolved);
  },
  relative(from, to) {
    const a = posixPath.resolve(from).split("/").filter((part) => part !== "");
    const b = posixPath.resolve(to).split("/").filter((part) => part !== "");
    let common = 0;
    while (common < a.length && common < b.length && a[common] === b[common]) common++;
    return [...a.slice(common).map(() => ".."), ...b.slice(common)].join("/");
  },
  isAbsolute: (file) => file.startsWith("/"),
};
