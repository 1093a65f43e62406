// SFT rows: one request with one passing candidate each. A row whose output_image a preference
// row already created attaches to that request; a second SFT row with the same output_image is
// a collision: reported, and imported as a separate request so nothing is lost.
import {
  candidatesByImage,
  knownHashes,
  reserveIds,
  RowWriter,
  sftOwners,
  type BatchContext,
  type BatchResult,
  type SftBatchLine,
} from "./context";

export async function importSftBatch(context: BatchContext, lines: SftBatchLine[]): Promise<BatchResult> {
  const { tx } = context;
  const known = await knownHashes(
    context,
    "sft",
    lines.map((line) => line.hash),
  );
  const fresh = lines.filter((line) => !known.has(line.hash));
  const existing = await candidatesByImage(
    context,
    fresh.map((line) => line.rows.image),
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
    if (seenHash.has(line.hash)) {
      unchanged++;
      continue;
    }
    seenHash.add(line.hash);
    const { image } = line.rows;
    const earlierInBatch = seenInBatch.get(image);
    const candidates = existing.get(image) ?? [];
    const orphan = earlierInBatch === undefined ? candidates.find((candidate) => !owners.has(candidate.requestId)) : undefined;
    if (orphan) {
      // Created by a preference row read earlier: this SFT row describes that same request.
      if (line.raw === null)
        throw new Error(`${context.file}:${line.lineNo}: an SFT line that describes an earlier request came without its text`);
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
    writer.sft(newRequestIds[next], newCandidateIds[next++], line);
    seenInBatch.set(image, line.lineNo);
  }
  await writer.flush();
  return { imported: lines.length - unchanged, unchanged, touchedCandidates: [] };
}
