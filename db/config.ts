import { defineConfig, type Options } from "@mikro-orm/postgresql";
import { Migrator } from "@mikro-orm/migrations";
import { fileURLToPath } from "node:url";
import { allEntities } from "./entities";
import { migrationsList } from "../migrations";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../migrations", import.meta.url));

/**
 * One configuration for every process: the app, the CLI, tests and benchmarks.
 * Migrations are listed explicitly so they load the same way under tsx, Vitest and the Remix bundle.
 */
export function ormOptions(clientUrl: string, { poolMax = 8 }: { poolMax?: number } = {}): Options {
  return defineConfig({
    clientUrl,
    entities: allEntities,
    extensions: [Migrator],
    migrations: {
      migrationsList,
      path: MIGRATIONS_DIR,
      pathTs: MIGRATIONS_DIR,
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      emit: "ts",
      silent: true,
    },
    pool: { min: 0, max: poolMax, idleTimeoutMillis: 10_000 },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    discovery: { warnWhenNoEntities: true },
    debug: process.env.DEBUG_SQL === "1",
  });
}
