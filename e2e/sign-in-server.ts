/**
 * A sign-in server of a spec's own (e2e/start-server.mjs --auth …), for what the shared one cannot show because it is
 * read at start (NEXTAUTH_URL, the providers). Resolves once it listens; `log` holds what it has said so far.
 */
import { spawn } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

export interface SignInServer {
  /** Everything the server printed, stdout and stderr, so far. */
  log(): string;
  /** Ends the server (SIGTERM) and waits for it; nothing if it ended already. */
  stop(): Promise<void>;
}

export async function startSignInServer(port: number, args: readonly string[]): Promise<SignInServer> {
  const server = spawn(process.execPath, [path.join(root, "e2e", "start-server.mjs"), "--auth", "--port", String(port), ...args], {
    cwd: root,
    env: { ...process.env, E2E_AWS_ENDPOINT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  let log = "";
  await new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      log += chunk.toString();
      if (/^Dashboard on /m.test(log)) resolve();
    };
    server.stdout!.on("data", read);
    server.stderr!.on("data", read);
    server.once("exit", (code) => reject(new Error(`the sign-in server exited (${code}) before it listened:\n${log}`)));
  });
  return {
    log: () => log,
    async stop() {
      if (server.exitCode === null && server.signalCode === null) {
        server.kill("SIGTERM");
        await exited;
      }
    },
  };
}
