// Human decisions for the demo, so the audit has something to measure from the first start.
// They come from the generator's own record of how each candidate was made: a candidate with a
// planted flaw (or a rejected attempt, every one of which has a named flaw) is rejected with the
// matching reason tags, the others accepted. Two reviewers cover overlapping parts of the dataset
// and one later part is left unreviewed for the queue. This is a convenience sample, not a
// probability sample, and the audit reports it as such.
import type { DemoRequest } from "./requests";

export type DemoDecision = { image: string; reviewer: string; verdict: "accept" | "reject" | "unsure"; reason_tags: string[]; note: string; time: string };

const TAG_RULES: [RegExp, string][] = [
  [/under-edit|barely|no visible change|still there|no seasonal change/i, "under_edited"],
  [/over-edited|destroyed/i, "over_edited"],
  [/wrong region|wrong crop|float|cut off/i, "wrong_region"],
  [/artifact|smeared|stretched/i, "artifacts"],
  [/misspelled/i, "text_wrong"],
  [/wrong season/i, "instruction_not_followed"],
];

export function reasonTagsFor(flaw: string): string[] {
  const tags = TAG_RULES.filter(([pattern]) => pattern.test(flaw)).map(([, tag]) => tag);
  return tags.length ? [...new Set(tags)] : ["instruction_not_followed"];
}

/** Reviewed share: requests 1…REVIEWED_UP_TO; ann takes two in three, ben every second. */
const REVIEWED_UP_TO = 34;

export function demoDecisions(requests: readonly DemoRequest[], passPath: (n: number, request: DemoRequest) => string): DemoDecision[] {
  const decisions: DemoDecision[] = [];
  const start = Date.UTC(2026, 10, 2, 9, 0, 0);
  let minute = 0;
  const add = (image: string, reviewer: string, flaw: string | undefined, override?: DemoDecision["verdict"]) => {
    const verdict = override ?? (flaw ? "reject" : "accept");
    decisions.push({
      image,
      reviewer,
      verdict,
      reason_tags: verdict === "reject" && flaw ? reasonTagsFor(flaw) : [],
      note: verdict === "unsure" ? "hard to tell at this size" : flaw ? flaw : "",
      time: new Date(start + minute++ * 47_000).toISOString().replace(".000Z", "Z"),
    });
  };
  requests.forEach((request, index) => {
    const n = index + 1;
    if (n > REVIEWED_UP_TO) return;
    const reviewers = [n % 3 !== 0 ? "ann" : null, n % 2 === 0 ? "ben" : null].filter(Boolean) as string[];
    for (const reviewer of reviewers) {
      // Reviewers disagree now and then on subtle flaws: ben is unsure about barely visible ones.
      const isSubtle = Boolean(request.flaw && /barely/i.test(request.flaw));
      add(passPath(n, request), reviewer, request.flaw, reviewer === "ben" && isSubtle ? "unsure" : undefined);
      (request.rejected ?? []).forEach((attempt, attemptIndex) => add(`images/negative-edit/${n}_attempt${attemptIndex + 1}.jpg`, reviewer, attempt.flaw));
    }
  });
  return decisions;
}
