// Multi-turn rows: a session of chained requests. Turn k's source is turn k-1's output (turn 1's
// is the original), its instruction is prompt k, and its output is a candidate. Files are looked
// up by id, never by position. The manifest has no edit type, so turns carry a labelled stand-in.
import { insertSessions } from "../db/queries/import-rows";
import { multiTurnFiles, type MultiTurnRecord } from "../manifest/records";
import { knownHashes, MULTI_TURN_EDIT_TYPE, reserveIds, RowWriter, type BatchContext, type BatchLine, type BatchResult } from "./context";

export async function importMultiTurnBatch(context: BatchContext, lines: BatchLine<MultiTurnRecord>[]): Promise<BatchResult> {
  const { tx, datasetId } = context;
  const known = await knownHashes(
    context,
    "multi_turn",
    lines.map((line) => line.hash),
  );
  const seen = new Set<string>();
  const fresh = lines.filter((line) => !known.has(line.hash) && !seen.has(line.hash) && (seen.add(line.hash), true));
  const turnCount = fresh.reduce((sum, line) => sum + line.record.metadata_edit_turn_prompts.length, 0);
  const sessionIds = await reserveIds(tx, "sessions_id_seq", fresh.length);
  const requestIds = await reserveIds(tx, "requests_id_seq", turnCount);
  const candidateIds = await reserveIds(tx, "candidates_id_seq", turnCount);
  const writer = new RowWriter(context);
  const sessionRows: [number, string, number][] = [];
  let next = 0;
  fresh.forEach((line, index) => {
    const sessionId = sessionIds[index];
    const files = multiTurnFiles(line.record);
    const prompts = line.record.metadata_edit_turn_prompts;
    sessionRows.push([sessionId, files.original, prompts.length]);
    let source = files.original;
    prompts.forEach((prompt, turnIndex) => {
      const requestId = requestIds[next];
      const candidateId = candidateIds[next++];
      const output = files.turns[turnIndex];
      writer.request({
        id: requestId,
        sourceImage: source,
        text: prompt,
        summarizedText: prompt,
        editType: MULTI_TURN_EDIT_TYPE,
        sessionId,
        turn: turnIndex + 1,
      });
      writer.candidate({
        id: candidateId,
        requestId,
        imagePath: output,
        role: "turn",
        prior: "pass",
        attempt: 1,
        editType: MULTI_TURN_EDIT_TYPE,
        isMultiTurn: true,
        isIdenticalText: false,
      });
      source = output;
    });
    writer.manifestRow({
      kind: "multi_turn",
      hash: line.hash,
      keyImage: files.turns[files.turns.length - 1],
      raw: line.raw,
      lineNo: line.lineNo,
      sessionId,
    });
  });
  await insertSessions(
    tx,
    datasetId,
    sessionRows.map(([id, originalUrl, turnCount]) => ({ id, originalUrl, turnCount })),
  );
  await writer.flush();
  return { imported: fresh.length, unchanged: lines.length - fresh.length, touchedCandidates: [] };
}
