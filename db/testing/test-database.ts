import fs from "node:fs";
import { afterAll, beforeAll, inject } from "vitest";
import type { MikroORM } from "@mikro-orm/postgresql";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../embedded";
import { closeOrm, connectOrm } from "../orm";

/**
 * Gives the calling test file its own migrated PostgreSQL (a copy of the template the global
 * setup made) and connects the process-wide ORM to it, so services run exactly as in the app.
 */
export function useTestDatabase(): { orm: () => MikroORM; url: () => string } {
  let database: EmbeddedPostgres | undefined;
  let orm: MikroORM | undefined;
  beforeAll(async () => {
    const dump = fs.readFileSync(inject("templateDumpPath"));
    database = await startEmbeddedPostgres({ loadDataDir: new Blob([dump]) });
    orm = await connectOrm(database.url, { poolMax: 4 });
  });
  afterAll(async () => {
    await closeOrm();
    await database?.stop();
  });
  return {
    orm: () => orm ?? raise("the test database is not ready"),
    url: () => database?.url ?? raise("the test database is not ready"),
  };
}

function raise(message: string): never {
  throw new Error(message);
}
