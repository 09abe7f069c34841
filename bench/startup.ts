import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Seconds from spawning the server to the first 200 from /login; run once on an empty data dir, once on the existing one. */
async function timeToLogin(dataDir: string, port: number): Promise<number> {
  const start = performance.now();
  const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: "", SEED_DEMO: "" },
    stdio: "ignore",
  });
  try {
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/login`).then((response) => response.ok, () => false);
      if (ok) return (performance.now() - start) / 1000;
      if (performance.now() - start > 120_000) throw new Error("the server did not answer within 120 s");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
}

export async function benchStartup(): Promise<string[]> {
  if (!fs.existsSync("build/index.js")) throw new Error("Run `npm run build` first.");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-bench-"));
  try {
    const cold = await timeToLogin(dataDir, 3301);
    const warm = await timeToLogin(dataDir, 3302);
    return [
      `server start, empty data dir (create, migrate, seed) to first /login 200: ${cold.toFixed(2)} s`,
      `server start, existing data dir to first /login 200:                    ${warm.toFixed(2)} s`,
    ];
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
