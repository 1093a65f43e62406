// The calls a fake Gemini server received for one model, grouped by request (its text and images,
// so one group per candidate), with the tokens and cost of ONE answer per request: what a judge
// run that charged each candidate once must have on its counters. Calls beyond one per request
// are calls lost with an instance that died (abandoned, or answered but never stored).
import crypto from "node:crypto";
import { usageFrom } from "../judge/batch-requests";
import { costUsd } from "../judge/pricing";
import { answerFor, type FakeGemini } from "./fake-gemini-server";

export type FakeCallTally = {
  /** Distinct requests (one per candidate: each has its own edited image). */
  asked: number;
  /** Requests answered once, answered more than once, and calls whose caller went away before the answer. */
  answeredOnce: number;
  answeredAgain: number;
  abandoned: number;
  /** Tokens and cost of one answer per distinct request: what the job must have charged. */
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
};

/** The fake server's calls for one model, grouped by request. */
export function tallyFakeCalls(fake: FakeGemini, model: string): FakeCallTally {
  const byRequest = new Map<string, { answered: number; abandoned: number; call: FakeGemini["calls"][number] }>();
  for (const call of fake.calls.filter((entry) => entry.model === model)) {
    const key = crypto.createHash("sha256").update(JSON.stringify(call.body.contents)).digest("hex");
    const entry = byRequest.get(key) ?? { answered: 0, abandoned: 0, call };
    if (call.isAbandoned) entry.abandoned++;
    else entry.answered++;
    byRequest.set(key, entry);
  }
  const tally: FakeCallTally = {
    asked: byRequest.size,
    answeredOnce: 0,
    answeredAgain: 0,
    abandoned: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
  };
  for (const { answered, abandoned, call } of byRequest.values()) {
    if (answered === 1) tally.answeredOnce++;
    if (answered > 1) tally.answeredAgain++;
    tally.abandoned += abandoned;
    const answer = answerFor(call.model, call.body, { kind: "default" }) as { payload: { usageMetadata: Parameters<typeof usageFrom>[0] } };
    const usage = usageFrom(answer.payload.usageMetadata);
    tally.inputTokens += usage.inputTokens;
    tally.outputTokens += usage.outputTokens;
    tally.costUsd += costUsd(model, usage);
  }
  return tally;
}
