// `stmc serve [file.ts|dir] [--port N]`: the playground on a local web server (playground/).
// Runs until interrupted; a given file (or the .ts files of a directory) opens in the
// playground and runs again in the page each time it is saved.
import fs from "node:fs";
import { InvalidArgumentError, type Command } from "commander";
import { startServer } from "../playground/server.js";

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError("a port is a whole number from 0 to 65535");
  return port;
}

export function addServeCommand(program: Command, setStatus: (code: number) => void, fail: (message: string) => never): Command {
  return program
    .command("serve")
    .description("serve the playground (compile and run programs in a browser) on a local web server")
    .argument("[program]", "a program file, or a directory of them, to open in the playground and rerun on save")
    .option("--port <n>", "the port to listen on (0: any free port)", parsePort, 8080)
    .option("--host <address>", "the address to listen on", "127.0.0.1")
    .action(async (file: string | undefined, opts: { port: number; host: string }) => {
      if (file !== undefined && !fs.existsSync(file)) fail(`${file}: no such file or directory`);
      let server;
      try {
        server = await startServer({ port: opts.port, host: opts.host, program: file });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        fail(code === "EADDRINUSE" ? `port ${opts.port} is in use: choose another with --port` : (error as Error).message);
      }
      process.stdout.write(`stmc playground: ${server.url}${file === undefined ? "" : ` (${file}, rerun on save)`}\nPress Ctrl-C to stop.\n`);
      await new Promise<void>((resolve) => {
        const stop = () => void server.close().then(resolve);
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      setStatus(0);
    });
}
