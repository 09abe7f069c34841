import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { editable } from "./base";
import { AiPersonality } from "./AiPersonality";
import { Tenant } from "./Tenant";

export interface WidgetSettings {
  greeting?: string;
  launcherLabel?: string;
  theme?: "light" | "dark" | "auto";
  brandColor?: string;
  position?: "bottom-right" | "bottom-left";
  suggestedQuestions?: string[];
}

/** An embeddable chat widget; sites load it by its public id. */
export const Widget = defineEntity({
  name: "Widget",
  tableName: "widgets",
  properties: {
    ...editable,
    tenant: () => p.manyToOne(Tenant).ref().deleteRule("cascade").index(),
    personality: () => p.manyToOne(AiPersonality).ref().nullable().deleteRule("set null"),
    name: p.string().length(120),
    publicId: p.string().length(32).unique(),
    allowedOrigins: p.array().default("{}"),
    settings: p.json<WidgetSettings>().default("{}"),
    identitySecret: p.string().length(128).hidden().lazy(true, false).nullable().default(null),
    isActive: p.boolean().default(true),
  },
});
export type Widget = InferEntity<typeof Widget>;
