// The line formats Ripe reads: the three Pico-Banana manifest kinds (detected by their keys),
// plus two of Ripe's own for moving labels in: judge scores and human decisions (README).
// Unknown keys are allowed everywhere and kept (the original line is stored verbatim).
import { z } from "zod";
import { normalizeEditType } from "../taxonomy";
import { REASON_TAGS, VERDICTS } from "../review/enums";

const text = z.string().min(1, "must be a non-empty string");
const imagePath = z
  .string()
  .min(1, "must be a non-empty path")
  .refine((value) => !value.includes("\0"), "contains a NUL byte");
const score = z.number().min(0, "must be in [0, 1]").max(1, "must be in [0, 1]").nullable().optional();

export const sftRecord = z.looseObject({
  open_image_input_url: text,
  text: text,
  output_image: imagePath,
  edit_type: text.transform(normalizeEditType),
  summarized_text: z.string(),
  local_input_image: z.string().optional(),
});

export const preferenceRecord = z.looseObject({
  output_image: imagePath,
  rejected_images: z.array(imagePath).min(1, "must list at least one rejected image"),
  text: text,
  edit_type: text.transform(normalizeEditType),
  open_image_input_url: text,
  summarized_text: z.string(),
  local_input_image: z.string().optional(),
});

const fileEntry = z.looseObject({ id: text, url: imagePath });

export const multiTurnRecord = z
  .looseObject({
    files: z.array(fileEntry).min(2, "must hold the turns, final_image and original_input_image"),
    metadata_edit_turn_prompts: z.array(text).min(1, "must list the turn prompts"),
  })
  .superRefine((record, context) => {
    const ids = new Map(record.files.map((file) => [file.id, file.url]));
    const turns = record.metadata_edit_turn_prompts.length;
    if (!ids.has("original_input_image"))
      context.addIssue({ code: "custom", path: ["files"], message: 'has no "original_input_image" entry' });
    if (!ids.has("final_image")) context.addIssue({ code: "custom", path: ["files"], message: 'has no "final_image" entry' });
    for (let turn = 1; turn < turns; turn++) {
      if (!ids.has(`edit_turn${turn}`)) {
        context.addIssue({ code: "custom", path: ["files"], message: `has no "edit_turn${turn}" entry for prompt ${turn} of ${turns}` });
      }
    }
  });

export const judgeScoreRecord = z.looseObject({
  image: imagePath,
  judge: text,
  instruction_compliance: score,
  seamlessness: score,
  preservation_balance: score,
  technical_quality: score,
  overall: score,
  rationale: z.string().nullable().optional(),
});

export const decisionRecord = z.looseObject({
  image: imagePath,
  reviewer: text,
  verdict: z.enum(VERDICTS),
  reason_tags: z.array(z.enum(REASON_TAGS)).optional(),
  note: z.string().nullable().optional(),
  time: z.iso.datetime({ offset: true }).optional(),
  instruction_compliance: score,
  seamlessness: score,
  preservation_balance: score,
  technical_quality: score,
});

export type SftRecord = z.infer<typeof sftRecord>;
export type PreferenceRecord = z.infer<typeof preferenceRecord>;
export type MultiTurnRecord = z.infer<typeof multiTurnRecord>;
export type JudgeScoreRecord = z.infer<typeof judgeScoreRecord>;
export type DecisionRecord = z.infer<typeof decisionRecord>;

export const LINE_KINDS = ["sft", "preference", "multi_turn", "judge_scores", "decisions"] as const;
export type LineKind = (typeof LINE_KINDS)[number];

export type ParsedLine =
  | { kind: "sft"; record: SftRecord }
  | { kind: "preference"; record: PreferenceRecord }
  | { kind: "multi_turn"; record: MultiTurnRecord }
  | { kind: "judge_scores"; record: JudgeScoreRecord }
  | { kind: "decisions"; record: DecisionRecord };

export type LineProblem = { field: string; problem: string };

/** Which kind a parsed object is, from its keys; null when none fits. */
export function detectKind(object: Record<string, unknown>): LineKind | null {
  if ("files" in object || "metadata_edit_turn_prompts" in object) return "multi_turn";
  if ("rejected_images" in object) return "preference";
  if ("image" in object && ("verdict" in object || "reviewer" in object)) return "decisions";
  if ("image" in object && "judge" in object) return "judge_scores";
  if ("output_image" in object) return "sft";
  return null;
}

const SCHEMAS = {
  sft: sftRecord,
  preference: preferenceRecord,
  multi_turn: multiTurnRecord,
  judge_scores: judgeScoreRecord,
  decisions: decisionRecord,
} as const;

/** Parses one line; problems name the field, in the `field: problem` form of error messages. */
export function parseLine(line: string): { ok: true; parsed: ParsedLine } | { ok: false; problems: LineProblem[] } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { ok: false, problems: [{ field: "(line)", problem: `malformed JSON: ${(error as Error).message}` }] };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, problems: [{ field: "(line)", problem: "must be a JSON object" }] };
  }
  const kind = detectKind(value as Record<string, unknown>);
  if (!kind) {
    return {
      ok: false,
      problems: [
        {
          field: "(line)",
          problem:
            "unrecognised row: expected SFT (output_image), preference (rejected_images), multi-turn (files), judge scores (image + judge) or decisions (image + reviewer + verdict) keys",
        },
      ],
    };
  }
  const result = SCHEMAS[kind].safeParse(value);
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map((issue) => ({
        field: issue.path.length ? issue.path.join(".") : "(line)",
        problem: issue.code === "invalid_type" && !hasPath(value, issue.path) ? "is missing" : issue.message,
      })),
    };
  }
  return { ok: true, parsed: { kind, record: result.data } as ParsedLine };
}

function hasPath(value: unknown, path: readonly PropertyKey[]): boolean {
  let current: unknown = value;
  for (const key of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) return false;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return true;
}

/** Multi-turn files looked up by id, never by position. */
export function multiTurnFiles(record: MultiTurnRecord): { original: string; turns: string[] } {
  const byId = new Map(record.files.map((file) => [file.id, file.url]));
  const count = record.metadata_edit_turn_prompts.length;
  const turns: string[] = [];
  for (let turn = 1; turn < count; turn++) turns.push(byId.get(`edit_turn${turn}`)!);
  turns.push(byId.get("final_image")!);
  return { original: byId.get("original_input_image")!, turns };
}
