import { z } from "zod";

/** US dollars per million tokens. */
export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

export interface PriceLookup extends ModelPrice {
  /** False when no entry matches: the price is then 0, right for a local model, wrong for a paid one missing here. */
  known: boolean;
  /** The table entry that matched, e.g. "gpt-4o-mini" for "openai/gpt-4o-mini-2024-07-18". */
  entry?: string;
}

export interface PriceTable {
  priceOf(model: string): PriceLookup;
  /** Rounded to 6 decimals, the precision `usage_events.cost_usd` stores. */
  costUsd(usage: { model: string; inputTokens: number; outputTokens: number }): number;
}

/**
 * Standard (not batch, not cached-input) prices from OpenAI's public price list as of 2025; Azure OpenAI's global
 * deployments charge the same. Prompt caching makes real bills lower than these figures. An operator whose prices
 * differ (a regional deployment, a negotiated rate, a hosted open model) sets MODEL_PRICES.
 */
const PUBLISHED_PRICES: Record<string, ModelPrice> = {
  "gpt-4.1": { inputPerMillion: 2, outputPerMillion: 8 },
  "gpt-4.1-mini": { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  "gpt-4.1-nano": { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  "gpt-4o": { inputPerMillion: 2.5, outputPerMillion: 10 },
  // The first gpt-4o snapshot kept its launch price.
  "gpt-4o-2024-05-13": { inputPerMillion: 5, outputPerMillion: 15 },
  "gpt-4o-mini": { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  "o4-mini": { inputPerMillion: 1.1, outputPerMillion: 4.4 },
  "text-embedding-3-small": { inputPerMillion: 0.02, outputPerMillion: 0 },
  "text-embedding-3-large": { inputPerMillion: 0.13, outputPerMillion: 0 },
  // This application's own offline answerer and embedder: known, and free.
  extractive: { inputPerMillion: 0, outputPerMillion: 0 },
  "use-lite-512": { inputPerMillion: 0, outputPerMillion: 0 },
};

const FREE_UNKNOWN: PriceLookup = { inputPerMillion: 0, outputPerMillion: 0, known: false };

/**
 * Prices by model id. An id matches the longest entry it starts with, followed by "-", ":" or "@" or nothing, so a
 * dated snapshot ("gpt-4o-mini-2024-07-18") gets its family's price. A provider prefix ("openai/", "azure:") is skipped.
 * `overrides` win over the published prices and may add models.
 */
export function createPriceTable(overrides: Record<string, ModelPrice> = {}): PriceTable {
  const prices = new Map(Object.entries({ ...PUBLISHED_PRICES, ...overrides }).map(([model, price]) => [model.toLowerCase(), price]));

  function priceOf(model: string): PriceLookup {
    const id = model.trim().toLowerCase();
    // The whole id first, so that an override for an exact id (a fine-tuned "ft:gpt-4o-mini:…") beats its base model.
    const candidates = [id, ...[...id.matchAll(/[/:]/g)].map((separator) => id.slice(separator.index + 1))];
    for (const candidate of candidates) {
      let best: string | undefined;
      for (const entry of prices.keys()) {
        const matches = candidate === entry || (candidate.startsWith(entry) && /[-:@]/.test(candidate.charAt(entry.length)));
        if (matches && entry.length > (best?.length ?? -1)) best = entry;
      }
      if (best !== undefined) return { ...prices.get(best)!, known: true, entry: best };
    }
    return FREE_UNKNOWN;
  }

  return {
    priceOf,
    costUsd({ model, inputTokens, outputTokens }) {
      for (const [name, count] of Object.entries({ inputTokens, outputTokens })) {
        if (!Number.isFinite(count) || count < 0) throw new RangeError(`${name} must be a non-negative number, got ${count}`);
      }
      const price = priceOf(model);
      // Tokens times dollars per million tokens is micro-dollars: rounding that to a whole number is rounding to 6 decimals.
      const microDollars = inputTokens * price.inputPerMillion + outputTokens * price.outputPerMillion;
      return Math.round(microDollars) / 1_000_000;
    },
  };
}

const ModelPrices = z.record(
  z.string().trim().min(1),
  z.strictObject({ inputPerMillion: z.number().nonnegative(), outputPerMillion: z.number().nonnegative() }),
);

/**
 * The price table with MODEL_PRICES applied, e.g. MODEL_PRICES='{"llama3.1:70b": {"inputPerMillion": 0.6,
 * "outputPerMillion": 0.8}}'. A malformed value throws an error that names the variable.
 */
export function priceTableFromEnv(env: Record<string, string | undefined>): PriceTable {
  const raw = env.MODEL_PRICES;
  // An empty variable (FOO= in a .env file) means "not set", as in app/env.server.ts.
  if (raw === undefined || raw.trim() === "") return createPriceTable();
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new Error(`Invalid MODEL_PRICES: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = ModelPrices.safeParse(json);
  if (!parsed.success) throw new Error(`Invalid MODEL_PRICES:\n${z.prettifyError(parsed.error)}`);
  return createPriceTable(parsed.data);
}

let processPrices: PriceTable | undefined;

/** What a model call cost at the published prices and this process's MODEL_PRICES (read on first use). */
export function costUsd(usage: { model: string; inputTokens: number; outputTokens: number }): number {
  processPrices ??= priceTableFromEnv(process.env);
  return processPrices.costUsd(usage);
}
