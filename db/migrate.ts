import { MikroORM } from "@mikro-orm/postgresql";
import { ormOptions } from "./config";

/** Applies pending migrations as the connecting (owner) role, then disconnects. */
export async function migrateDatabase(clientUrl: string): Promise<string[]> {
  const orm = await MikroORM.init(ormOptions(clientUrl, { poolMax: 1 }));
  try {
    const applied = await orm.migrator.up();
    return applied.map((migration) => migration.name);
  } finally {
    await orm.close();
  }
}
