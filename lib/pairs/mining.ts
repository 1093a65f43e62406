// Mining rules for preference pairs (pure). The database hands over candidates grouped by request
// (and multi-turn sessions grouped by original image); these functions decide which two
// candidates become a pair and record why (the pair's origin). Pairs are stored with the lower
// candidate id first so a pair found by two rules, or twice, is one row (unique index).
import type { Outcome } from "../verdict/outcomes";
import type { PairOrigin } from "./enums";

export const MINING_RULES = [
  {
    id: "disagreement",
    label: "Judge/human disagreements",
    description: "A candidate where a reviewer's verdict contradicts the judge's, paired with each other candidate of its request",
  },
  {
    id: "near_tie",
    label: "Judge near-ties",
    description: "Both candidates judged and their overall scores within the margin, or both within the band around the threshold",
  },
  {
    id: "multi_pass",
    label: "Several passing candidates",
    description: "Requests with two or more passing candidates: which pass is better decides the SFT output",
  },
  { id: "request", label: "Any two candidates of a request", description: "Every pair of candidates of one request (capped per request)" },
  {
    id: "turns",
    label: "Same prompt chain in two sessions",
    description: "Two multi-turn sessions from the same original with the same prompts up to turn k: their turn-k outputs",
  },
] as const satisfies readonly { id: PairOrigin; label: string; description: string }[];

export type MiningRule = (typeof MINING_RULES)[number]["id"];
export const MINING_RULE_IDS = MINING_RULES.map((rule) => rule.id) as [MiningRule, ...MiningRule[]];

export type MiningOptions = {
  rules: readonly MiningRule[];
  /** Near-tie: |overall A − overall B| ≤ margin. */
  margin: number;
  /** Near-tie: both overall scores within ± band of the threshold. */
  band: number;
  threshold: number;
  /** "request" rule: at most this many candidates of one request are combined (n·(n−1)/2 pairs). */
  maxPerRequest: number;
};

export const DEFAULT_MINING_OPTIONS: Omit<MiningOptions, "threshold"> = {
  rules: ["disagreement", "near_tie", "multi_pass"],
  margin: 0.05,
  band: 0.05,
  maxPerRequest: 6,
};

export type MiningCandidate = {
  id: number;
  /** Weighted overall; null when unjudged (the database stores -1). */
  judgeOverall: number | null;
  effectiveVerdict: Outcome;
  isDisagreement: boolean;
};

export type MinedPair = { requestId: number; a: number; b: number; origin: PairOrigin };

/** Lower id first: the one canonical order of a mined pair. */
export function orderPair(x: number, y: number): [number, number] {
  return x < y ? [x, y] : [y, x];
}

export function isNearTie(x: MiningCandidate, y: MiningCandidate, options: Pick<MiningOptions, "margin" | "band" | "threshold">): boolean {
  if (x.judgeOverall === null || y.judgeOverall === null) return false;
  if (Math.abs(x.judgeOverall - y.judgeOverall) <= options.margin + 1e-12) return true;
  const near = (value: number) => Math.abs(value - options.threshold) <= options.band + 1e-12;
  return near(x.judgeOverall) && near(y.judgeOverall);
}

/**
 * Why two candidates of one request should be compared, most informative reason first
 * (a disagreement is worth a human look before a near-tie, a near-tie before two passes), or
 * null when no enabled rule applies.
 */
export function pairReason(x: MiningCandidate, y: MiningCandidate, options: MiningOptions): PairOrigin | null {
  const rules = new Set(options.rules);
  if (rules.has("disagreement") && (x.isDisagreement || y.isDisagreement)) return "disagreement";
  if (rules.has("near_tie") && isNearTie(x, y, options)) return "near_tie";
  if (rules.has("multi_pass") && x.effectiveVerdict === "pass" && y.effectiveVerdict === "pass") return "multi_pass";
  if (rules.has("request")) return "request";
  return null;
}

/** Pairs within one request. The "request" rule is capped at maxPerRequest candidates (lowest ids). */
export function minePairsInRequest(requestId: number, candidates: readonly MiningCandidate[], options: MiningOptions): MinedPair[] {
  const sorted = [...candidates].sort((x, y) => x.id - y.id);
  const pairs: MinedPair[] = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      let origin = pairReason(sorted[i], sorted[j], options);
      if (origin === "request" && (i >= options.maxPerRequest || j >= options.maxPerRequest)) origin = null;
      if (origin) pairs.push({ requestId, a: sorted[i].id, b: sorted[j].id, origin });
    }
  }
  return pairs;
}

/** One turn of a multi-turn session: its request, prompt and candidate(s). */
export type SessionTurn = {
  sessionId: number;
  originalUrl: string;
  turn: number;
  prompt: string;
  requestId: number;
  candidateIds: readonly number[];
};

/** Prompts compared loosely: case, surrounding and repeated whitespace do not make a chain different. */
export function normalisePrompt(prompt: string): string {
  return prompt.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
}

/**
 * The "turns" rule. Turn k of a session answers the prompt chain p1…pk applied to the original;
 * consecutive turns share the chain up to the earlier one. Two outputs are comparable when they
 * answer the same chain from the same input, so: sessions that start from the same original and
 * agree on prompts 1…k pair their turn-k outputs (for every k up to where the chains part). Turns
 * of ONE session answer different prompts and are never paired; several candidates of one turn
 * are the same request and covered by the request rules. (Pico-Banana's multi-turn images are
 * named `<id>_attemptB_turnK`: a retried session repeats the original and the prompts, which is
 * exactly what this rule pairs.)
 */
export function mineTurnPairs(turns: readonly SessionTurn[]): MinedPair[] {
  const sessions = new Map<number, SessionTurn[]>();
  for (const turn of turns) sessions.set(turn.sessionId, [...(sessions.get(turn.sessionId) ?? []), turn]);
  // chain key (original + normalised prompts up to k) → first request and its candidates seen with it
  const byChain = new Map<string, SessionTurn[]>();
  for (const sessionTurns of sessions.values()) {
    const ordered = [...sessionTurns].sort((x, y) => x.turn - y.turn);
    let key = ordered[0]?.originalUrl ?? "";
    for (const [index, turn] of ordered.entries()) {
      if (turn.turn !== index + 1) break; // a gap in the chain: later turns answer an unknown chain
      key += `\n${normalisePrompt(turn.prompt)}`;
      byChain.set(key, [...(byChain.get(key) ?? []), turn]);
    }
  }
  const pairs: MinedPair[] = [];
  const seen = new Set<string>();
  for (const group of byChain.values()) {
    if (group.length < 2) continue;
    const ordered = [...group].sort((x, y) => x.sessionId - y.sessionId);
    for (let i = 0; i < ordered.length; i++) {
      for (let j = i + 1; j < ordered.length; j++) {
        if (ordered[i].sessionId === ordered[j].sessionId) continue;
        for (const x of ordered[i].candidateIds) {
          for (const y of ordered[j].candidateIds) {
            const [a, b] = orderPair(x, y);
            const key = `${a}:${b}`;
            if (a === b || seen.has(key)) continue;
            seen.add(key);
            // The pair belongs to the earlier session's turn (its request carries the chain).
            pairs.push({ requestId: ordered[i].requestId, a, b, origin: "turns" });
          }
        }
      }
    }
  }
  return pairs;
}

/** Tally of a mining run: new pairs per origin and pairs that already existed. */
export type MiningResult = {
  created: Partial<Record<PairOrigin, number>>;
  createdTotal: number;
  alreadyExisted: number;
  requestsScanned: number;
  sessionsScanned: number;
  tookMs: number;
};
