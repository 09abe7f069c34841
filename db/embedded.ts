import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import type { AddressInfo } from "node:net";
import { lockDataDir } from "./data-dir-lock";

/** Room for two app processes (pool of 8 each), their listeners and a CLI. */
export const EMBEDDED_MAX_CONNECTIONS = 32;

export interface EmbeddedPostgres {
  url: string;
  db: PGlite;
  stop(): Promise<void>;
}

/**
 * PostgreSQL (PGlite + pgvector) served on loopback over the wire protocol, so the app reaches it
 * through the same driver as a real server. `dataDir` undefined means in memory; `loadDataDir`
 * starts from a dump (tests clone a migrated template this way).
 */
export async function startEmbeddedPostgres(
  options: { dataDir?: string; loadDataDir?: Blob; port?: number } = {},
): Promise<EmbeddedPostgres> {
  const unlock = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  try {
    const db = await PGlite.create({
      dataDir: options.dataDir,
      loadDataDir: options.loadDataDir,
      extensions: { vector },
    });
    const server = new PGLiteSocketServer({
      db,
      host: "127.0.0.1",
      port: options.port ?? 0,
      maxConnections: EMBEDDED_MAX_CONNECTIONS,
    });
    await server.start();
    const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
    return {
      url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
      db,
      async stop() {
        await server.stop();
        await db.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
