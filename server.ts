import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { CLIENT_IP_HEADER } from "./app/auth/client-ip.server";
import { parseEnv, type Env } from "./app/env.server";
import { openDatabase } from "./db/database";
import { migrateDatabase } from "./db/migrate";
import { closeOrm, connectOrm, getOrm } from "./db/orm";
import { DEMO_LOGIN, isEmpty, seedDemoTenant } from "./db/seed";

const startedAt = performance.now();
const env = parseEnv();

/** Every app process must sign cookies with the same secret; the embedded setup keeps one in DATA_DIR. */
function resolveSessionSecret(config: Env): string {
  if (config.SESSION_SECRET) return config.SESSION_SECRET;
  if (config.DATABASE_URL && config.NODE_ENV === "production") {
    throw new Error("Set SESSION_SECRET (32+ random characters, the same in every app process).");
  }
  const file = path.resolve(config.DATA_DIR, "session-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.DATA_DIR, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

process.env.SESSION_SECRET = resolveSessionSecret(env);
const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, embeddedPort: env.EMBEDDED_DB_PORT });
await migrateDatabase(database.url);
let seeded = false;
if (env.SEED_DEMO ?? database.embedded) {
  await connectOrm(database.url, { poolMax: 2 });
  if (await isEmpty()) seeded = (await seedDemoTenant()).created;
  await closeOrm();
}
// The Remix bundle connects lazily from this URL (see db/orm.ts).
process.env.DATABASE_URL = database.url;

const build = (await import(path.resolve("build/index.js"))) as ServerBuild;
const app = express();
app.disable("x-powered-by");
app.set("trust proxy", env.TRUST_PROXY);

app.use((req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString("base64");
  // Overwritten, never trusted from the client: rate limits and the audit log key on it.
  req.headers[CLIENT_IP_HEADER] = req.ip ?? req.socket.remoteAddress ?? "unknown";
  next();
});
app.use(
  helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: env.NODE_ENV === "production" ? [] : null,
      },
    },
    strictTransportSecurity: env.NODE_ENV === "production",
    // "no-referrer" makes browsers send `Origin: null` on plain form posts, which Remix rejects as
    // cross-site; this policy keeps the origin (and only the origin) for other sites.
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
  }),
);
app.use(
  compression({
    // Server-Sent Events must reach the browser token by token, not in compressed batches.
    filter: (req, res) => !String(res.getHeader("Content-Type") ?? "").includes("text/event-stream") && compression.filter(req, res),
  }),
);

app.get("/healthz", async (_req, res) => {
  try {
    await (await getOrm()).em.getConnection().execute("select 1");
    res.json({ status: "ok" });
  } catch {
    res.status(503).json({ status: "database unavailable" });
  }
});

app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(
  express.static("public", {
    maxAge: "1h",
    setHeaders(res, filePath) {
      // The widget is loaded by customers' sites, so it must be readable cross-origin.
      if (/^widget(-chat|-handoff)?\.js$/.test(path.basename(filePath))) {
        res.setHeader("Access-Control-Allow-Origin", "*");
        res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
      }
    },
  }),
);
app.all(
  "*",
  createRequestHandler({
    build,
    mode: env.NODE_ENV,
    getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string }),
  }),
);

// Background work lives in the bundle's module graph, so it shares the app's ORM and entities.
const background = await (build.entry.module as { startBackgroundWork?: () => Promise<{ stop(): Promise<void> }> }).startBackgroundWork?.();

const server = app.listen(env.PORT, env.HOST, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  const url = `http://localhost:${port}`;
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  console.log(`Helpdesk is ready at ${url} (started in ${seconds} s, ${database.embedded ? "embedded database in " + path.resolve(env.DATA_DIR) : "DATABASE_URL"})`);
  if (seeded || database.embedded) {
    console.log(`Demo login: ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}`);
    console.log(`Chat with the demo assistant: ${url}/demo`);
  }
});

let shuttingDown = false;
async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log(`${signal}: finishing open requests, then stopping`);
  const forceExit = setTimeout(() => process.exit(1), 10_000).unref();
  server.close(async () => {
    await background?.stop();
    await closeOrm();
    await database.close();
    clearTimeout(forceExit);
    process.exit(0);
  });
  server.closeIdleConnections();
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
