// `stmc serve`: a local web server for the playground (playground/page/) and for pages that run
// stmc programs. Every response carries the headers that make a page cross-origin isolated
// (COOP same-origin, COEP require-corp), without which a browser refuses shared memory.
//
// What it serves, read-only:
//   /                       the playground page
//   /stmc/<path>            the package's built files (dist/), examples/ and docs/
//   /deps/<package>/<path>  the browser-side dependencies (typescript, binaryen, @jridgewell/*)
//   /api/files              the program being served (`stmc serve file.ts|dir`: the .ts files of
//                           that folder and those below it), as JSON
//   /api/events             server-sent events: `change` when one of them is saved
// A path is decoded segment by segment; a segment that decodes to `.`, `..` or holds a slash is
// refused, and every file must lie inside its folder. On a loopback address (the default) only
// requests naming a loopback host are answered (a page of another site cannot reach it through
// DNS rebinding).
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { createRequire } from "node:module";
import { packageRoot } from "../runtime/packageRoot.js";

export interface ServeOptions {
  /** The port to listen on (0: any free port). */
  port: number;
  /** The address to listen on. Default: 127.0.0.1 (this machine only). */
  host?: string;
  /** A program file, or a directory of them, to open in the playground and watch. */
  program?: string;
  /** Test aid: leave out the isolation headers, to see what a page without them gets. */
  isolation?: boolean;
}

export interface Server {
  /** The playground's address, e.g. http://127.0.0.1:8080/ */
  readonly url: string;
  close(): Promise<void>;
}

/** The packages a page loads, by the names its import map uses. */
export const BROWSER_DEPENDENCIES = ["typescript", "binaryen", "@jridgewell/trace-mapping", "@jridgewell/sourcemap-codec", "@jridgewell/resolve-uri"] as const;

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
};

/** Folders of the package a page may read. */
const PACKAGE_FOLDERS = ["dist", "examples", "docs"];

/** Served program files: at most this many, and no folder named node_modules or starting with a dot. */
const MAX_PROGRAM_FILES = 500;

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** The directory of an installed package (found from stmc's own location, as Node resolves it). */
function dependencyDir(name: string): string {
  const require = createRequire(path.join(packageRoot(), "package.json"));
  for (const base of require.resolve.paths(name) ?? []) {
    const dir = path.join(base, name);
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
  }
  throw new Error(`the package ${name} is not installed (run npm install in ${packageRoot()})`);
}

/**
 * The segments of a request's path, each decoded on its own; null for a path that does not
 * decode or has a segment that is `.` or `..` or holds a slash, a backslash or a NUL once decoded.
 */
export function pathSegments(pathname: string): string[] | null {
  const segments: string[] = [];
  for (const raw of pathname.split("/").slice(1)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === "." || segment === ".." || /[/\\\0]/.test(segment)) return null;
    segments.push(segment);
  }
  return segments;
}

/** `segments` as a file inside `folder`, or null when it would leave it. */
function inside(folder: string, segments: string[]): string | null {
  const file = path.resolve(folder, ...segments);
  return file.startsWith(folder + path.sep) ? file : null;
}

/** The served program's files: path relative to `dir` (with /) -> text, the .ts files of `dir` and below. */
function programFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  let count = 0;
  const visit = (folder: string, prefix: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && !entry.name.startsWith(".")) visit(path.join(folder, entry.name), `${prefix}${entry.name}/`);
      } else if (entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
        if (++count > MAX_PROGRAM_FILES) throw new Error(`${dir} holds more than ${MAX_PROGRAM_FILES} .ts files: serve a smaller folder`);
        files[prefix + entry.name] = fs.readFileSync(path.join(folder, entry.name), "utf8");
      }
    }
  };
  visit(dir, "");
  return files;
}

/**
 * Watches `dir` and the folders below it (as programFiles walks them) for changes to .ts files,
 * one watcher per folder: Node 20's recursive watch on Linux follows files, and loses one that
 * an editor replaces by renaming. A change re-reads the tree, so new folders are watched too.
 */
