import { MikroORM } from "@mikro-orm/postgresql";
import { ormOptions } from "./config";

/**
 * Kept on globalThis, not in module scope: the Remix bundle and the server entry (run by tsx)
 * each load their own copy of this module, and the server must be able to close the pool that
 * the bundle opened when it shuts down.
 */
const holder = globalThis as typeof globalThis & { __helpdeskOrm?: Promise<MikroORM> };

/** Connects the process-wide ORM. Each request then works on its own fork (see tenant-scope.ts). */
export function connectOrm(clientUrl: string, options?: { poolMax?: number }): Promise<MikroORM> {
  holder.__helpdeskOrm = MikroORM.init(ormOptions(clientUrl, options));
  return holder.__helpdeskOrm;
}

export function getOrm(): Promise<MikroORM> {
  if (holder.__helpdeskOrm) return holder.__helpdeskOrm;
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("The database is not connected: start the app with `npm start` or set DATABASE_URL.");
  return connectOrm(url);
}

export async function closeOrm(): Promise<void> {
  const current = holder.__helpdeskOrm;
  holder.__helpdeskOrm = undefined;
  if (current) await (await current).close();
}
