import type { MigrationObject } from "@mikro-orm/core";
import { Migration20261125083428_initial } from "./Migration20261125083428_initial";
import { Migration20261125090000_row_level_security } from "./Migration20261125090000_row_level_security";
import { Migration20261125090100_integrity_rules } from "./Migration20261125090100_integrity_rules";
import { Migration20261125090200_knowledge_ingestion } from "./Migration20261125090200_knowledge_ingestion";
import { Migration20261125090300_reembedding } from "./Migration20261125090300_reembedding";
import { Migration20261125090400_knowledge_terms } from "./Migration20261125090400_knowledge_terms";
import { Migration20261125100000_widget_sessions } from "./Migration20261125100000_widget_sessions";
import { Migration20261125110000_webhooks } from "./Migration20261125110000_webhooks";
import { Migration20261125130000_escalation_inbox } from "./Migration20261125130000_escalation_inbox";
import { Migration20261125140000_analytics } from "./Migration20261125140000_analytics";
import { Migration20261125140100_analytics_rollups } from "./Migration20261125140100_analytics_rollups";
import { Migration20261125150000_analytics_covering_indexes } from "./Migration20261125150000_analytics_covering_indexes";
import { Migration20261125160000_postings_by_impact } from "./Migration20261125160000_postings_by_impact";

/** Every migration, in order. Listed explicitly so tsx, Vitest and bundles load them alike. */
export const migrationsList: MigrationObject[] = [
  { name: "Migration20261125083428_initial", class: Migration20261125083428_initial },
  { name: "Migration20261125090000_row_level_security", class: Migration20261125090000_row_level_security },
  { name: "Migration20261125090100_integrity_rules", class: Migration20261125090100_integrity_rules },
  { name: "Migration20261125090200_knowledge_ingestion", class: Migration20261125090200_knowledge_ingestion },
  { name: "Migration20261125090300_reembedding", class: Migration20261125090300_reembedding },
  { name: "Migration20261125090400_knowledge_terms", class: Migration20261125090400_knowledge_terms },
  { name: "Migration20261125100000_widget_sessions", class: Migration20261125100000_widget_sessions },
  { name: "Migration20261125110000_webhooks", class: Migration20261125110000_webhooks },
  { name: "Migration20261125130000_escalation_inbox", class: Migration20261125130000_escalation_inbox },
  { name: "Migration20261125140000_analytics", class: Migration20261125140000_analytics },
  { name: "Migration20261125140100_analytics_rollups", class: Migration20261125140100_analytics_rollups },
  { name: "Migration20261125150000_analytics_covering_indexes", class: Migration20261125150000_analytics_covering_indexes },
  { name: "Migration20261125160000_postings_by_impact", class: Migration20261125160000_postings_by_impact },
];
