// SFT rows: one request with one passing candidate each. A row whose output_image a preference
// row already created attaches to that request; a second SFT row with the same output_image is
// a collision: reported, and imported as a separate request so nothing is lost.
import type { SftRecord } from "../manifest/records";
import {
  candidatesByImage,
  isIdentical,
  knownHashes,
  reserveIds,
  RowWriter,
  sftOwners,
  type BatchContext,
  type BatchLine,
  type BatchResult,
} from "./context";

export async function importSftBatch(context: BatchContext, lines: BatchLine<SftRecord>[]): Promise<BatchResult> {
  const { tx } = context;
  const known = await knownHashes(
    context,
    "sft",
    lines.map((line) => line.hash),
  );
  const fresh = lines.filter((line) => !known.has(line.hash));
  const existing = await candidatesByImage(
    context,
    fresh.map((line) => line.record.output_image),
  );
  const requestIds = [...new Set([...existing.values()].flat().map((candidate) => candidate.requestId))];
  const owners = await sftOwners(context, requestIds);

  const writer = new RowWriter(context);
  const seenInBatch = new Map<string, number>();
  // Reserve for the worst case; ids left unused are only gaps in the sequence.
  const newRequestIds = await reserveIds(tx, "requests_id_seq", fresh.length);
  const newCandidateIds = await reserveIds(tx, "candidates_id_seq", fresh.length);
  let next = 0;
  const seenHash = new Set<string>();
  let unchanged = lines.length - fresh.length;

  for (const line of fresh) {
    const { record } = line;
    if (seenHash.has(line.hash)) {
      unchanged++;
      continue;
    }
    seenHash.add(line.hash);
    const image = record.output_image;
    const earlierInBatch = seenInBatch.get(image);
    const candidates = existing.get(image) ?? [];
    const orphan = earlierInBatch === undefined ? candidates.find((candidate) => !owners.has(candidate.requestId)) : undefined;
    if (orphan) {
      // Created by a preference row read earlier: this SFT row describes that same request.
      writer.manifestRow({
        kind: "sft",
        hash: line.hash,
        keyImage: image,
        raw: line.raw,
        lineNo: line.lineNo,
        requestId: orphan.requestId,
      });
      owners.set(orphan.requestId, `${context.file}:${line.lineNo}`);
      seenInBatch.set(image, line.lineNo);
      continue;
    }
    const owner =
      earlierInBatch !== undefined
        ? `${context.file}:${earlierInBatch}`
        : candidates.map((candidate) => owners.get(candidate.requestId)).find(Boolean);
    if (owner)
      context.warn(line.lineNo, "output_image", `"${image}" is also the output of ${owner} (collision); kept as a separate request`);
    const requestId = newRequestIds[next];
    const candidateId = newCandidateIds[next++];
    writer.request({
      id: requestId,
      sourceImage: record.open_image_input_url,
      localSourceImage: record.local_input_image ?? null,
      text: record.text,
      summarizedText: record.summarized_text,
      terms: line.terms,
      editType: record.edit_type,
    });
    writer.candidate({
      id: candidateId,
      requestId,
      imagePath: image,
      role: "sft",
      prior: "pass",
      editType: record.edit_type,
      isIdenticalText: isIdentical(record.text, record.summarized_text),
      attempt: attemptOf(image),
    });
    writer.manifestRow({
      kind: "sft",
      hash: line.hash,
      keyImage: image,
      raw: line.raw,
      rebuild: line.rebuild,
      lineNo: line.lineNo,
      requestId,
    });
    seenInBatch.set(image, line.lineNo);
  }
  await writer.flush();
  return { imported: lines.length - unchanged, unchanged, touchedCandidates: [] };
}

/** `…_retry1.png` is the second attempt; a plain name is the first. */
export function attemptOf(imagePath: string): number {
  const match = /_retry(\d+)\.[a-z]+$/i.exec(imagePath);
  return match ? Number(match[1]) + 1 : 1;
}
