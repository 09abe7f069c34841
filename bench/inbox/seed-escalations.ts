import pg from "pg";
import { query } from "../sql";

/**
 * Fills the database behind the app with escalations, in bulk SQL as the database owner (the app's
 * own code paths are what the bench then times): `perTenant` escalations in the workspace that owns
 * the widget `widgetPublicId`, and `otherTenants` more workspaces with `perOtherTenant` each, so the inbox query has
 * other tenants' rows to skip. Each escalation has an end user, a conversation and three messages.
 * About a quarter are resolved; the rest spread over open / assigned / waiting and the priorities,
 * with SLA due times from hours overdue to a day ahead.
 */
export async function seedEscalations(
  databaseUrl: string,
  { widgetPublicId, perTenant, otherTenants, perOtherTenant }: { widgetPublicId: string; perTenant: number; otherTenants: number; perOtherTenant: number },
): Promise<{ tenantId: string; seconds: number }> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const rows = await query<{ id: string }>(client, `select tenant_id as id from widgets where public_id = $1`, [widgetPublicId]);
    if (!rows[0]) throw new Error(`No widget ${widgetPublicId}.`);
    const tenantId = rows[0].id;
    await fill(client, tenantId, perTenant);
    for (let n = 0; n < otherTenants; n++) {
      const created = await query<{ id: string }>(
        client,
        `insert into tenants (id, name, slug) values (gen_random_uuid(), $1, $2) returning id`,
        [`Bench workspace ${n + 1}`, `bench-inbox-${n + 1}-${Date.now()}`],
      );
      await fill(client, created[0].id, perOtherTenant);
    }
    // What the app's table maintenance does within minutes of such a load (the embedded database has no autovacuum).
    await client.query("vacuum (analyze)");
    return { tenantId, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

async function fill(client: pg.Client, tenantId: string, count: number): Promise<void> {
  await client.query("begin");
  await client.query(
    `create temp table seeded on commit drop as
     select g, gen_random_uuid() as end_user_id, gen_random_uuid() as conversation_id, now() - (g * interval '2 minutes') as at
     from generate_series(1, $1::int) g`,
    [count],
  );
  await client.query(
    `insert into end_users (id, tenant_id, email, name, first_seen_at, last_seen_at)
     select end_user_id, $1, 'customer' || g || '@example.test', 'Customer ' || g, at, at from seeded`,
    [tenantId],
  );
  await client.query(
    `insert into conversations (id, tenant_id, widget_id, end_user_id, status, message_count, metadata, created_at, last_message_at)
     select conversation_id, $1, (select id from widgets where tenant_id = $1 limit 1), end_user_id,
            case when g % 4 = 0 then 'resolved' else 'escalated' end, 3, '{}', at, at + interval '1 minute' from seeded`,
    [tenantId],
  );
  await client.query(
    `insert into messages (id, tenant_id, conversation_id, role, content, created_at)
     select gen_random_uuid(), $1, conversation_id, role, content, at + offset_by
     from seeded, (values ('visitor', 'My order has not arrived and the tracking page shows nothing since Monday.', interval '0 seconds'),
                          ('assistant', 'Orders usually arrive within 3 to 5 working days. [1]', interval '2 seconds'),
                          ('visitor', 'Can I talk to a person please?', interval '1 minute')) as m(role, content, offset_by)`,
    [tenantId],
  );
  await client.query(
    `insert into escalations (id, tenant_id, conversation_id, end_user_id, trigger, reason, priority, status, assignee_id, sla_due_at, created_at, updated_at, last_activity_at, resolved_at)
     select gen_random_uuid(), $1, conversation_id, end_user_id, 'visitor_request', 'Can I talk to a person please?',
            (array['low', 'normal', 'normal', 'high', 'urgent'])[1 + g % 5],
            case when g % 4 = 0 then 'resolved' when g % 4 = 1 then 'open' when g % 4 = 2 then 'assigned' else 'waiting' end,
            case when g % 4 in (2, 3) then (select id from users where tenant_id = $1 order by created_at limit 1) end,
            now() + ((g % 48) - 24) * interval '1 hour', at, at, at + interval '1 minute',
            case when g % 4 = 0 then at + interval '1 hour' end
     from seeded`,
    [tenantId],
  );
  await client.query("commit");
}
