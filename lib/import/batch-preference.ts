// Preference rows: the chosen output_image and its rejected attempts become candidates of ONE
// request — the SFT row's with the same output_image (fallback: same source and long text),
// whichever file is read first — and each (chosen, rejected) becomes a manifest pair.
import { candidatesOfRequests, insertManifestPairs, markInPair, requestsBySourceAndText } from "../db/queries/import-rows";
import type { PreferenceRecord } from "../manifest/records";
import { attemptOf, isIdentical } from "./sft-rows";
import { candidatesByImage, knownHashes, reserveIds, RowWriter, type BatchContext, type BatchLine, type BatchResult } from "./context";

type Known = { requestId: number; byImage: Map<string, number> };

export async function importPreferenceBatch(context: BatchContext, lines: BatchLine<PreferenceRecord>[]): Promise<BatchResult> {
  const { tx, datasetId } = context;
  const known = await knownHashes(
    context,
    "preference",
    lines.map((line) => line.hash),
  );
  const fresh = dedupe(lines.filter((line) => !known.has(line.hash)));
  const chosenMatches = await candidatesByImage(
    context,
    fresh.map((line) => line.record.output_image),
  );

  // Fallback: a request with the same source and long instruction.
  const unmatched = fresh.filter((line) => !chosenMatches.has(line.record.output_image));
  const bySourceText = await requestsBySourceAndText(
    tx,
    datasetId,
    unmatched.map((line) => line.record.open_image_input_url),
  );

  const requests = new Map<number, Known>();
  const requestIdsToLoad = new Set<number>([...chosenMatches.values()].map((list) => list[0].requestId));
  for (const line of unmatched) {
    const id = bySourceText.get(`${line.record.open_image_input_url}\n${line.record.text}`);
    if (id !== undefined) requestIdsToLoad.add(id);
  }
  for (const [requestId, byImage] of await candidatesOfRequests(tx, [...requestIdsToLoad])) requests.set(requestId, { requestId, byImage });

  const imageCount = fresh.reduce((sum, line) => sum + 1 + line.record.rejected_images.length, 0);
  const candidateIds = await reserveIds(tx, "candidates_id_seq", imageCount);
  const requestIds = await reserveIds(tx, "requests_id_seq", fresh.length);
  let nextCandidate = 0;
  let nextRequest = 0;
  const writer = new RowWriter(context);
  const pairRows: [number, number, number][] = [];
  const existingInPair: number[] = [];
  const localByChosen = new Map<string, Known>();

  for (const line of fresh) {
    const { record } = line;
    const identical = isIdentical(record.text, record.summarized_text);
    const matchedRequest =
      localByChosen.get(record.output_image) ??
      requests.get(chosenMatches.get(record.output_image)?.[0].requestId ?? -1) ??
      requests.get(bySourceText.get(`${record.open_image_input_url}\n${record.text}`) ?? -1);
    let target: Known;
    if (matchedRequest) {
      target = matchedRequest;
    } else {
      target = { requestId: requestIds[nextRequest++], byImage: new Map() };
      writer.request({
        id: target.requestId,
        sourceImage: record.open_image_input_url,
        localSourceImage: record.local_input_image ?? null,
        text: record.text,
        summarizedText: record.summarized_text,
        terms: line.terms,
        editType: record.edit_type,
      });
    }
    localByChosen.set(record.output_image, target);
    const ensure = (image: string, role: "sft" | "rejected", attempt: number) => {
      const existingId = target.byImage.get(image);
      if (existingId !== undefined) {
        existingInPair.push(existingId);
        return existingId;
      }
      const id = candidateIds[nextCandidate++];
      writer.candidate({
        id,
        requestId: target.requestId,
        imagePath: image,
        role,
        prior: role === "sft" ? "pass" : "fail",
        attempt,
        editType: record.edit_type,
        isIdenticalText: identical,
        isInPair: true,
      });
      target.byImage.set(image, id);
      return id;
    };
    const chosenId = ensure(record.output_image, "sft", attemptOf(record.output_image));
    record.rejected_images.forEach((image, index) => {
      const rejectedId = ensure(image, "rejected", index + 1);
      if (rejectedId !== chosenId) pairRows.push([target.requestId, chosenId, rejectedId]);
    });
    writer.manifestRow({
      kind: "preference",
      hash: line.hash,
      keyImage: record.output_image,
      raw: line.raw,
      lineNo: line.lineNo,
      requestId: target.requestId,
    });
  }
  await writer.flush();
  await markInPair(tx, existingInPair);
  await insertManifestPairs(
    tx,
    datasetId,
    pairRows.map(([requestId, chosenId, rejectedId]) => ({ requestId, chosenId, rejectedId })),
  );
  return { imported: fresh.length, unchanged: lines.length - fresh.length, touchedCandidates: [] };
}

function dedupe<T extends { hash: string }>(lines: T[]): T[] {
  const seen = new Set<string>();
  return lines.filter((line) => (seen.has(line.hash) ? false : (seen.add(line.hash), true)));
}
