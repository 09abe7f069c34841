import { User } from "../db/entities";
import { withScratchDatabase } from "../db/testing/scratch-database";
import { withSystem, withTenant } from "../db/tenant-scope";
import { createTestTenant } from "../db/testing/fixtures";
import { formatSummary } from "./stats";

/** The cost of the tenant unit of work (transaction + SET LOCAL ROLE + tenant setting) on the embedded database. */
export function benchTenantWork(): Promise<string[]> {
  return withScratchDatabase(async () => {
    const tenants = await Promise.all(Array.from({ length: 20 }, (_, i) => createTestTenant(`Tenant ${i}`)));
    const time = async (work: () => Promise<unknown>, runs = 300) => {
      for (let i = 0; i < 20; i++) await work();
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        await work();
        samples.push(performance.now() - start);
      }
      return samples;
    };
    const { tenantId, ownerId } = tenants[7];
    return [
      formatSummary("withTenant: empty unit of work", await time(() => withTenant(tenantId, async () => undefined))),
      formatSummary("withTenant: load one user by id", await time(() => withTenant(tenantId, (em) => em.findOne(User, { id: ownerId, tenant: tenantId })))),
      formatSummary("withSystem: user by email (login lookup)", await time(() => withSystem((em) => em.findOne(User, { email: tenants[3].email })))),
    ];
  });
}
