// Builds the demo dataset: real image operations on the shared photos, written as Pico-Banana
// manifests (SFT, preference, multi-turn) plus an offline-judge score file, README and
// attribution. Deterministic: the same photos give the same bytes on every run.
import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { METRICS_JUDGE_ID, scoreWithMetrics } from "../judge/metrics";
import type { OpContext } from "./image-ops";
import { toJsonLines, type JsonValue } from "../manifest/python-json";
import { seededRandom } from "../random";
import { attributionText, readmeText, type DemoSummary } from "./readme";
import { demoDecisions } from "./decisions";
import { DEMO_REQUESTS, type DemoRequest } from "./requests";
import { DEMO_SESSIONS, type DemoSession } from "./sessions";

export type GenerateDemoOptions = {
  photosDir: string;
  outDir: string;
  /** Only the first N single-turn requests (sessions are always all generated): for quick checks. */
  limit?: number;
  onProgress?: (message: string) => void;
};

const JPEG_QUALITY = 82;
const LONGEST_SIDES = [640, 576, 512] as const; // the editor's output sizes vary by request
const WORKERS = 2;
const GENERATED_PATHS = ["images", "sources", "sft.jsonl", "preference.jsonl", "multi-turn.jsonl", "judge-scores.jsonl", "decisions.jsonl", "README.md", "ATTRIBUTION.md"];

/** Output size like the real editor's: the aspect ratio kept, both sides multiples of 16. */
export function editorSize(width: number, height: number, longestSide: number): { width: number; height: number } {
  const scale = longestSide / Math.max(width, height);
  const toMultiple = (value: number) => Math.max(16, Math.round((value * scale) / 16) * 16);
  return { width: toMultiple(width), height: toMultiple(height) };
}

async function encodeJpeg(image: Buffer, longestSide: number, quality: number): Promise<Buffer> {
  const meta = await sharp(image).metadata();
  const size = editorSize(meta.width ?? 1, meta.height ?? 1, longestSide);
  return sharp(image).resize(size.width, size.height, { fit: "fill" }).jpeg({ quality }).toBuffer();
}

type ScoreLine = { image: string; source: Buffer; edit: Buffer };

export async function generateDemo(options: GenerateDemoOptions): Promise<DemoSummary> {
  const { photosDir, outDir } = options;
  const progress = options.onProgress ?? (() => {});
  const attributionSource = await fs.readFile(path.join(photosDir, "ATTRIBUTION.md"), "utf8").catch(() => {
    throw new Error(`No ATTRIBUTION.md in ${photosDir}: point --photos at the shared photos folder (it must keep its attribution file).`);
  });
  for (const entry of GENERATED_PATHS) await fs.rm(path.join(outDir, entry), { recursive: true, force: true });
  for (const folder of ["images/positive-edit", "images/negative-edit", "images/multi-turn", "sources"]) {
    await fs.mkdir(path.join(outDir, folder), { recursive: true });
  }

  const usedPhotos = new Set<string>();
  const photoCache = new Map<string, Buffer>();
  const photo = async (name: string): Promise<Buffer> => {
    usedPhotos.add(name);
    const cached = photoCache.get(name);
    if (cached) return cached;
    const bytes = await fs.readFile(path.join(photosDir, name)).catch(() => {
      throw new Error(`Photo ${name} is missing from ${photosDir}.`);
    });
    photoCache.set(name, bytes);
    return bytes;
  };
  const write = (relative: string, bytes: Buffer | string) => fs.writeFile(path.join(outDir, relative), bytes);

  const requests = DEMO_REQUESTS.slice(0, options.limit);
  const sessions = DEMO_SESSIONS;
  const sft: JsonValue[] = [];
  const preference: JsonValue[] = [];
  const scores: ScoreLine[] = [];

  // Two at a time: sharp decodes and encodes on its own threads while JavaScript works on the
  // other item. Results are collected by index, so the files do not depend on timing.
  const generated = await mapConcurrently(requests, WORKERS, async (request, index) => {
    progress(`request ${index + 1}/${requests.length}: ${request.editType} on ${request.photo}`);
    const requestScores: ScoreLine[] = [];
    const rows = await generateRequest(request, index + 1, photo, write, requestScores);
    return { ...rows, requestScores };
  });
  for (const { sftRow, preferenceRow, requestScores } of generated) {
    sft.push(sftRow);
    if (preferenceRow) preference.push(preferenceRow);
    scores.push(...requestScores);
  }

  const multiTurn: JsonValue[] = [];
  for (const session of sessions) {
    progress(`multi-turn session ${session.id} (${session.turns.length} turns) on ${session.photo}`);
    multiTurn.push(await generateSession(session, photo, write, scores));
  }

  let scored = 0;
  const scoreRows: JsonValue[] = await mapConcurrently(scores, WORKERS, async (line) => {
    const result = await scoreWithMetrics(line.source, line.edit);
    scored++;
    if (scored % 10 === 0 || scored === scores.length) progress(`scored ${scored} of ${scores.length} candidates with ${METRICS_JUDGE_ID}`);
    return {
      image: line.image,
      judge: METRICS_JUDGE_ID,
      instruction_compliance: null,
      seamlessness: null,
      preservation_balance: result.preservation_balance,
      technical_quality: result.technical_quality,
      overall: null,
      rationale: result.rationale,
    };
  });

  const photos = [...usedPhotos].sort();
  for (const name of photos) await write(path.join("sources", name), await photo(name));
  // The photos' own notice asks to travel beside every copy of them.
  await write(path.join("sources", "ATTRIBUTION.md"), attributionSource);

  await write("sft.jsonl", toJsonLines(sft, false));
  await write("preference.jsonl", toJsonLines(preference, false));
  await write("multi-turn.jsonl", toJsonLines(multiTurn, false));
  await write("judge-scores.jsonl", toJsonLines(scoreRows, false));
  const decisions = demoDecisions(requests, passPath);
  await write("decisions.jsonl", toJsonLines(decisions as unknown as JsonValue[], false));

  const summary: DemoSummary = {
    sftRows: sft.length,
    preferenceRows: preference.length,
    sessions: sessions.map((session) => ({ id: session.id, turns: session.turns.length })),
    scoreLines: scoreRows.length,
    decisionLines: decisions.length,
    editTypes: [...new Set(requests.map((request) => request.editType))],
    photos,
    flaws: requests.flatMap((request, index) => (request.flaw ? [{ image: passPath(index + 1, request), flaw: request.flaw }] : [])),
  };
  await write("README.md", readmeText(summary, attributionSource));
  await write("ATTRIBUTION.md", attributionText(photos, attributionSource));
  return summary;
}

