import "server-only";
// "Mine pairs": walks the requests that have two or more candidates (keyset over request ids, in
// chunks so PGlite's single thread keeps serving pages between them), applies the pure rules of
// lib/pairs/mining.ts and inserts what they find. Idempotent: the unique (candidate_a,
// candidate_b) index plus a check for the reversed order make a second run add nothing.
import { z } from "zod";
import type { DbHandle, SqlRunner } from "../client";
import type { Dataset } from "../schema";
import { col, queryRows } from "../rows";
import {
  minePairsInRequest,
  mineTurnPairs,
  type MinedPair,
  type MiningCandidate,
  type MiningOptions,
  type MiningResult,
  type SessionTurn,
} from "../../pairs/mining";

const REQUEST_CHUNK = 1000;

const miningCandidate = z.object({
  id: col.int,
  requestId: col.int,
  judgeOverall: col.number.transform((overall) => (overall < 0 ? null : overall)),
  effectiveVerdict: col.outcome,
  isDisagreement: col.bool,
}) satisfies z.ZodType<MiningCandidate & { requestId: number }>;

const sessionTurn = z.object({
  sessionId: col.int,
  originalUrl: col.text,
  turn: col.int,
  prompt: col.text,
  requestId: col.int,
  candidateIds: z.array(col.int),
}) satisfies z.ZodType<SessionTurn>;

export type MineRequest = Omit<MiningOptions, "threshold"> & { editType?: string };

export async function minePairs(db: DbHandle, dataset: Dataset, request: MineRequest): Promise<MiningResult> {
  const started = Date.now();
  const options: MiningOptions = { ...request, threshold: dataset.threshold };
  const result: MiningResult = { created: {}, createdTotal: 0, alreadyExisted: 0, requestsScanned: 0, sessionsScanned: 0, tookMs: 0 };
  const requestRules = request.rules.filter((rule) => rule !== "turns");
  let lastRequest = 0;
  while (requestRules.length > 0) {
    const params: unknown[] = [dataset.id, lastRequest];
    if (request.editType) params.push(request.editType);
    const requestIds = await queryRows(
      db,
      z.object({ request_id: col.int }),
      `SELECT request_id FROM candidates WHERE dataset_id = $1 AND request_id > $2 ${request.editType ? "AND edit_type = $3" : ""}
       GROUP BY request_id HAVING count(*) > 1 ORDER BY request_id LIMIT ${REQUEST_CHUNK}`,
      params,
    );
    if (requestIds.length === 0) break;
    const ids = requestIds.map((row) => row.request_id);
    lastRequest = ids[ids.length - 1];
    const rows = await queryRows(
      db,
      miningCandidate,
      `SELECT id, request_id AS "requestId", judge_overall AS "judgeOverall", effective_verdict AS "effectiveVerdict", is_disagreement AS "isDisagreement"
       FROM candidates WHERE request_id = ANY($1::bigint[]) ORDER BY request_id, id`,
      [ids],
    );
    const byRequest = new Map<number, typeof rows>();
    for (const row of rows) byRequest.set(row.requestId, [...(byRequest.get(row.requestId) ?? []), row]);
    const found: MinedPair[] = [];
    for (const [requestId, candidates] of byRequest) {
      found.push(...minePairsInRequest(requestId, candidates, { ...options, rules: requestRules }));
    }
    result.requestsScanned += ids.length;
    await insertPairs(db, dataset.id, found, result);
    if (ids.length < REQUEST_CHUNK) break;
  }
  if (request.rules.includes("turns")) {
    const turns = await sessionTurns(db, dataset.id);
    result.sessionsScanned = new Set(turns.map((turn) => turn.sessionId)).size;
    await insertPairs(db, dataset.id, mineTurnPairs(turns), result);
  }
  result.tookMs = Date.now() - started;
  return result;
}

/** Turns of sessions whose original image is shared with another session (the only ones that can pair). */
async function sessionTurns(db: SqlRunner, datasetId: number): Promise<SessionTurn[]> {
  return queryRows(
    db,
    sessionTurn,
    `SELECT s.id AS "sessionId", s.original_url AS "originalUrl", r.turn, r.text AS prompt, r.id AS "requestId",
            array_agg(c.id ORDER BY c.id) AS "candidateIds"
     FROM sessions s JOIN requests r ON r.session_id = s.id JOIN candidates c ON c.request_id = r.id
     WHERE s.dataset_id = $1 AND s.original_url IN (SELECT original_url FROM sessions WHERE dataset_id = $1 GROUP BY original_url HAVING count(*) > 1)
     GROUP BY s.id, s.original_url, r.turn, r.text, r.id`,
    [datasetId],
  );
}

async function insertPairs(db: DbHandle, datasetId: number, pairs: readonly MinedPair[], result: MiningResult) {
  if (pairs.length === 0) return;
  const inserted = await db.transaction(async (tx) => {
    const rows = await queryRows(
      tx,
      z.object({ origin: col.pairOrigin, candidate_a: col.int, candidate_b: col.int }),
      `INSERT INTO pairs (dataset_id, request_id, candidate_a, candidate_b, origin)
       SELECT $1, t.r, t.a, t.b, t.o FROM unnest($2::bigint[], $3::bigint[], $4::bigint[], $5::text[]) AS t(r, a, b, o)
       WHERE NOT EXISTS (SELECT 1 FROM pairs q WHERE q.candidate_a = t.b AND q.candidate_b = t.a)
       ON CONFLICT DO NOTHING RETURNING origin, candidate_a, candidate_b`,
      [
        datasetId,
        pairs.map((pair) => pair.requestId),
        pairs.map((pair) => pair.a),
        pairs.map((pair) => pair.b),
        pairs.map((pair) => pair.origin),
      ],
    );
    if (rows.length) {
      const ids = [...new Set(rows.flatMap((row) => [row.candidate_a, row.candidate_b]))];
      await tx.query("UPDATE candidates SET is_in_pair = true WHERE id = ANY($1::bigint[]) AND NOT is_in_pair", [ids]);
    }
    return rows;
  });
  for (const row of inserted) result.created[row.origin] = (result.created[row.origin] ?? 0) + 1;
  result.createdTotal += inserted.length;
  result.alreadyExisted += pairs.length - inserted.length;
}
