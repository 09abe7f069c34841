import { z } from "zod";

const booleanFlag = z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().default("0.0.0.0"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATA_DIR: z.string().default("./data"),
  /** The embedded database's loopback port (default: any free one). Fix it to run a second app process on the same data. */
  EMBEDDED_DB_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
  SEED_DEMO: booleanFlag.optional(),
  SECURE_COOKIES: booleanFlag.optional(),
  TRUST_PROXY: booleanFlag.default(false),
  KNOWLEDGE_ALLOW_PRIVATE_URLS: booleanFlag.default(false),
  WEBHOOK_ALLOW_PRIVATE_URLS: booleanFlag.default(false),
});

export type Env = z.infer<typeof EnvSchema>;

/** Parsed once at start-up; a wrong value stops the server with the variable's name. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // An empty variable (FOO= in a .env file) means "not set", not "set to nothing".
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = EnvSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${problems.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

export function secureCookies(): boolean {
  const { SECURE_COOKIES, NODE_ENV } = env();
  return SECURE_COOKIES ?? NODE_ENV === "production";
}
