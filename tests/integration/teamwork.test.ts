// Team work against a real database on every backend: an assignment with overlap (k distinct
// reviewers per item, balanced), progress and reassignment of an absent reviewer's open items;
// no anchoring in the item data and browse cards a reviewer receives; adjudication changing the
// exported verdict while every decision stays in history; gold accuracy; and export and audit
// leaving out a reviewer below a gold accuracy (the export CLI too).
import { z } from "zod";
import { col, execute, queryRows } from "@/lib/db/rows";
import { createAuth } from "@/lib/auth/auth";
import { createAccount } from "@/lib/auth/create-account";
import { setDatasetRole } from "@/lib/db/queries/accounts";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adjudicate, AdjudicationError, listDisagreements } from "@/lib/db/queries/adjudication";
import { loadAgreement } from "@/lib/db/queries/agreement";
import { assignedWalk } from "@/lib/db/queries/assigned-walk";
import { createAssignment, listAssignments, openAssignmentItems, reassignAssignment } from "@/lib/db/queries/assignments";
import { loadAuditReport } from "@/lib/db/queries/audit";
import { blindBrowsePage } from "@/lib/db/queries/blind";
import { listCandidates } from "@/lib/db/queries/browse";
import { findDataset } from "@/lib/db/queries/datasets";
import { goldExclusion, markGold, setGoldRate } from "@/lib/db/queries/gold";
import { getItemDetail } from "@/lib/db/queries/items";
import { ensureReviewer } from "@/lib/db/queries/reviewers";
import { addReview, undoReview } from "@/lib/db/queries/reviews";
import type { Dataset, Reviewer } from "@/lib/db/schema";
import { exportToFolder } from "@/lib/export/export-to-folder";
import { AllocationError } from "@/lib/team/allocate";
import { importInto, makeTempDir, reopen, runCli, testBackends, type TestDatabase } from "@/lib/testing/test-db";

const image = (k: number) => `images/positive-edit/${k}.png`;
const sft = (k: number) => ({
  open_image_input_url: `https://example.org/${k}.jpg`,
  text: `edit ${k}`,
  output_image: image(k),
  edit_type: "Remove an existing object",
  summarized_text: `edit ${k}`,
});
const ITEMS = 12;

