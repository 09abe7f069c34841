import { defineConfig, devices } from "@playwright/test";

const PORT = 3210;
const baseURL = `http://localhost:${PORT}`;
/** A second app process on the same database, for live delivery between processes (e2e/handoff.spec.ts). */
export const SECOND_PORT = 3211;
const EMBEDDED_DB_PORT = 54329;

/**
 * End-to-end tests against the real server and a throwaway embedded database (.e2e-data, wiped
 * before every run). Build first: `npm run test:e2e` does `remix build && playwright test`.
 * One worker: there is one database, and every test signs up its own workspace with unique emails.
 */
export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: "list",
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
        headless: true,
      },
    },
  ],
  webServer: [
    {
      command: `rm -rf .e2e-data && DATA_DIR=.e2e-data PORT=${PORT} EMBEDDED_DB_PORT=${EMBEDDED_DB_PORT} npx tsx server.ts`,
      url: `${baseURL}/healthz`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // Waits for the first process (which owns the embedded database), then shares its database
      // and session secret, as two app servers behind a load balancer would.
      command: `node -e "const go=()=>fetch('${baseURL}/healthz').then(r=>r.ok?process.exit(0):setTimeout(go,500),()=>setTimeout(go,500));go()" && DATA_DIR=.e2e-data PORT=${SECOND_PORT} DATABASE_URL=postgres://postgres:postgres@127.0.0.1:${EMBEDDED_DB_PORT}/postgres npx tsx server.ts`,
      url: `http://localhost:${SECOND_PORT}/healthz`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
