import { describe, expect, it } from "vitest";
import { createPriceTable, priceTableFromEnv } from "./pricing";

describe("model prices", () => {
  const prices = createPriceTable();

  it("prices a call per million input and output tokens, rounded to 6 decimals", () => {
    expect(prices.costUsd({ model: "gpt-4o", inputTokens: 1_000_000, outputTokens: 1_000_000 })).toBe(12.5);
    expect(prices.costUsd({ model: "gpt-4o-mini", inputTokens: 1234, outputTokens: 567 })).toBe(0.000525); // 0.0001851 + 0.0003402
    expect(prices.costUsd({ model: "gpt-4.1-nano", inputTokens: 3, outputTokens: 0 })).toBe(0); // 0.0000003 rounds away
    expect(prices.costUsd({ model: "o4-mini", inputTokens: 2000, outputTokens: 500 })).toBe(0.0044);
    expect(prices.costUsd({ model: "text-embedding-3-small", inputTokens: 50_000, outputTokens: 0 })).toBe(0.001);
  });

  it("matches dated snapshots and provider prefixes to the longest known model name", () => {
    expect(prices.priceOf("gpt-4o-mini-2024-07-18")).toEqual({ inputPerMillion: 0.15, outputPerMillion: 0.6, known: true, entry: "gpt-4o-mini" });
    expect(prices.priceOf("gpt-4o-2024-08-06")).toMatchObject({ entry: "gpt-4o", inputPerMillion: 2.5 });
    expect(prices.priceOf("gpt-4o-2024-05-13")).toMatchObject({ entry: "gpt-4o-2024-05-13", inputPerMillion: 5 });
    expect(prices.priceOf("gpt-4.1-mini-2025-04-14")).toMatchObject({ entry: "gpt-4.1-mini" });
    expect(prices.priceOf("openai/gpt-4.1-nano")).toMatchObject({ entry: "gpt-4.1-nano" });
    expect(prices.priceOf("openai-compatible:GPT-4.1")).toMatchObject({ entry: "gpt-4.1" });
    expect(prices.priceOf("azure/o4-mini-2025-04-16")).toMatchObject({ entry: "o4-mini", outputPerMillion: 4.4 });
    expect(prices.priceOf("text-embedding-3-large")).toMatchObject({ entry: "text-embedding-3-large", inputPerMillion: 0.13, outputPerMillion: 0 });
  });

  it("needs a separator after a known name, so another model that merely starts alike is not priced as it", () => {
    expect(prices.priceOf("gpt-4omni")).toMatchObject({ known: false });
    expect(prices.priceOf("gpt-4.10")).toMatchObject({ known: false });
  });

  it("knows this application's own offline models are free, and flags unknown models at zero", () => {
    expect(prices.priceOf("extractive")).toEqual({ inputPerMillion: 0, outputPerMillion: 0, known: true, entry: "extractive" });
    expect(prices.priceOf("use-lite-512")).toMatchObject({ known: true, inputPerMillion: 0 });
    expect(prices.priceOf("llama3.2:3b")).toEqual({ inputPerMillion: 0, outputPerMillion: 0, known: false });
    expect(prices.costUsd({ model: "qwen2.5-7b-instruct", inputTokens: 10_000, outputTokens: 10_000 })).toBe(0);
  });

  it("refuses negative or non-finite token counts", () => {
    expect(() => prices.costUsd({ model: "gpt-4o", inputTokens: -1, outputTokens: 0 })).toThrow("inputTokens must be a non-negative number, got -1");
    expect(() => prices.costUsd({ model: "gpt-4o", inputTokens: 0, outputTokens: Number.NaN })).toThrow(RangeError);
  });

  it("lets overrides change a published price and add models, an exact id beating its base model", () => {
    const overridden = createPriceTable({
      "gpt-4o-mini": { inputPerMillion: 0.165, outputPerMillion: 0.66 },
      "Llama3.1": { inputPerMillion: 0.2, outputPerMillion: 0.2 },
      "ft:gpt-4o-mini-2024-07-18:acme::abc123": { inputPerMillion: 0.3, outputPerMillion: 1.2 },
    });

    expect(overridden.priceOf("gpt-4o-mini-2024-07-18")).toMatchObject({ inputPerMillion: 0.165, outputPerMillion: 0.66 });
    expect(overridden.priceOf("llama3.1:70b")).toMatchObject({ known: true, entry: "llama3.1", inputPerMillion: 0.2 });
    expect(overridden.priceOf("ft:gpt-4o-mini-2024-07-18:acme::abc123")).toMatchObject({ inputPerMillion: 0.3 });
    expect(overridden.priceOf("gpt-4o")).toMatchObject({ inputPerMillion: 2.5 });
    expect(prices.priceOf("ft:gpt-4o-mini-2024-07-18:acme::abc123")).toMatchObject({ entry: "gpt-4o-mini" });
  });

  it("reads overrides from MODEL_PRICES and names the variable when it is malformed", () => {
    const fromEnv = priceTableFromEnv({ MODEL_PRICES: '{"mistral-large": {"inputPerMillion": 2, "outputPerMillion": 6}}' });
    expect(fromEnv.costUsd({ model: "mistral-large-2411", inputTokens: 1000, outputTokens: 1000 })).toBe(0.008);
    expect(priceTableFromEnv({ MODEL_PRICES: "" }).priceOf("gpt-4o")).toMatchObject({ inputPerMillion: 2.5 });

    expect(() => priceTableFromEnv({ MODEL_PRICES: "{mistral: 2}" })).toThrow(/^Invalid MODEL_PRICES: not JSON/);
    expect(() => priceTableFromEnv({ MODEL_PRICES: '{"mistral": {"inputPerMillion": -2, "outputPerMillion": 6}}' })).toThrow(
      /Invalid MODEL_PRICES:\n.*mistral\.inputPerMillion/s,
    );
    expect(() => priceTableFromEnv({ MODEL_PRICES: '{"mistral": {"input": 2, "output": 6}}' })).toThrow(/Invalid MODEL_PRICES/);
  });
});
