import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface TwoProcesses {
  /** Owns the embedded database (a fresh data dir, seeded with the demo workspace). */
  first: string;
  /** A second app process on the same database, as a second server behind a load balancer. */
  second: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

async function waitForHealth(server: ChildProcess, baseUrl: string, log: string[]): Promise<void> {
  const started = performance.now();
  for (;;) {
    if (server.exitCode !== null) throw new Error(`An app process exited with code ${server.exitCode}:\n${log.join("").slice(-2000)}`);
    if (await fetch(`${baseUrl}/healthz`).then((response) => response.ok, () => false)) return;
    if (performance.now() - started > 180_000) throw new Error(`${baseUrl} did not become healthy within 180 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function startServer(env: Record<string, string>, log: string[]): ChildProcess {
  const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: { ...process.env, SEED_DEMO: "", DATABASE_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (chunk) => log.push(String(chunk)));
  server.stderr?.on("data", (chunk) => log.push(String(chunk)));
  return server;
}

/** Two real `server.ts` processes sharing one embedded database, each with its own live event hub. */
export async function startTwoProcesses({ firstPort, secondPort, databasePort }: { firstPort: number; secondPort: number; databasePort: number }): Promise<TwoProcesses> {
  if (!fs.existsSync("build/index.js")) throw new Error("Run `npm run build` first.");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-inbox-bench-"));
  const databaseUrl = `postgres://postgres:postgres@127.0.0.1:${databasePort}/postgres`;
  const log: string[] = [];
  const servers: ChildProcess[] = [];
  const stop = async () => {
    for (const server of servers.reverse()) {
      if (server.exitCode === null) {
        server.kill("SIGTERM");
        await new Promise((resolve) => server.once("exit", resolve));
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const first = `http://127.0.0.1:${firstPort}`;
    servers.push(startServer({ DATA_DIR: dataDir, PORT: String(firstPort), EMBEDDED_DB_PORT: String(databasePort) }, log));
    await waitForHealth(servers[0], first, log);
    const second = `http://127.0.0.1:${secondPort}`;
    servers.push(startServer({ DATA_DIR: dataDir, PORT: String(secondPort), DATABASE_URL: databaseUrl }, log));
    await waitForHealth(servers[1], second, log);
    return { first, second, databaseUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
