// The judge prompt, written from the Pico-Banana rubric (DESIGN.md §1). The model scores the
// four criteria only; Ripe computes the overall itself from the dataset's weights, so a change
// of weights never needs a new model call and a model's arithmetic is never trusted.
// Changing the wording changes what the scores mean: bump PROMPT_VERSION with it, because the
// version is part of the judge id and judgements of different versions must not be mixed.
// An explicit version (not a hash in the id) keeps the ids of stored judgements readable and
// unchanged; prompt.test.ts pins each released version's promptFingerprint(), so a changed
// text without a new version fails the tests.
import crypto from "node:crypto";
import { Type, type Content, type Part, type Schema } from "@google/genai";
import { CRITERIA, RUBRIC, type Criterion } from "../taxonomy";

export const PROMPT_VERSION = "rubric-v1";

export type ImageInput = { bytes: Buffer; mimeType: string };

/** Everything a judge sees for one candidate. */
export type JudgeInput = {
  source: ImageInput;
  edited: ImageInput;
  /** The long instruction (`text`), the specification of the edit. */
  text: string;
  /** The short, user-style instruction (`summarized_text`). */
  summarizedText: string;
  editType: string;
};

const CRITERION_GUIDANCE: Record<Criterion, string> = {
  instruction_compliance:
    "Does the edited image do what the instruction asks: the right change, on the right object or region, " +
    "to the right extent? Missing, partial or wrong-target edits lower it; an image with no visible change scores near 0.",
  seamlessness:
    "Does the edit blend into the photo: consistent lighting, shadows, reflections, perspective, scale, colour and " +
    "texture, with no seams, halos, smudges or pasted-on look?",
  preservation_balance:
    "Is everything the instruction did not ask to change kept (identity, pose, layout, background, other objects, " +
    "text), while the requested change is still made in full? Unrequested changes (over-editing) and a timid, " +
    "half-made change (under-editing) both lower it. For global edits (style, season, lighting) judge whether the " +
    "scene's content and composition survive.",
  technical_quality:
    "Is the result a clean image: sharp where it should be, without artifacts, distortions, malformed hands, faces " +
    "or lettering, banding, noise or compression damage?",
};

export const SYSTEM_INSTRUCTION =
  "You are the quality judge of an instruction-based image-editing dataset. You compare a source photo with an " +
  "edited version of it and score how well the edit carries out the instruction. Be strict and consistent, judge " +
  "only what you can see in the two images, and answer with JSON only.";

function rubricText(): string {
  const lines = CRITERIA.map(
    (criterion, index) => `${index + 1}. ${criterion} (weight ${RUBRIC.weights[criterion].toFixed(2)}): ${CRITERION_GUIDANCE[criterion]}`,
  );
  return [
    "Score each criterion from 0.0 (fails completely) to 1.0 (flawless), with two decimals:",
    ...lines,
    "The two images may differ in size and aspect ratio; that alone is not a defect.",
    "First write a short rationale (one to three sentences) naming the main problems, then give the four scores. " +
      "Do not compute an overall score.",
  ].join("\n");
}

function instructionText(input: JudgeInput): string {
  const isSame = input.text.trim() === input.summarizedText.trim();
  return [
    `Edit type: ${input.editType}`,
    `Instruction (long, the specification): ${input.text}`,
    isSame ? "Instruction (short): identical to the long one." : `Instruction (short, as a user would say it): ${input.summarizedText}`,
    "Both instructions describe the same edit; where they differ, the long one decides the details.",
  ].join("\n");
}

function imagePart(image: ImageInput): Part {
  return { inlineData: { mimeType: image.mimeType, data: image.bytes.toString("base64") } };
}

/** The user turn: instructions, the two labelled images, then the rubric. */
export function buildJudgeContents(input: JudgeInput): Content[] {
  return [
    {
      role: "user",
      parts: [
        { text: instructionText(input) },
        { text: "SOURCE IMAGE (before the edit):" },
        imagePart(input.source),
        { text: "EDITED IMAGE (the candidate to judge):" },
        imagePart(input.edited),
        { text: rubricText() },
      ],
    },
  ];
}

/**
 * Structured output: the rationale first so the model states its reasons before it scores
 * (propertyOrdering is honoured by Gemini), then the four criteria, each bounded to [0, 1].
 */
export const RESPONSE_SCHEMA: Schema = {
  type: Type.OBJECT,
  properties: {
    rationale: { type: Type.STRING, description: "One to three sentences naming the main problems." },
    ...Object.fromEntries(
      CRITERIA.map((criterion) => [
        criterion,
        { type: Type.NUMBER, minimum: 0, maximum: 1, description: CRITERION_GUIDANCE[criterion] } satisfies Schema,
      ]),
    ),
  },
  required: ["rationale", ...CRITERIA],
  propertyOrdering: ["rationale", ...CRITERIA],
};

/**
 * A short hash of everything the model is told: system instruction, the user turn rendered for a
 * fixed pair of inputs (identical and differing instructions), and the response schema.
 */
export function promptFingerprint(): string {
  const image: ImageInput = { bytes: Buffer.alloc(0), mimeType: "image/png" };
  const render = (text: string, summarizedText: string) =>
    buildJudgeContents({ source: image, edited: image, text, summarizedText, editType: "EDIT_TYPE" })
      .flatMap((content) => content.parts ?? [])
      .map((part) => part.text ?? `<${part.inlineData ? "image" : "part"}>`);
  const material = JSON.stringify([SYSTEM_INSTRUCTION, render("LONG", "LONG"), render("LONG", "SHORT"), RESPONSE_SCHEMA]);
  return crypto.createHash("sha256").update(material).digest("hex").slice(0, 12);
}
