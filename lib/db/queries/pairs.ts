import "server-only";
// Preference pairs: what the labelling screen shows for a pair, and the writes (labels, undo,
// manual pairs). Labels are append-only like reviews: an undo is a new row pointing at the label
// it cancels. Each write locks the pair row first so two tabs undoing the same label serialise.
import { z } from "zod";
import type { DbHandle, SqlRunner } from "../client";
import { candidates, type Dataset, type PairLabel, type PairOrigin } from "../schema";
import { col, nested, queryOne, queryRows } from "../rows";
import { firstLeft, swappedLeft } from "../../pairs/sides";
import type { PairCandidateView, PairItem, PairsOverview } from "../../pairs/types";
export type { PairCandidateView, PairItem, PairsOverview };

export class PairError extends Error {}

const pairCandidate = z.object({
  id: col.int,
  imagePath: col.text,
  role: col.text,
  attempt: col.nullableInt,
  judgeOverall: col.number.transform((overall) => (overall < 0 ? null : overall)),
  judgeVerdict: col.text,
  humanVerdict: col.text,
  effectiveVerdict: col.text,
}) satisfies z.ZodType<PairCandidateView>;

const CANDIDATE_COLUMNS = (alias: "ca" | "cb", side: "a" | "b") =>
  (["id", "imagePath", "role", "attempt", "judgeOverall", "judgeVerdict", "humanVerdict", "effectiveVerdict"] as const)
    .map((key) => `${alias}.${candidates[key].name} AS "${side}.${key}"`)
    .join(", ");

const pairItemRow = nested(
  z.object({
    id: col.int,
    origin: col.pairOrigin,
    request_id: col.int,
    candidate_a: col.int,
    candidate_b: col.int,
    source_image: col.text,
    text: col.text,
    summarized_text: col.text,
    edit_type: col.text,
    session_id: col.nullableInt,
    turn: col.nullableInt,
    group_name: col.text,
    is_known_type: col.bool,
    is_identical_text: col.bool,
    a: pairCandidate,
    b: pairCandidate,
  }),
);

const idRow = z.object({ id: col.int });

const reviewerLabel = z.object({ pair_id: col.int, reviewer_id: col.int, id: col.int, label: col.pairLabel, left_candidate_id: col.int });

/** SQL for the labels that count: not an undo row and not undone. */
export const LIVE_LABEL = "l.undo_of IS NULL AND NOT EXISTS (SELECT 1 FROM pair_labels u WHERE u.undo_of = l.id)";

/**
 * Loads pairs for the labelling screen, in the order of `pairIds`. `repeats` maps a pair to the
 * left candidate of the label it repeats: the repeat shows the other side on the left.
 */
