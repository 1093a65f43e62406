import "server-only";
// Preference pairs: what the labelling screen shows for a pair, and the writes (labels, undo,
// manual pairs). Labels are append-only like reviews: an undo is a new row pointing at the label
// it cancels. Each write locks the pair row first so two tabs undoing the same label serialise.
import type { DbHandle, SqlRunner } from "../client";
import type { Dataset, PairLabel, PairOrigin } from "../schema";
import { firstLeft, swappedLeft } from "../../pairs/sides";
import type { PairCandidateView, PairItem, PairsOverview } from "../../pairs/types";
export type { PairCandidateView, PairItem, PairsOverview };

export class PairError extends Error {}

type Row = Record<string, unknown>;
const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));

const candidateView = (row: Row, prefix: "a_" | "b_"): PairCandidateView => {
  const overall = Number(row[`${prefix}judge_overall`]);
  return {
    id: Number(row[`${prefix}id`]),
    imagePath: String(row[`${prefix}image_path`]),
    role: String(row[`${prefix}role`]),
    attempt: num(row[`${prefix}attempt`]),
    judgeOverall: overall < 0 ? null : overall,
    judgeVerdict: String(row[`${prefix}judge_verdict`]),
    humanVerdict: String(row[`${prefix}human_verdict`]),
    effectiveVerdict: String(row[`${prefix}effective_verdict`]),
  };
};

const CANDIDATE_COLUMNS = (alias: "ca" | "cb", prefix: "a_" | "b_") =>
  ["id", "image_path", "role", "attempt", "judge_overall", "judge_verdict", "human_verdict", "effective_verdict"]
    .map((column) => `${alias}.${column} AS ${prefix}${column}`)
    .join(", ");

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
  const rows = await db.query<Row>(
    `SELECT p.id, p.origin, p.request_id, p.candidate_a, p.candidate_b, r.source_image, r.text, r.summarized_text, r.edit_type, r.session_id, r.turn,
            ca.group_name, ca.is_known_type, ca.is_identical_text, ${CANDIDATE_COLUMNS("ca", "a_")}, ${CANDIDATE_COLUMNS("cb", "b_")}
     FROM pairs p JOIN requests r ON r.id = p.request_id JOIN candidates ca ON ca.id = p.candidate_a JOIN candidates cb ON cb.id = p.candidate_b
     WHERE p.id = ANY($1::bigint[]) AND p.dataset_id = $2`,
    [pairIds, dataset.id],
  );
  const labels = await db.query<{ pair_id: string; reviewer_id: number; id: string; label: PairLabel; left_candidate_id: string }>(
    `SELECT DISTINCT ON (l.pair_id, l.reviewer_id) l.pair_id, l.reviewer_id, l.id, l.label, l.left_candidate_id
     FROM pair_labels l WHERE l.pair_id = ANY($1::bigint[]) AND NOT l.is_repeat AND ${LIVE_LABEL}
     ORDER BY l.pair_id, l.reviewer_id, l.id DESC`,
    [pairIds],
  );
  const chains = await promptChains(
    db,
    rows.filter((row) => row.origin === "turns" && row.session_id !== null),
  );
  const byId = new Map(rows.map((row) => [Number(row.id), row]));
  return pairIds.flatMap((pairId) => {
    const row = byId.get(pairId);
    if (!row) return [];
    const pairLabels = labels.filter((label) => Number(label.pair_id) === pairId);
    const mine = pairLabels.find((label) => label.reviewer_id === reviewerId);
    const sides = { pairId, candidateA: Number(row.candidate_a), candidateB: Number(row.candidate_b) };
    const repeatOf = repeats.get(pairId);
    const chain = chains.get(Number(row.request_id));
    return [
      {
        pairId,
        origin: row.origin as PairOrigin,
        requestId: Number(row.request_id),
        editType: String(row.edit_type),
        group: String(row.group_name),
        isKnownType: Boolean(row.is_known_type),
        text: String(row.text),
        summarizedText: String(row.summarized_text),
        isIdenticalText: Boolean(row.is_identical_text),
        sourceImage: chain?.original ?? String(row.source_image),
        promptChain: chain?.prompts ?? null,
        turn: num(row.turn),
        a: candidateView(row, "a_"),
        b: candidateView(row, "b_"),
        leftCandidateId: repeatOf !== undefined ? swappedLeft(sides, repeatOf) : firstLeft(sides, reviewerId),
        isRepeat: repeatOf !== undefined,
        reviewerCount: pairLabels.length,
        myLabel: mine ? { id: Number(mine.id), label: mine.label, leftCandidateId: Number(mine.left_candidate_id) } : null,
        threshold: dataset.threshold,
      },
    ];
  });
}

