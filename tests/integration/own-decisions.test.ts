// The review screen's undo after a reload: recentOwnDecisions lists a reviewer's latest decisions
// in one dataset that still count (not undone, not undos, not imported), oldest first, on every
// backend, and the item's history gives the same "your decision" as the screen shows.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { col, queryRows } from "@/lib/db/rows";
import { findDataset } from "@/lib/db/queries/datasets";
import { ensureReviewer } from "@/lib/db/queries/reviewers";
import { addReview, recentOwnDecisions, undoReview } from "@/lib/db/queries/reviews";
import { importInto, makeTempDir, testBackends, type TestDatabase } from "@/lib/testing/test-db";

const sft = (k: number) => ({
  open_image_input_url: `https://example.org/${k}.jpg`,
  text: `edit ${k}`,
  output_image: `images/positive-edit/${k}.png`,
  edit_type: "Remove an existing object",
  summarized_text: `edit ${k}`,
});

describe.each(testBackends())("own decisions on $name", (backend) => {
  let database: TestDatabase;
  const dir = makeTempDir("ripe-own-decisions-");

  beforeAll(async () => {
    database = await backend.create();
    const file = path.join(dir, "sft.jsonl");
    fs.writeFileSync(file, [1, 2, 3, 4].map((k) => JSON.stringify(sft(k))).join("\n") + "\n");
    await importInto(database.handle, "mine", [file]);
    await importInto(database.handle, "elsewhere", [file]);
    // An imported decision by the same name is someone's record, not this session's to undo.
    const decisions = path.join(dir, "decisions.jsonl");
    fs.writeFileSync(
      decisions,
      JSON.stringify({
        image: "images/positive-edit/4.png",
        reviewer: "ana",
        verdict: "reject",
        reason_tags: [],
        note: "",
        time: "2026-01-05T10:00:00Z",
      }) + "\n",
    );
    await importInto(database.handle, "mine", [decisions]);
  });
  afterAll(async () => {
    await database?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("lists the reviewer's live UI decisions in this dataset, oldest first, within the limit", async () => {
    const db = database.handle;
    const mine = (await findDataset(db, "mine"))!;
    const elsewhere = (await findDataset(db, "elsewhere"))!;
    const ana = await ensureReviewer(db, "ana");
    const bo = await ensureReviewer(db, "bo");
    const candidates = async (datasetId: number) =>
      (await queryRows(db, z.object({ id: col.int }), "SELECT id FROM candidates WHERE dataset_id = $1 ORDER BY id", [datasetId])).map(
        (row) => row.id,
      );
    const [c1, c2, c3] = await candidates(mine.id);
    const [other] = await candidates(elsewhere.id);
    const decide = (datasetId: number, candidateId: number, reviewerId: number, verdict: "accept" | "reject" | "unsure") =>
      addReview(db, { datasetId, candidateId, reviewerId, verdict, reasonTags: [] });

    const first = await decide(mine.id, c1, ana.id, "accept");
    const undone = await decide(mine.id, c2, ana.id, "reject");
    await decide(mine.id, c3, ana.id, "unsure");
    await decide(mine.id, c1, bo.id, "reject"); // another reviewer
    await decide(elsewhere.id, other, ana.id, "accept"); // another dataset
    await undoReview(db, { datasetId: mine.id, reviewId: undone.reviewId, reviewerId: ana.id });

    const listed = await recentOwnDecisions(db, mine.id, ana.id);
    expect(listed.map((decision) => [decision.candidateId, decision.verdict])).toEqual([
      [c1, "accept"],
      [c3, "unsure"],
    ]);
    expect(listed[0].reviewId).toBe(first.reviewId);
    expect((await recentOwnDecisions(db, mine.id, ana.id, 1)).map((decision) => decision.candidateId)).toEqual([c3]);
    expect(await recentOwnDecisions(db, mine.id, (await ensureReviewer(db, "cy")).id)).toEqual([]);
  });
});