export async function loadPairItems(
  db: SqlRunner,
  dataset: Dataset,
  pairIds: readonly number[],
  reviewerId: number,
  repeats: ReadonlyMap<number, number> = new Map(),
): Promise<PairItem[]> {
  if (pairIds.length === 0) return [];
  const rows = await queryRows(
    db,
    pairItemRow,
    `SELECT p.id, p.origin, p.request_id, p.candidate_a, p.candidate_b, r.source_image, r.text, r.summarized_text, r.edit_type, r.session_id, r.turn,
            ca.group_name, ca.is_known_type, ca.is_identical_text, ${CANDIDATE_COLUMNS("ca", "a")}, ${CANDIDATE_COLUMNS("cb", "b")}
     FROM pairs p JOIN requests r ON r.id = p.request_id JOIN candidates ca ON ca.id = p.candidate_a JOIN candidates cb ON cb.id = p.candidate_b
     WHERE p.id = ANY($1::bigint[]) AND p.dataset_id = $2`,
    [pairIds, dataset.id],
  );
  const labels = await queryRows(
    db,
    reviewerLabel,
    `SELECT DISTINCT ON (l.pair_id, l.reviewer_id) l.pair_id, l.reviewer_id, l.id, l.label, l.left_candidate_id
     FROM pair_labels l WHERE l.pair_id = ANY($1::bigint[]) AND NOT l.is_repeat AND ${LIVE_LABEL}
     ORDER BY l.pair_id, l.reviewer_id, l.id DESC`,
    [pairIds],
  );
  const chains = await promptChains(
    db,
    rows.filter((row) => row.origin === "turns" && row.session_id !== null),
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return pairIds.flatMap((pairId) => {
    const row = byId.get(pairId);
    if (!row) return [];
    const pairLabels = labels.filter((label) => label.pair_id === pairId);
    const mine = pairLabels.find((label) => label.reviewer_id === reviewerId);
    const sides = { pairId, candidateA: row.candidate_a, candidateB: row.candidate_b };
    const repeatOf = repeats.get(pairId);
    const chain = chains.get(row.request_id);
    return [
      {
        pairId,
        origin: row.origin,
        requestId: row.request_id,
        editType: row.edit_type,
        group: row.group_name,
        isKnownType: row.is_known_type,
        text: row.text,
        summarizedText: row.summarized_text,
        isIdenticalText: row.is_identical_text,
        sourceImage: chain?.original ?? row.source_image,
        promptChain: chain?.prompts ?? null,
        turn: row.turn,
        a: row.a,
        b: row.b,
        leftCandidateId: repeatOf !== undefined ? swappedLeft(sides, repeatOf) : firstLeft(sides, reviewerId),
        isRepeat: repeatOf !== undefined,
        reviewerCount: pairLabels.length,
        myLabel: mine ? { id: mine.id, label: mine.label, leftCandidateId: mine.left_candidate_id } : null,
        threshold: dataset.threshold,
      },
    ];
  });
}

/** request id → the session's original and prompts 1…turn (for "turns" pairs). */
export async function promptChains(
  db: SqlRunner,
  rows: readonly { request_id: number; session_id: number | null; turn: number | null }[],
): Promise<Map<number, { original: string; prompts: string[] }>> {
  const chains = new Map<number, { original: string; prompts: string[] }>();
  if (rows.length === 0) return chains;
  const turns = await queryRows(
    db,
    z.object({ session_id: col.int, turn: col.int, text: col.text, original_url: col.text }),
    `SELECT r.session_id, r.turn, r.text, s.original_url FROM requests r JOIN sessions s ON s.id = r.session_id
     WHERE r.session_id = ANY($1::bigint[]) ORDER BY r.session_id, r.turn`,
    [rows.map((row) => row.session_id)],
  );
  for (const row of rows) {
    const session = turns.filter((turn) => turn.session_id === row.session_id);
    const upTo = session.filter((turn) => turn.turn <= Number(row.turn));
    if (upTo.length) chains.set(row.request_id, { original: upTo[0].original_url, prompts: upTo.map((turn) => turn.text) });
  }
  return chains;
}

export type NewPairLabel = {
  datasetId: number;
  pairId: number;
  reviewerId: number;
  label: PairLabel;
  leftCandidateId: number;
  isRepeat: boolean;
};

export async function addPairLabel(db: DbHandle, input: NewPairLabel): Promise<{ labelId: number }> {
  return db.transaction(async (tx) => {
    const [pair] = await queryRows(
      tx,
      z.object({ candidate_a: col.int, candidate_b: col.int }),
      "SELECT candidate_a, candidate_b FROM pairs WHERE id = $1 AND dataset_id = $2 FOR UPDATE",
      [input.pairId, input.datasetId],
    );
    if (!pair) throw new PairError(`Pair ${input.pairId} is not in dataset ${input.datasetId}; reload the page.`);
    if (input.leftCandidateId !== pair.candidate_a && input.leftCandidateId !== pair.candidate_b) {
      throw new PairError(
        `Candidate ${input.leftCandidateId} is not part of pair ${input.pairId} (it has ${pair.candidate_a} and ${pair.candidate_b}).`,
      );
    }
    const row = await queryOne(
      tx,
      idRow,
      "INSERT INTO pair_labels (pair_id, reviewer_id, label, left_candidate_id, is_repeat) VALUES ($1, $2, $3, $4, $5) RETURNING id",
      [input.pairId, input.reviewerId, input.label, input.leftCandidateId, input.isRepeat],
    );
    return { labelId: row.id };
  });
}

/** Cancels one of the reviewer's own labels with a new row (history stays append-only). */
export async function undoPairLabel(
  db: DbHandle,
  input: { datasetId: number; labelId: number; reviewerId: number },
): Promise<{ undoId: number; pairId: number }> {
  return db.transaction(async (tx) => {
    const [label] = await queryRows(
      tx,
      z.object({ pair_id: col.int, reviewer_id: col.int, undo_of: col.nullableInt }),
      "SELECT l.pair_id, l.reviewer_id, l.undo_of FROM pair_labels l JOIN pairs p ON p.id = l.pair_id WHERE l.id = $1 AND p.dataset_id = $2",
      [input.labelId, input.datasetId],
    );
    if (!label) throw new PairError(`Label ${input.labelId} does not exist in this dataset.`);
    if (label.undo_of !== null) throw new PairError(`Label ${input.labelId} is itself an undo; label the pair again instead.`);
    if (label.reviewer_id !== input.reviewerId)
      throw new PairError("You can only undo your own labels (switch reviewer to the one who made it).");
    await tx.query("SELECT id FROM pairs WHERE id = $1 FOR UPDATE", [label.pair_id]);
    const [already] = await queryRows(tx, z.object({}), "SELECT 1 FROM pair_labels WHERE undo_of = $1", [input.labelId]);
    if (already) throw new PairError(`Label ${input.labelId} was already undone.`);
    const row = await queryOne(
      tx,
      idRow,
      `INSERT INTO pair_labels (pair_id, reviewer_id, label, left_candidate_id, is_repeat, undo_of)
       SELECT pair_id, reviewer_id, label, left_candidate_id, is_repeat, id FROM pair_labels WHERE id = $1 RETURNING id`,
      [input.labelId],
    );
    return { undoId: row.id, pairId: label.pair_id };
  });
}

/** A pair of two candidates of one request (lower id first); returns the existing one if any. */
export async function createPair(
  db: DbHandle,
  input: { datasetId: number; candidateA: number; candidateB: number; origin: PairOrigin },
): Promise<{ pairId: number; isNew: boolean }> {
  const [low, high] = input.candidateA < input.candidateB ? [input.candidateA, input.candidateB] : [input.candidateB, input.candidateA];
  return db.transaction(async (tx) => {
    const both = await queryRows(
      tx,
      z.object({ id: col.int, request_id: col.int }),
      "SELECT id, request_id FROM candidates WHERE id = ANY($1::bigint[]) AND dataset_id = $2",
      [[low, high], input.datasetId],
    );
    if (both.length !== 2) throw new PairError(`Candidates ${low} and ${high} are not both in dataset ${input.datasetId}.`);
    if (both[0].request_id !== both[1].request_id)
      throw new PairError(
        "A pair compares two edits of the same request (same source and instruction); these belong to different requests.",
      );
    const [existing] = await queryRows(
      tx,
      idRow,
      "SELECT id FROM pairs WHERE (candidate_a = $1 AND candidate_b = $2) OR (candidate_a = $2 AND candidate_b = $1)",
      [low, high],
    );
    if (existing) return { pairId: existing.id, isNew: false };
    const row = await queryOne(
      tx,
      idRow,
      "INSERT INTO pairs (dataset_id, request_id, candidate_a, candidate_b, origin) VALUES ($1, $2, $3, $4, $5) RETURNING id",
      [input.datasetId, both[0].request_id, low, high, input.origin],
    );
    await tx.query("UPDATE candidates SET is_in_pair = true WHERE id = ANY($1::bigint[]) AND NOT is_in_pair", [[low, high]]);
    return { pairId: row.id, isNew: true };
  });
}

export async function pairsOverview(db: SqlRunner, datasetId: number, reviewerId: number): Promise<PairsOverview> {
  const [origins, labels] = await Promise.all([
    queryRows(
      db,
      z.object({ origin: col.pairOrigin, count: col.int }),
      "SELECT origin, count(*) AS count FROM pairs WHERE dataset_id = $1 GROUP BY origin",
      [datasetId],
    ),
    queryOne(
      db,
      z.object({ pairs: col.int, labels: col.int, reviewers: col.int, mine: col.int }),
      `SELECT count(DISTINCT l.pair_id) FILTER (WHERE l.label <> 'skip') AS pairs, count(*) AS labels, count(DISTINCT l.reviewer_id) AS reviewers,
              count(DISTINCT l.pair_id) FILTER (WHERE l.reviewer_id = $2) AS mine
       FROM pair_labels l JOIN pairs p ON p.id = l.pair_id WHERE p.dataset_id = $1 AND ${LIVE_LABEL}`,
      [datasetId, reviewerId],
    ),
  ]);
  const byOrigin = Object.fromEntries(origins.map((row) => [row.origin, row.count]));
  return {
    total: origins.reduce((sum, row) => sum + row.count, 0),
    byOrigin,
    labelledPairs: labels.pairs,
    labels: labels.labels,
    reviewers: labels.reviewers,
    mine: labels.mine,
  };
}
