import { MikroORM } from "@mikro-orm/postgresql";
import { ormOptions } from "./config";

let instance: Promise<MikroORM> | undefined;

/** Connects the process-wide ORM. Each request then works on its own fork (see tenant-scope.ts). */
export function connectOrm(clientUrl: string, options?: { poolMax?: number }): Promise<MikroORM> {
  instance = MikroORM.init(ormOptions(clientUrl, options));
  return instance;
}

export function getOrm(): Promise<MikroORM> {
  if (!instance) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("The database is not connected: start the app with `npm start` or set DATABASE_URL.");
    instance = connectOrm(url);
  }
  return instance;
}

export async function closeOrm(): Promise<void> {
  const current = instance;
  instance = undefined;
  if (current) await (await current).close();
}
