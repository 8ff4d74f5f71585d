// `stmc serve`: a local web server for the playground (playground/page/) and for pages that run
// stmc programs. Every response carries the headers that make a page cross-origin isolated
// (COOP same-origin, COEP require-corp), without which a browser refuses shared memory.
//
// What it serves, read-only:
//   /                       the playground page
//   /stmc/<path>            the package's built files (dist/), examples/ and docs/
//   /deps/<package>/<path>  the browser-side dependencies (typescript, binaryen, @jridgewell/*)
//   /api/files              the program being served (`stmc serve file.ts|dir`), as JSON
//   /api/events             server-sent events: `change` when a served file is saved
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
const PACKAGE_FOLDERS = ["dist/", "examples/", "docs/"];

/** The directory of an installed package (found from stmc's own location, as Node resolves it). */
function dependencyDir(name: string): string {
  const require = createRequire(path.join(packageRoot(), "package.json"));
  for (const base of require.resolve.paths(name) ?? []) {
    const dir = path.join(base, name);
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
  }
  throw new Error(`the package ${name} is not installed (run npm install in ${packageRoot()})`);
}

/** `rel` inside `root`, or null when it would leave it. */
function inside(root: string, rel: string): string | null {
  const file = path.resolve(root, "." + path.posix.normalize("/" + rel));
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

/** The served program's files: name -> text (.ts files of the directory, or the one file). */
function programFiles(program: string | undefined): Record<string, string> {
  if (program === undefined) return {};
  const stat = fs.statSync(program);
  const names = stat.isDirectory() ? fs.readdirSync(program).filter((n) => n.endsWith(".ts")).sort() : [path.basename(program)];
  const dir = stat.isDirectory() ? program : path.dirname(program);
  return Object.fromEntries(names.map((n) => [n, fs.readFileSync(path.join(dir, n), "utf8")]));
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
    send(res, 200, CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream", fs.readFileSync(file));
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const route = decodeURIComponent(url.pathname);
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, CONTENT_TYPES[".html"], "method not allowed");
    if (route === "/favicon.ico") return send(res, 204, CONTENT_TYPES[".html"], "");
    if (route === "/" || route === "/index.html") return sendFile(res, path.join(root, "playground/page/index.html"));
    if (route.startsWith("/stmc/")) {
      const rel = route.slice("/stmc/".length);
      return sendFile(res, PACKAGE_FOLDERS.some((f) => rel.startsWith(f)) ? inside(root, rel) : null);
    }
    if (route.startsWith("/deps/")) {
      const rest = route.slice("/deps/".length);
      const name = BROWSER_DEPENDENCIES.find((n) => rest.startsWith(n + "/"));
      return sendFile(res, name === undefined ? null : inside(deps.get(name)!, rest.slice(name.length + 1)));
    }
    if (route === "/api/files") {
      let files: Record<string, string>;
      try {
        files = programFiles(program);
      } catch (error) {
        return send(res, 500, CONTENT_TYPES[".json"], JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
      }
      const entry = program === undefined ? null : fs.statSync(program).isDirectory() ? null : path.basename(program);
      return send(res, 200, CONTENT_TYPES[".json"], JSON.stringify({ files, entry }));
    }
    if (route === "/api/events") {
      res.writeHead(200, { ...headers("text/event-stream"), Connection: "keep-alive" });
      res.write(": stmc serve\n\n");
      listeners.add(res);
      req.on("close", () => listeners.delete(res));
      return;
    }
    send(res, 404, CONTENT_TYPES[".html"], "not found");
  });

  // A save often arrives as several events: tell the pages once it settles.
  let watcher: fs.FSWatcher | undefined;
  let settle: NodeJS.Timeout | undefined;
  if (program !== undefined) {
    watcher = fs.watch(program, () => {
      clearTimeout(settle);
      settle = setTimeout(() => {
        for (const res of listeners) res.write("event: change\ndata: {}\n\n");
      }, 50);
    });
  }

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
            watcher?.close();
            for (const res of listeners) res.end();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