function watchTree(dir: string, onChange: () => void): { close(): void } {
  const watchers = new Map<string, fs.FSWatcher>();
  const folders = (folder: string, found: string[] = []): string[] => {
    found.push(folder);
    try {
      for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
        if (entry.isDirectory() && entry.name !== "node_modules" && !entry.name.startsWith(".")) folders(path.join(folder, entry.name), found);
      }
    } catch {
      // a folder removed meanwhile
    }
    return found;
  };
  const sync = (): void => {
    const now = new Set(folders(dir));
    for (const [folder, watcher] of watchers) {
      if (!now.has(folder)) {
        watcher.close();
        watchers.delete(folder);
      }
    }
    for (const folder of now) {
      if (watchers.has(folder)) continue;
      try {
        const watcher = fs.watch(folder, (_event, name) => {
          if (name === null) return;
          if (!name.toString().includes(".")) sync(); // perhaps a new folder
          if (name.toString().endsWith(".ts")) onChange();
        });
        watcher.on("error", () => {
          watcher.close();
          watchers.delete(folder);
        });
        watchers.set(folder, watcher);
      } catch {
        // gone already, or out of watches: that folder is not watched
      }
    }
  };
  sync();
  return {
    close() {
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

export function startServer(options: ServeOptions): Promise<Server> {
  const root = packageRoot();
  const isolation = options.isolation ?? true;
  const deps = new Map<string, string>(BROWSER_DEPENDENCIES.map((name) => [name, dependencyDir(name)]));
  const program = options.program === undefined ? undefined : path.resolve(options.program);
  if (program !== undefined && !fs.existsSync(program)) throw new Error(`${options.program}: no such file or directory`);
  const listeners = new Set<http.ServerResponse>();

  const headers = (type: string): Record<string, string> => ({
    "Content-Type": type,
    "Cache-Control": "no-store",
    ...(isolation ? { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp", "Cross-Origin-Resource-Policy": "same-origin" } : {}),
  });
  const send = (res: http.ServerResponse, status: number, type: string, body: string | Buffer): void => {
    res.writeHead(status, headers(type));
    res.end(body);
  };
  const sendFile = (res: http.ServerResponse, file: string | null): void => {
    if (file === null || !fs.existsSync(file) || !fs.statSync(file).isFile()) return send(res, 404, CONTENT_TYPES[".html"], "not found");
    let body: Buffer;
    try {
      body = fs.readFileSync(file);
    } catch {
      return send(res, 500, CONTENT_TYPES[".html"], "cannot read the file");
    }
    send(res, 200, CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream", body);
  };
  /** The program's folder and, for one file, its name: `stmc serve dir` or `stmc serve dir/main.ts`. */
  const programDir = program === undefined ? undefined : fs.statSync(program).isDirectory() ? program : path.dirname(program);
  const programEntry = program === undefined || program === programDir ? null : path.basename(program);
  const loopbackOnly = LOOPBACK.has(options.host ?? "127.0.0.1");

  const answer = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, CONTENT_TYPES[".html"], "method not allowed");
    const url = new URL(req.url ?? "/", "http://localhost");
    if (loopbackOnly && !LOOPBACK.has(new URL(`http://${req.headers.host ?? "localhost"}`).hostname)) return send(res, 403, CONTENT_TYPES[".html"], "stmc serve answers requests for localhost only");
    const segments = pathSegments(url.pathname);
    if (segments === null) return send(res, 400, CONTENT_TYPES[".html"], "bad path");
    const route = segments.join("/");
    if (route === "favicon.ico") return send(res, 204, CONTENT_TYPES[".html"], "");
    if (route === "" || route === "index.html") return sendFile(res, path.join(root, "playground/page/index.html"));
    const [area, first, ...rest] = segments;
    if (area === "stmc" && first !== undefined && PACKAGE_FOLDERS.includes(first)) return sendFile(res, inside(path.join(root, first), rest));
    if (area === "deps") {
      const name = BROWSER_DEPENDENCIES.find((n) => route.startsWith(`deps/${n}/`));
      return sendFile(res, name === undefined ? null : inside(deps.get(name)!, segments.slice(1 + name.split("/").length)));
    }
    if (route === "api/files") {
      let files: Record<string, string>;
      try {
        files = programDir === undefined ? {} : programFiles(programDir);
      } catch (error) {
        return send(res, 500, CONTENT_TYPES[".json"], JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
      }
      return send(res, 200, CONTENT_TYPES[".json"], JSON.stringify({ files, entry: programEntry }));
    }
    if (route === "api/events") {
      res.writeHead(200, { ...headers("text/event-stream"), Connection: "keep-alive" });
      res.write(": stmc serve\n\n");
      listeners.add(res);
      req.on("close", () => listeners.delete(res));
      return;
    }
    send(res, 404, CONTENT_TYPES[".html"], "not found");
  };

  const server = http.createServer((req, res) => {
    try {
      answer(req, res);
    } catch (error) {
      if (!res.headersSent) send(res, 500, CONTENT_TYPES[".html"], "internal error");
      else res.destroy();
      process.stderr.write(`stmc serve: ${req.url}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  });

  // Folders are watched, not files: an editor may save by renaming a new file over the old one.
  // A save often arrives as several events: the pages are told once it settles.
  let settle: NodeJS.Timeout | undefined;
  const tree =
    programDir === undefined
      ? undefined
      : watchTree(programDir, () => {
          clearTimeout(settle);
          settle = setTimeout(() => {
            for (const res of listeners) res.write("event: change\ndata: {}\n\n");
          }, 50);
        });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : options.port;
      const host = options.host ?? "127.0.0.1";
      resolve({
        url: `http://${host.includes(":") ? `[${host}]` : host}:${port}/`,
        close: () =>
          new Promise<void>((done) => {
            clearTimeout(settle);
            tree?.close();
            for (const res of listeners) res.end();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
