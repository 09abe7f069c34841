import { startEmbeddedPostgres } from "../embedded";
import { migrateDatabase } from "../migrate";
import { closeOrm, connectOrm } from "../orm";

/** Runs `work` against a fresh, migrated in-memory database with the ORM connected, then tears it down. */
export async function withScratchDatabase<T>(work: () => Promise<T>): Promise<T> {
  const database = await startEmbeddedPostgres();
  try {
    await migrateDatabase(database.url);
    await connectOrm(database.url);
    return await work();
  } finally {
    await closeOrm();
    await database.stop();
  }
}
