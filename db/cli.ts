import fs from "node:fs";
import path from "node:path";
import { MIGRATIONS_DIR } from "./config";
import { openDatabase } from "./database";
import { startEmbeddedPostgres } from "./embedded";
import { migrateDatabase } from "./migrate";
import { closeOrm, connectOrm } from "./orm";
import { DEMO_LOGIN, seedDemoTenant } from "./seed";
import { parseEnv } from "../app/env.server";

const USAGE = "Usage: tsx db/cli.ts migrate | seed | reset | migration:create <name>";

/** `npm run db:migrate`, `db:seed` and `db:reset`, on the embedded database or DATABASE_URL alike. */
async function main(command: string | undefined, name?: string) {
  if (command === "migration:create") return createMigration(name);
  if (!command || !["migrate", "seed", "reset"].includes(command)) throw new Error(USAGE);
  const env = parseEnv();

  if (command === "reset") {
    if (env.DATABASE_URL) {
      const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
      const orm = await connectOrm(database.url, { poolMax: 1 });
      await orm.migrator.down({ to: 0 });
      await closeOrm();
    } else {
      fs.rmSync(path.resolve(env.DATA_DIR, "pgdata"), { recursive: true, force: true });
      console.log(`Removed the embedded database in ${path.resolve(env.DATA_DIR, "pgdata")}`);
    }
  }

  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    const applied = await migrateDatabase(database.url);
    console.log(applied.length ? `Applied ${applied.join(", ")}` : "Migrations are up to date");
    if (command !== "migrate") {
      await connectOrm(database.url, { poolMax: 2 });
      const { created } = await seedDemoTenant();
      console.log(created ? `Seeded the demo workspace: ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}` : "The demo workspace exists already");
      await closeOrm();
    }
  } finally {
    await database.close();
  }
}

/**
 * Diffs the entities against a scratch database migrated to the latest migration and writes the
 * difference as a new migration; add it to migrations/index.ts, plus any RLS policies by hand.
 */
async function createMigration(name: string | undefined) {
  if (!name) throw new Error("Name the migration: npm run db:migration:create -- add_something");
  const scratch = await startEmbeddedPostgres();
  try {
    await migrateDatabase(scratch.url);
    const orm = await connectOrm(scratch.url, { poolMax: 1 });
    const { fileName } = await orm.migrator.createMigration(MIGRATIONS_DIR, false, false, name);
    console.log(fileName ? `Wrote migrations/${fileName}` : "The entities match the migrations: nothing to write");
    await closeOrm();
  } finally {
    await scratch.stop();
  }
}

main(process.argv[2], process.argv[3]).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
