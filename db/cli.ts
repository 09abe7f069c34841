import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "./database";
import { migrateDatabase } from "./migrate";
import { closeOrm, connectOrm } from "./orm";
import { DEMO_LOGIN, seedDemoTenant } from "./seed";
import { parseEnv } from "../app/env.server";

const USAGE = "Usage: tsx db/cli.ts migrate | seed | reset";

/** `npm run db:migrate`, `db:seed` and `db:reset`, on the embedded database or DATABASE_URL alike. */
async function main(command: string | undefined) {
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

main(process.argv[2]).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