describe.each(testBackends())("team work on $name", (backend) => {
  let database: TestDatabase;
  let dataset: Dataset;
  let ids: number[];
  let ann: Reviewer, bo: Reviewer, cy: Reviewer, admin: Reviewer;
  const dir = makeTempDir("ripe-teamwork-");
  const decide = (reviewer: Reviewer, index: number, verdict: "accept" | "reject" | "unsure") =>
    addReview(database.handle, { datasetId: dataset.id, candidateId: ids[index], reviewerId: reviewer.id, verdict, reasonTags: [] });
  const sftLines = (manifestDir: string) =>
    fs
      .readFileSync(path.join(manifestDir, "sft.jsonl"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line).output_image as string);

  beforeAll(async () => {
    database = await backend.create();
    const file = path.join(dir, "sft.jsonl");
    fs.writeFileSync(file, Array.from({ length: ITEMS }, (_, index) => JSON.stringify(sft(index + 1))).join("\n") + "\n");
    await importInto(database.handle, "team", [file]);
    dataset = (await findDataset(database.handle, "team"))!;
    ids = (
      await queryRows(database.handle, z.object({ id: col.int }), "SELECT id FROM candidates WHERE dataset_id = $1 ORDER BY id", [
        dataset.id,
      ])
    ).map((row) => Number(row.id));
    [ann, bo, cy, admin] = await Promise.all(["ann", "bo", "cy", "admin"].map((name) => ensureReviewer(database.handle, name)));
    // Only accounts that may review the dataset can be assigned: give each reviewer row an account
    // with the reviewer role (their decisions keep the short names the assertions use).
    const auth = createAuth(database.handle);
    for (const reviewer of [ann, bo, cy, admin]) {
      const user = await createAccount(auth, database.handle, {
        email: `${reviewer.name}@team.test`,
        password: "team-password-1",
        name: reviewer.name,
        role: "member",
      });
      await execute(database.handle, "UPDATE reviewers SET user_id = $1 WHERE id = $2", [user.id, reviewer.id]);
      await setDatasetRole(database.handle, dataset.id, user.id, "reviewer");
    }
  });
  afterAll(async () => {
    await database?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("assigns each item to exactly k distinct reviewers, balanced, and reassigns an absent reviewer's open items", async () => {
    const db = database.handle;
    // An external reviewer (a name from imported lines, no account) or a viewer can't be given items.
    const outsider = await ensureReviewer(db, "imported-only");
    await expect(
      createAssignment(db, {
        datasetId: dataset.id,
        title: "outsider",
        source: "filter",
        filter: {},
        reviewerIds: [ann.id, outsider.id],
        overlap: 1,
        seed: 1,
        dueAt: null,
        createdBy: admin.id,
      }),
    ).rejects.toThrow(`reviewerIds: reviewer ${outsider.id} may not review this dataset`);
    await expect(
      createAssignment(db, {
        datasetId: dataset.id,
        title: "too wide",
        source: "filter",
        filter: {},
        reviewerIds: [ann.id, bo.id],
        overlap: 3,
        seed: 1,
        dueAt: null,
        createdBy: admin.id,
      }),
    ).rejects.toThrow(AllocationError);
    const created = await createAssignment(db, {
      datasetId: dataset.id,
      title: "first pass",
      source: "filter",
      filter: { rev: "0" },
      reviewerIds: [ann.id, bo.id, cy.id],
      overlap: 2,
      seed: 5,
      dueAt: new Date("2020-01-01T00:00:00Z"),
      createdBy: admin.id,
    });
    expect(created).toMatchObject({ items: ITEMS, slots: 2 * ITEMS });
    const slots = await queryRows(
      db,
      z.object({ candidate_id: col.int, reviewer_id: col.int }),
      "SELECT candidate_id, reviewer_id FROM assignment_items WHERE assignment_id = $1",
      [created.id],
    );
    const holders = (rows: typeof slots) => {
      const map = new Map<number, number[]>();
      for (const row of rows) map.set(Number(row.candidate_id), [...(map.get(Number(row.candidate_id)) ?? []), row.reviewer_id]);
      return map;
    };
    for (const held of holders(slots).values()) expect(new Set(held).size).toBe(2);
    const loads = [ann, bo, cy].map((reviewer) => slots.filter((row) => row.reviewer_id === reviewer.id).length);
    expect(loads).toEqual([8, 8, 8]);

    // ann decides two of hers, then is away: her six open items go to bo and cy.
    const annItems = slots.filter((row) => row.reviewer_id === ann.id).map((row) => Number(row.candidate_id));
    for (const id of annItems.slice(0, 2))
      await addReview(db, { datasetId: dataset.id, candidateId: id, reviewerId: ann.id, verdict: "accept", reasonTags: [] });
    let [summary] = await listAssignments(db, dataset.id);
    expect(summary).toMatchObject({ items: ITEMS, itemsDone: 0, slots: 24, decided: 2, isOverdue: true });
    expect(summary.reviewers.find((entry) => entry.reviewer === "ann")).toMatchObject({ total: 8, decided: 2, isOverdue: true });
    expect((await assignedWalk(db, dataset.id, ann.id)).assigned).toBe(6);

    const moved = await reassignAssignment(db, {
      datasetId: dataset.id,
      assignmentId: created.id,
      fromReviewerId: ann.id,
      toReviewerIds: [bo.id, cy.id],
    });
    // Each of ann's open items is already held by one of bo/cy; the other takes it.
    expect(moved).toEqual({ moved: 6, unplaced: [] });
    const after = await queryRows(
      db,
      z.object({ candidate_id: col.int, reviewer_id: col.int }),
      "SELECT candidate_id, reviewer_id FROM assignment_items WHERE assignment_id = $1",
      [created.id],
    );
    expect(after).toHaveLength(24);
    for (const held of holders(after).values()) expect(new Set(held).size).toBe(2);
    expect(
      after
        .filter((row) => row.reviewer_id === ann.id)
        .map((row) => Number(row.candidate_id))
        .sort(),
    ).toEqual(annItems.slice(0, 2).sort());
    [summary] = await listAssignments(db, dataset.id);
    expect(summary.reviewers.map((entry) => [entry.reviewer, entry.total, entry.decided])).toEqual([
      ["ann", 2, 2],
      ["bo", 11, 0],
      ["cy", 11, 0],
    ]);
    expect(await openAssignmentItems(db, dataset.id, created.id)).toHaveLength(22);
    // Nothing left to move; an unknown assignment is a clear error.
    expect(
      await reassignAssignment(db, { datasetId: dataset.id, assignmentId: created.id, fromReviewerId: ann.id, toReviewerIds: [bo.id] }),
    ).toEqual({
      moved: 0,
      unplaced: [],
    });
    await expect(
      reassignAssignment(db, { datasetId: dataset.id, assignmentId: 999_999, fromReviewerId: ann.id, toReviewerIds: [bo.id] }),
    ).rejects.toThrow(/no assignment 999999/);
    // Undo ann's two decisions so the later tests start from no decisions.
    const annReviews = await queryRows(db, z.object({ id: col.int }), "SELECT id FROM reviews WHERE reviewer_id = $1 AND undo_of IS NULL", [
      ann.id,
    ]);
    for (const row of annReviews) await undoReview(db, { datasetId: dataset.id, reviewId: Number(row.id), reviewerId: ann.id });
  });

  it("no anchoring: a reviewer receives no colleague's verdict on an item until they decided it", async () => {
    const db = database.handle;
    await decide(ann, 0, "reject");
    const forBo = (await getItemDetail(db, dataset, ids[0], bo.id))!;
    expect(forBo.reviews.filter((review) => review.reviewerId !== bo.id)).toEqual([]);
    expect(forBo.candidate).toMatchObject({ humanVerdict: "none", effectiveVerdict: "pass", reviewCount: 0, isDisagreement: false });
    expect(JSON.stringify(forBo)).not.toContain('"reject"');
    expect(JSON.stringify(forBo)).not.toContain("ann");
    // ann sees her own decision; so does an item with no colleague's decision.
    expect((await getItemDetail(db, dataset, ids[0], ann.id))!.candidate).toMatchObject({ humanVerdict: "fail", effectiveVerdict: "fail" });
    // Browse cards: the same item shows the verdict without human input to bo.
    const page = await listCandidates(db, dataset, {}, { limit: 50 });
    const card = (await blindBrowsePage(db, page, bo.id)).items.find((item) => item.id === ids[0])!;
    expect(card).toMatchObject({ humanVerdict: "none", effectiveVerdict: "pass", reviewCount: 0 });
    expect((await blindBrowsePage(db, page, ann.id)).items.find((item) => item.id === ids[0])).toMatchObject({ humanVerdict: "fail" });
    // Once bo decides, both decisions are his to see.
    await decide(bo, 0, "accept");
    const decided = (await getItemDetail(db, dataset, ids[0], bo.id))!;
    expect(decided.reviews.map((review) => review.reviewer).sort()).toEqual(["ann", "bo"]);
    expect(decided.candidate.humanVerdict).toBe("unresolved");
  });

  it("adjudication: the ruling becomes the exported verdict; every reviewer's decision stays in history", async () => {
    const db = database.handle;
    // Item 0: ann reject, bo accept (a tie) → unresolved, exported as its prior (pass).
    const before = await exportToFolder(db, dataset, path.join(dir, "before"));
    expect(sftLines(path.join(dir, "before"))).toContain(image(1));
    expect(before.files["sft.jsonl"].rows).toBe(ITEMS);
    const [open] = await listDisagreements(db, dataset.id);
    expect(open).toMatchObject({ candidateId: ids[0], adjudication: null });
    expect(open.verdicts.map((entry) => [entry.reviewer, entry.verdict])).toEqual([
      ["ann", "reject"],
      ["bo", "accept"],
    ]);
    await expect(
      adjudicate(db, { datasetId: dataset.id, candidateId: ids[5], adjudicatorId: admin.id, verdict: "reject" }),
    ).rejects.toThrow(AdjudicationError);
    const ruling = await adjudicate(db, {
      datasetId: dataset.id,
      candidateId: ids[0],
      adjudicatorId: admin.id,
      verdict: "reject",
      note: "halo",
    });
    expect(ruling).toMatchObject({ humanVerdict: "fail", effectiveVerdict: "fail" });
    const after = await exportToFolder(db, dataset, path.join(dir, "after"));
    expect(sftLines(path.join(dir, "after"))).not.toContain(image(1));
    expect(after.files["sft.jsonl"]).toMatchObject({ rows: ITEMS - 1, dropped: 1, droppedByHuman: 1 });
    // History: both decisions (and ann's undone ones) are still there, the ruling is its own row.
    const history = await queryRows(
      db,
      z.object({ reviewer_id: col.int, verdict: col.text }),
      "SELECT reviewer_id, verdict FROM reviews WHERE candidate_id = $1 AND undo_of IS NULL ORDER BY id",
      [ids[0]],
    );
    expect(history.map((row) => row.verdict)).toEqual(expect.arrayContaining(["reject", "accept"]));
    const full = (await getItemDetail(db, dataset, ids[0], bo.id))!;
    expect(
      full.reviews.filter((review) => review.undoOf === null && !review.isUndone).map((review) => [review.reviewer, review.verdict]),
    ).toEqual([
      ["bo", "accept"],
      ["ann", "reject"],
    ]);
    const [settled] = await listDisagreements(db, dataset.id);
    expect(settled.adjudication).toMatchObject({ verdict: "reject", adjudicator: "admin", note: "halo" });
    // The audit counts the adjudicated verdict, not the tie.
    const report = await loadAuditReport(db, dataset, {});
    expect(report.reviewed).toBeGreaterThan(0);
    expect(report.unresolved).toBe(0);
    // A later ruling replaces the earlier one.
    await adjudicate(db, { datasetId: dataset.id, candidateId: ids[0], adjudicatorId: admin.id, verdict: "accept" });
    const [row] = await queryRows(db, z.object({ human_verdict: col.text }), "SELECT human_verdict FROM candidates WHERE id = $1", [
      ids[0],
    ]);
    expect(row.human_verdict).toBe("pass");
  });

  it("gold: accuracy with its interval, and export and audit leaving out a reviewer below a gold accuracy", async () => {
    const db = database.handle;
    // Gold items 6..9 with known verdicts; ann answers 3 of 4 right, cy 0 of 4.
    await markGold(db, { datasetId: dataset.id, candidateIds: [ids[6], ids[7]], verdict: "accept", markedBy: admin.id });
    await markGold(db, { datasetId: dataset.id, candidateIds: [ids[8], ids[9]], verdict: "reject", markedBy: admin.id });
    for (const [index, verdict] of [
      [6, "accept"],
      [7, "accept"],
      [8, "reject"],
      [9, "accept"],
    ] as const)
      await decide(ann, index, verdict);
    for (const [index, verdict] of [
      [6, "reject"],
      [7, "unsure"],
      [8, "accept"],
      [9, "accept"],
    ] as const)
      await decide(cy, index, verdict);
    // cy alone rejects item 11: with cy, the row is dropped; without cy, it is kept.
    await decide(cy, 11, "reject");
    const { json } = await loadAgreement(db, dataset);
    const byName = Object.fromEntries(json.gold.reviewers.map((row) => [row.reviewer, row]));
    expect(json.gold.items_answered).toBe(4);
    expect(byName.ann).toMatchObject({ n: 4, correct: 3, accuracy: 0.75 });
    expect(byName.ann.ci_low).toBeCloseTo(0.3006418426, 8);
    expect(byName.ann.ci_high).toBeCloseTo(0.9544127392, 8);
    expect(byName.cy).toMatchObject({ n: 4, correct: 0, accuracy: 0, ci_low: 0 });
    expect(byName.cy.ci_high).toBeCloseTo(0.4898908364, 8);
    expect(json.reviewers_activity.reviewers.map((row) => [row.reviewer, row.items_decided])).toEqual([
      ["ann", 5],
      ["bo", 1],
      ["cy", 5],
    ]);
    expect(json.reviewers_activity.session_gap_seconds).toBe(600);

    const exclusion = await goldExclusion(db, dataset.id, 0.5);
    expect(exclusion.excluded_reviewers).toEqual(["cy"]);
    expect(exclusion.decisions_left_out).toBe(5);
    const all = await exportToFolder(db, dataset, path.join(dir, "gold-all"));
    expect(sftLines(path.join(dir, "gold-all"))).not.toContain(image(12));
    expect(all.gold_filter).toBeUndefined();
    const cut = await exportToFolder(db, dataset, path.join(dir, "gold-cut"), { filters: { minGoldAccuracy: 0.5 } });
    expect(sftLines(path.join(dir, "gold-cut"))).toContain(image(12));
    expect(cut.gold_filter).toEqual({
      min_gold_accuracy: 0.5,
      excluded_reviewers: ["cy"],
      decisions_left_out: 5,
      pair_labels_left_out: 0,
      items_redecided: 5,
    });
    expect(cut.notes.join(" ")).toMatch(/Left out 5 decisions and 0 pair labels by 1 reviewer below gold accuracy 0.5 \(cy\)/);
    // Gold item 9 (known reject): ann's reject against cy's accept is a tie (exported as its prior, pass);
    // without cy, ann's reject drops it. One row in, one row out.
    expect(sftLines(path.join(dir, "gold-all"))).toContain(image(9));
    expect(sftLines(path.join(dir, "gold-cut"))).not.toContain(image(9));
    expect(cut.files["sft.jsonl"].rows).toBe(all.files["sft.jsonl"].rows);
    // The audit leaves cy's decisions out too, and says so.
    const audit = await loadAuditReport(db, dataset, { min_gold: 0.5 });
    expect(audit.notes[0]).toMatch(/Left out 5 decisions by reviewers below gold accuracy 0.5 \(cy\)/);
    expect(audit.options.reviewers).toContain("cy");
    expect(audit.by_reviewer.map((row) => row.reviewer)).not.toContain("cy");

    // Gold items are mixed into bo's walk (he decided none of them) at the dataset's rate.
    await setGoldRate(db, dataset.id, 0.5);
    const walk = await assignedWalk(db, dataset.id, bo.id);
    const gold = new Set([ids[6], ids[7], ids[8], ids[9]]);
    expect(walk.ids.filter((id) => gold.has(id)).length).toBe(Math.min(4, walk.assigned));

    // The export CLI takes the same cut and says what it left out.
    if (database.backend === "pglite") await db.close();
    const run = await runCli("export", ["--dataset", "team", "--out", path.join(dir, "cli"), "--min-gold-accuracy", "0.5"], database);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Left out 5 decisions and 0 pair labels by 1 reviewer below gold accuracy 0.5 \(cy\)/);
    expect(sftLines(path.join(dir, "cli"))).toContain(image(12));
    const bad = await runCli("export", ["--dataset", "team", "--out", path.join(dir, "cli2"), "--min-gold-accuracy", "2"], database);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--min-gold-accuracy: expected a number from 0 to 1/);
    if (database.backend === "pglite") await reopen(database);
  });
});
