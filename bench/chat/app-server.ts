import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import fs from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { CLIENT_IP_HEADER } from "../../app/auth/client-ip.server";

/**
 * Bench-only request header: the client address a virtual visitor stands for. server.ts sets the
 * address from the socket; here every visitor comes from 127.0.0.1, and the per-address rate
 * limits would count all of them as one.
 */
export const VISITOR_ADDRESS_HEADER = "x-bench-visitor";

export interface RunningApp {
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The built app (build/index.js) behind Express in this process, as server.ts serves it, on the
 * database this process has connected (the bundle shares the ORM through globalThis). Helmet,
 * compression and static files are left out: none of them touches the widget API's responses
 * (compression skips event streams, and the JSON answers are under its 1 KB threshold).
 */
export async function serveBuiltApp(): Promise<RunningApp> {
  const buildPath = path.resolve("build/index.js");
  if (!fs.existsSync(buildPath)) throw new Error("build/index.js is missing: run `npx remix build` (or `npm run build`) first.");
  const build = (await import(buildPath)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  app.use((req, _res, next) => {
    req.headers[CLIENT_IP_HEADER] = String(req.headers[VISITOR_ADDRESS_HEADER] ?? req.socket.remoteAddress ?? "unknown");
    next();
  });
  app.all("*", createRequestHandler({ build, mode: "production", getLoadContext: () => ({ cspNonce: "" }) }));
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
