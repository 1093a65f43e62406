// Cost of a judge call from the token counts the API reports (usageMetadata). The prices are
// Google's published list prices for the Gemini API (paid tier, USD per 1M tokens, standard
// context ≤ 200K tokens; a judge prompt with two images is a few thousand tokens), checked when
// this was written. They change, and contracts differ: override them with RIPE_JUDGE_PRICE_INPUT
// and RIPE_JUDGE_PRICE_OUTPUT, or pass prices explicitly. Output includes thinking tokens,
// which Gemini 2.5 bills as output. The Batch API charges half the interactive price (Google's
// published rate); RIPE_JUDGE_BATCH_PRICE_INPUT and RIPE_JUDGE_BATCH_PRICE_OUTPUT override it.

export type TokenUsage = { inputTokens: number; outputTokens: number };
export type ModelPrice = { inputPerMillion: number; outputPerMillion: number };

export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  "gemini-2.5-pro": { inputPerMillion: 1.25, outputPerMillion: 10 },
  "gemini-2.5-flash": { inputPerMillion: 0.3, outputPerMillion: 2.5 },
  "gemini-2.5-flash-lite": { inputPerMillion: 0.1, outputPerMillion: 0.4 },
};

/** Above 200K prompt tokens gemini-2.5-pro costs more; judge prompts never get near it. */
export const LONG_CONTEXT_PRICES: Readonly<Record<string, ModelPrice & { fromInputTokens: number }>> = {
  "gemini-2.5-pro": { inputPerMillion: 2.5, outputPerMillion: 15, fromInputTokens: 200_000 },
};

function envPrice(name: string): number | undefined {
  const value = process.env[name];
  if (value === undefined || value.trim() === "") return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) {
    throw new Error(`${name}=${JSON.stringify(value)} is not a price: give USD per 1M tokens, e.g. ${name}=1.25`);
  }
  return parsed;
}

/** Price for a model: env overrides, then the table (matched by prefix, so dated variants work), else null. */
export function priceFor(model: string, usage?: TokenUsage): ModelPrice | null {
  const inputOverride = envPrice("RIPE_JUDGE_PRICE_INPUT");
  const outputOverride = envPrice("RIPE_JUDGE_PRICE_OUTPUT");
  const name = model.replace(/^models\//, "");
  // Longest prefix first, so "gemini-2.5-flash-lite-…" is not priced as "gemini-2.5-flash".
  const key = Object.keys(MODEL_PRICES)
    .sort((a, b) => b.length - a.length)
    .find((candidate) => name === candidate || name.startsWith(`${candidate}-`));
  let price: ModelPrice | null = key ? MODEL_PRICES[key] : null;
  const long = key ? LONG_CONTEXT_PRICES[key] : undefined;
  if (long && usage && usage.inputTokens > long.fromInputTokens) price = long;
  if (inputOverride === undefined && outputOverride === undefined) return price;
  return {
    inputPerMillion: inputOverride ?? price?.inputPerMillion ?? 0,
    outputPerMillion: outputOverride ?? price?.outputPerMillion ?? 0,
  };
}

/** USD for one call; 0 for an unpriced model (a local fake, an unknown name) rather than a guess. */
export function costUsd(model: string, usage: TokenUsage, price: ModelPrice | null = priceFor(model, usage)): number {
  if (!price) return 0;
  return (usage.inputTokens * price.inputPerMillion + usage.outputTokens * price.outputPerMillion) / 1_000_000;
}

/** The Batch API's price as a share of the interactive one (Google: "50% of the standard cost"). */
export const BATCH_DISCOUNT = 0.5;

/** Price of a request sent through the Batch API: env overrides, else the interactive price × BATCH_DISCOUNT. */
export function batchPriceFor(model: string, usage?: TokenUsage): ModelPrice | null {
  const inputOverride = envPrice("RIPE_JUDGE_BATCH_PRICE_INPUT");
  const outputOverride = envPrice("RIPE_JUDGE_BATCH_PRICE_OUTPUT");
  const standard = priceFor(model, usage);
  const discounted = standard && {
    inputPerMillion: standard.inputPerMillion * BATCH_DISCOUNT,
    outputPerMillion: standard.outputPerMillion * BATCH_DISCOUNT,
  };
  if (inputOverride === undefined && outputOverride === undefined) return discounted;
  return {
    inputPerMillion: inputOverride ?? discounted?.inputPerMillion ?? 0,
    outputPerMillion: outputOverride ?? discounted?.outputPerMillion ?? 0,
  };
}
