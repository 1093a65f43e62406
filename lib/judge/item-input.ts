// What a judge sees for one candidate of a job: its instructions and both images, resolved the
// same way for an interactive call and for a line of a batch file. A missing image is an error
// the job records (retryable: a mirror folder may appear), never an exception.
import type { DbHandle } from "../db/client";
import { judgeItemSource } from "../db/queries/judge-runs";
import type { Dataset } from "../db/schema";
import { resolveImage } from "../images/resolve";
import type { ImageInput, JudgeInput } from "./prompt";

export type ResolveImage = (dataset: Dataset, imagePath: string) => Promise<ImageInput | null>;

export type LoadedInput = { ok: true; input: JudgeInput } | { ok: false; error: string; retryable: boolean };

export async function loadJudgeInput(
  handle: DbHandle,
  dataset: Dataset,
  candidateId: number,
  resolve: ResolveImage = resolveImage,
): Promise<LoadedInput> {
  const row = await judgeItemSource(handle, candidateId);
  if (!row) return { ok: false, error: `Candidate ${candidateId} no longer exists.`, retryable: false };
  // The official mapping script's local copy first; multi-turn sources are the previous turn's path.
  const source =
    (row.local_source_image ? await resolve(dataset, row.local_source_image) : null) ?? (await resolve(dataset, row.source_image));
  if (!source)
    return {
      ok: false,
      error: `Source image not found: ${row.source_image} (add a mirror folder or fix the dataset base).`,
      retryable: true,
    };
  const edited = await resolve(dataset, row.image_path);
  if (!edited)
    return {
      ok: false,
      error: `Edited image not found: ${row.image_path} (add a mirror folder or fix the dataset base).`,
      retryable: true,
    };
  return { ok: true, input: { source, edited, text: row.text, summarizedText: row.summarized_text, editType: row.edit_type } };
}
