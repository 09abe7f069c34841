import { Migration } from "@mikro-orm/migrations";
import { tenantIsolationStatements } from "./tenant-isolation";

/**
 * Outgoing webhooks: a workspace's endpoint (url, signing secret, wanted events) and the queue of
 * deliveries to it. Both are tenant tables. Senders claim due deliveries of any tenant as
 * `app_system`, which may read and update only the columns a claim needs (never the payload, and
 * nothing of the endpoint); the sending itself runs as the delivery's tenant.
 */
export class Migration20261125110000_webhooks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "webhook_endpoints" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "url" varchar(2048) not null, "secret" varchar(64) not null, "events" text[] not null default '{}', "is_active" boolean not null default true, constraint "webhook_endpoints_pkey" primary key ("id"));`);
    this.addSql(`alter table "webhook_endpoints" add constraint "webhook_endpoints_tenant_id_unique" unique ("tenant_id");`);

    this.addSql(`create table "webhook_deliveries" ("id" uuid not null, "created_at" timestamptz not null default now(), "tenant_id" uuid not null, "endpoint_id" uuid not null, "event" text check ("event" in ('escalation.created', 'escalation.assigned', 'escalation.resolved', 'budget.threshold_crossed')) not null, "payload" jsonb not null, "status" text check ("status" in ('pending', 'delivering', 'succeeded', 'failed')) not null default 'pending', "attempts" int not null default 0, "next_attempt_at" timestamptz not null default now(), "locked_until" timestamptz null, "last_status_code" int null, "last_error" text null, "delivered_at" timestamptz null, constraint "webhook_deliveries_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_deliveries_tenant_id_created_at_index" on "webhook_deliveries" ("tenant_id", "created_at");`);
    this.addSql(`create index "webhook_deliveries_due" on "webhook_deliveries" ("next_attempt_at") where "status" in ('pending', 'delivering');`);

    this.addSql(`alter table "webhook_endpoints" add constraint "webhook_endpoints_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "webhook_deliveries" add constraint "webhook_deliveries_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "webhook_deliveries" add constraint "webhook_deliveries_endpoint_id_foreign" foreign key ("endpoint_id") references "webhook_endpoints" ("id") on update cascade on delete cascade;`);

    for (const table of ["webhook_endpoints", "webhook_deliveries"]) {
      tenantIsolationStatements(table).forEach((statement) => this.addSql(statement));
    }
    this.addSql(`grant select (id, tenant_id, status, attempts, next_attempt_at, locked_until) on "webhook_deliveries" to app_system;`);
    this.addSql(`grant update (status, attempts, locked_until) on "webhook_deliveries" to app_system;`);
    this.addSql(`create policy system_access on "webhook_deliveries" to app_system using (true) with check (true);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "webhook_deliveries" cascade;`);
    this.addSql(`drop table if exists "webhook_endpoints" cascade;`);
  }
}