function passPath(n: number, request: DemoRequest): string {
  const retries = request.rejected?.length ?? 0;
  return `images/positive-edit/${n}${retries > 0 ? `_retry${retries}` : ""}.jpg`;
}

type Writer = (relative: string, bytes: Buffer | string) => Promise<void>;

async function generateRequest(
  request: DemoRequest,
  n: number,
  photo: (name: string) => Promise<Buffer>,
  write: Writer,
  scores: ScoreLine[],
): Promise<{ sftRow: JsonValue; preferenceRow?: JsonValue }> {
  const source = await photo(request.photo);
  const longestSide = LONGEST_SIDES[n % LONGEST_SIDES.length];
  const contextFor = (attempt: number): OpContext => ({ photo, random: seededRandom(n * 7919 + attempt) });

  const rejectedPaths: string[] = [];
  for (const [index, attempt] of (request.rejected ?? []).entries()) {
    const image = `images/negative-edit/${n}_attempt${index + 1}.jpg`;
    const bytes = await encodeJpeg(await attempt.operation(source, contextFor(index + 1)), longestSide, attempt.quality ?? JPEG_QUALITY);
    await write(image, bytes);
    rejectedPaths.push(image);
    scores.push({ image, source, edit: bytes });
  }

  const output = passPath(n, request);
  const bytes =
    "verbatim" in request.operation
      ? await photo(request.operation.verbatim) // a real edit: kept byte for byte
      : await encodeJpeg(await request.operation(source, contextFor(0)), longestSide, request.quality ?? JPEG_QUALITY);
  await write(output, bytes);
  scores.push({ image: output, source, edit: bytes });

  const sourceUrl = `sources/${request.photo}`;
  const summarized = request.summary ?? request.text;
  // Key order as in the official files.
  const sftRow = { open_image_input_url: sourceUrl, text: request.text, output_image: output, edit_type: request.editType, summarized_text: summarized };
  const preferenceRow =
    rejectedPaths.length > 0
      ? { output_image: output, rejected_images: rejectedPaths, text: request.text, edit_type: request.editType, open_image_input_url: sourceUrl, summarized_text: summarized }
      : undefined;
  return { sftRow, preferenceRow };
}

async function generateSession(session: DemoSession, photo: (name: string) => Promise<Buffer>, write: Writer, scores: ScoreLine[]): Promise<JsonValue> {
  let previous = await photo(session.photo);
  const files: { id: string; url: string }[] = [];
  for (const [index, turn] of session.turns.entries()) {
    const k = index + 1;
    const image = `images/multi-turn/${session.id}_turn${k}.jpg`;
    const context: OpContext = { photo, random: seededRandom(session.id * 7919 + k) };
    // Each turn edits the previous turn's saved JPEG, as a real multi-turn pipeline would.
    const bytes = await encodeJpeg(await turn.operation(previous, context), k % 2 === 0 ? 576 : 640, JPEG_QUALITY);
    await write(image, bytes);
    scores.push({ image, source: previous, edit: bytes });
    files.push({ id: k === session.turns.length ? "final_image" : `edit_turn${k}`, url: image });
    previous = bytes;
  }
  files.push({ id: "original_input_image", url: `sources/${session.photo}` });
  return { files, metadata_edit_turn_prompts: session.turns.map((turn) => turn.prompt) };
}

/** `Promise.all(items.map(fn))` with at most `workers` in flight; results keep the input order. */
async function mapConcurrently<T, R>(items: readonly T[], workers: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, items.length) }, worker));
  return results;
}