/** request id → the session's original and prompts 1…turn (for "turns" pairs). */
export async function promptChains(db: SqlRunner, rows: Row[]): Promise<Map<number, { original: string; prompts: string[] }>> {
  const chains = new Map<number, { original: string; prompts: string[] }>();
  if (rows.length === 0) return chains;
  const turns = await db.query<{ session_id: string; turn: number; text: string; original_url: string }>(
    `SELECT r.session_id, r.turn, r.text, s.original_url FROM requests r JOIN sessions s ON s.id = r.session_id
     WHERE r.session_id = ANY($1::bigint[]) ORDER BY r.session_id, r.turn`,
    [rows.map((row) => row.session_id)],
  );
  for (const row of rows) {
    const session = turns.filter((turn) => Number(turn.session_id) === Number(row.session_id));
    const upTo = session.filter((turn) => turn.turn <= Number(row.turn));
    if (upTo.length) chains.set(Number(row.request_id), { original: upTo[0].original_url, prompts: upTo.map((turn) => turn.text) });
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
    const [pair] = await tx.query<{ candidate_a: string; candidate_b: string }>(
      "SELECT candidate_a, candidate_b FROM pairs WHERE id = $1 AND dataset_id = $2 FOR UPDATE",
      [input.pairId, input.datasetId],
    );
    if (!pair) throw new PairError(`Pair ${input.pairId} is not in dataset ${input.datasetId}; reload the page.`);
    if (input.leftCandidateId !== Number(pair.candidate_a) && input.leftCandidateId !== Number(pair.candidate_b)) {
      throw new PairError(
        `Candidate ${input.leftCandidateId} is not part of pair ${input.pairId} (it has ${pair.candidate_a} and ${pair.candidate_b}).`,
      );
    }
    const [row] = await tx.query<{ id: string }>(
      "INSERT INTO pair_labels (pair_id, reviewer_id, label, left_candidate_id, is_repeat) VALUES ($1, $2, $3, $4, $5) RETURNING id",
      [input.pairId, input.reviewerId, input.label, input.leftCandidateId, input.isRepeat],
    );
    return { labelId: Number(row.id) };
  });
}

