// The verdict rules of DESIGN.md §2, written once. lib/verdict/index.ts runs them in TypeScript
// (review page, audit, export decisions) and lib/verdict/sql.ts prints them into the SQL that keeps
// candidates' stored verdicts (candidate-state.ts, audit-rubric.ts) and settles export rows.
import { and, eq, ge, gt, input, isNull, literal, ne, oneOf, or, type Condition, type Rule } from "./rule";

const PASS = literal("pass");
const FAIL = literal("fail");
const NONE = literal("none");
const UNRESOLVED = literal("unresolved");

/** Judge: no overall → none; overall at or above the threshold → pass; else fail. */
export const JUDGE_RULE: Rule<"overall" | "threshold"> = {
  arms: [
    { when: isNull(input("overall")), then: NONE },
    { when: ge(input("overall"), input("threshold")), then: PASS },
  ],
  otherwise: FAIL,
};

/**
 * Human, from each reviewer's latest non-retracted decision: majority of accept vs reject (unsure
 * abstains); a tie, or only unsure votes, stays unresolved; no reviewer → none.
 */
export const HUMAN_RULE: Rule<"reviewers" | "accepts" | "rejects"> = {
  arms: [
    { when: eq(input("reviewers"), literal(0)), then: NONE },
    { when: gt(input("accepts"), input("rejects")), then: PASS },
    { when: gt(input("rejects"), input("accepts")), then: FAIL },
  ],
  otherwise: UNRESOLVED,
};

/**
 * Human, once an admin adjudicated: the latest adjudication (accept → pass, reject → fail) overrides
 * the reviewers' majority; without one ("none") the majority stands. Reviewers' own decisions stay
 * in their history either way (reviews and adjudications are both append-only).
 */
export const ADJUDICATED_HUMAN_RULE: Rule<"adjudicated" | "majority"> = {
  arms: [
    { when: eq(input("adjudicated"), literal("accept")), then: PASS },
    { when: eq(input("adjudicated"), literal("reject")), then: FAIL },
  ],
  otherwise: input("majority"),
};

/** Effective: the human verdict, else the judge's, else the manifest's prior. */
export const EFFECTIVE_RULE: Rule<"human" | "judge" | "prior"> = {
  arms: [
    { when: ne(input("human"), NONE), then: input("human") },
    { when: ne(input("judge"), NONE), then: input("judge") },
  ],
  otherwise: input("prior"),
};

/** Disagreement: human and judge both decided (pass/fail) and differ. */
export const DISAGREEMENT_RULE: Condition<"human" | "judge"> = and(
  oneOf(input("human"), ["pass", "fail"]),
  oneOf(input("judge"), ["pass", "fail"]),
  ne(input("human"), input("judge")),
);

/**
 * Passes for export: an effective pass. A human tie ("unresolved") is not a decision, so it falls
 * back to the judge, then the manifest prior.
 */
export const PASSES_FOR_EXPORT_RULE: Condition<"effective" | "judge" | "prior"> = or(
  eq(input("effective"), PASS),
  and(eq(input("effective"), UNRESOLVED), or(eq(input("judge"), PASS), and(eq(input("judge"), NONE), eq(input("prior"), PASS)))),
);
