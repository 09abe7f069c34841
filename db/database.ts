import path from "node:path";
import { startEmbeddedPostgres } from "./embedded";

export interface OpenDatabase {
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * With a DATABASE_URL, that PostgreSQL (>= 16 with pgvector >= 0.8). Without one, the embedded
 * PostgreSQL with its data in `<dataDir>/pgdata`, locked against a second process.
 */
export async function openDatabase(options: { databaseUrl?: string; dataDir: string; embeddedPort?: number }): Promise<OpenDatabase> {
  if (options.databaseUrl) {
    return { url: options.databaseUrl, embedded: false, close: async () => {} };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: path.resolve(options.dataDir, "pgdata"), port: options.embeddedPort });
  return { url: embedded.url, embedded: true, close: () => embedded.stop() };
}