/** Cancels one of the reviewer's own labels with a new row (history stays append-only). */
export async function undoPairLabel(
  db: DbHandle,
  input: { datasetId: number; labelId: number; reviewerId: number },
): Promise<{ undoId: number; pairId: number }> {
  return db.transaction(async (tx) => {
    const [label] = await tx.query<{ pair_id: string; reviewer_id: number; undo_of: string | null }>(
      "SELECT l.pair_id, l.reviewer_id, l.undo_of FROM pair_labels l JOIN pairs p ON p.id = l.pair_id WHERE l.id = $1 AND p.dataset_id = $2",
      [input.labelId, input.datasetId],
    );
    if (!label) throw new PairError(`Label ${input.labelId} does not exist in this dataset.`);
    if (label.undo_of !== null) throw new PairError(`Label ${input.labelId} is itself an undo; label the pair again instead.`);
    if (label.reviewer_id !== input.reviewerId)
      throw new PairError("You can only undo your own labels (switch reviewer to the one who made it).");
    await tx.query("SELECT id FROM pairs WHERE id = $1 FOR UPDATE", [label.pair_id]);
    const [already] = await tx.query("SELECT 1 FROM pair_labels WHERE undo_of = $1", [input.labelId]);
    if (already) throw new PairError(`Label ${input.labelId} was already undone.`);
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO pair_labels (pair_id, reviewer_id, label, left_candidate_id, is_repeat, undo_of)
       SELECT pair_id, reviewer_id, label, left_candidate_id, is_repeat, id FROM pair_labels WHERE id = $1 RETURNING id`,
      [input.labelId],
    );
    return { undoId: Number(row.id), pairId: Number(label.pair_id) };
  });
}

/** A pair of two candidates of one request (lower id first); returns the existing one if any. */
export async function createPair(
  db: DbHandle,
  input: { datasetId: number; candidateA: number; candidateB: number; origin: PairOrigin },
): Promise<{ pairId: number; isNew: boolean }> {
  const [low, high] = input.candidateA < input.candidateB ? [input.candidateA, input.candidateB] : [input.candidateB, input.candidateA];
  return db.transaction(async (tx) => {
    const candidates = await tx.query<{ id: string; request_id: string }>(
      "SELECT id, request_id FROM candidates WHERE id = ANY($1::bigint[]) AND dataset_id = $2",
      [[low, high], input.datasetId],
    );
    if (candidates.length !== 2) throw new PairError(`Candidates ${low} and ${high} are not both in dataset ${input.datasetId}.`);
    if (candidates[0].request_id !== candidates[1].request_id)
      throw new PairError(
        "A pair compares two edits of the same request (same source and instruction); these belong to different requests.",
      );
    const [existing] = await tx.query<{ id: string }>(
      "SELECT id FROM pairs WHERE (candidate_a = $1 AND candidate_b = $2) OR (candidate_a = $2 AND candidate_b = $1)",
      [low, high],
    );
    if (existing) return { pairId: Number(existing.id), isNew: false };
    const [row] = await tx.query<{ id: string }>(
      "INSERT INTO pairs (dataset_id, request_id, candidate_a, candidate_b, origin) VALUES ($1, $2, $3, $4, $5) RETURNING id",
      [input.datasetId, candidates[0].request_id, low, high, input.origin],
    );
    await tx.query("UPDATE candidates SET is_in_pair = true WHERE id = ANY($1::bigint[]) AND NOT is_in_pair", [[low, high]]);
    return { pairId: Number(row.id), isNew: true };
  });
}

export async function pairsOverview(db: SqlRunner, datasetId: number, reviewerId: number): Promise<PairsOverview> {
  const [origins, [labels]] = await Promise.all([
    db.query<{ origin: PairOrigin; count: string }>("SELECT origin, count(*) AS count FROM pairs WHERE dataset_id = $1 GROUP BY origin", [
      datasetId,
    ]),
    db.query<{ pairs: string; labels: string; reviewers: string; mine: string }>(
      `SELECT count(DISTINCT l.pair_id) FILTER (WHERE l.label <> 'skip') AS pairs, count(*) AS labels, count(DISTINCT l.reviewer_id) AS reviewers,
              count(DISTINCT l.pair_id) FILTER (WHERE l.reviewer_id = $2) AS mine
       FROM pair_labels l JOIN pairs p ON p.id = l.pair_id WHERE p.dataset_id = $1 AND ${LIVE_LABEL}`,
      [datasetId, reviewerId],
    ),
  ]);
  const byOrigin = Object.fromEntries(origins.map((row) => [row.origin, Number(row.count)]));
  return {
    total: origins.reduce((sum, row) => sum + Number(row.count), 0),
    byOrigin,
    labelledPairs: Number(labels.pairs),
    labels: Number(labels.labels),
    reviewers: Number(labels.reviewers),
    mine: Number(labels.mine),
  };
}
