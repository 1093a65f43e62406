// Data-layer integration: manifest pairs on import, mining (idempotent), the labelling queue with
// randomised sides and repeats, append-only labels with undo, and the export (preference rows
// take the human-preferred candidate; dpo.jsonl and both-bad.jsonl with provenance).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { col, queryOne, queryRows } from "@/lib/db/rows";
import { findDataset } from "@/lib/db/queries/datasets";
import { addPairLabel, undoPairLabel } from "@/lib/db/queries/pairs";
import { minePairs } from "@/lib/db/queries/pairs-mine";
import { nextPairBatch, type QueueBatchRequest } from "@/lib/db/queries/pairs-queue";
import { ensureReviewer } from "@/lib/db/queries/reviewers";
import type { Dataset } from "@/lib/db/schema";
import { dpoLines } from "@/lib/export/dpo";
import { loadPreferenceDecisions } from "@/lib/export/preferred";
import { liveLabels } from "@/lib/db/queries/pairs-labels";
import { emptyCounts, type VerdictOverrides } from "@/lib/export/export-dataset";
import { exportToFolder } from "@/lib/export/export-to-folder";
import { importInto, makeTempDir, testBackends, type TestDatabase } from "@/lib/testing/test-db";
import { isRepeatSelected } from "@/lib/pairs/sides";

const line = (record: object) => `${JSON.stringify(record).replace(/","/g, '", "').replace(/":/g, '": ')}\n`;
const request = (n: number, output: string, edit = "Zoom in") => ({
  open_image_input_url: `https://farm.example/${n}.jpg`,
  text: `Zoom in on thing ${n}`,
  output_image: output,
  edit_type: edit,
  summarized_text: `zoom ${n}`,
});
const score = (image: string, value: number) => ({
  image,
  judge: "test/judge",
  instruction_compliance: value,
  seamlessness: value,
  preservation_balance: value,
  technical_quality: value,
  overall: null,
});

function writeFixtures(dir: string) {
  fs.writeFileSync(
    path.join(dir, "sft.jsonl"),
    [request(1, "p/1_retry1.png"), request(2, "p/2.png"), request(3, "p/3_retry2.png", "Outpainting (extend canvas beyond boundaries)")]
      .map(line)
      .join(""),
  );
  fs.writeFileSync(
    path.join(dir, "preference.jsonl"),
    [
      { ...request(1, "p/1_retry1.png"), rejected_images: ["n/1.png"] },
      { ...request(2, "p/2.png"), rejected_images: ["n/2.png"] },
      { ...request(3, "p/3_retry2.png", "Outpainting (extend canvas beyond boundaries)"), rejected_images: ["n/3a.png", "n/3b.png"] },
    ]
      .map(({ open_image_input_url, text, output_image, edit_type, summarized_text, rejected_images }) =>
        line({ output_image, rejected_images, text, edit_type, open_image_input_url, summarized_text }),
      )
      .join(""),
  );
  const session = (attempt: string, second: string) => ({
    files: [
      { id: "edit_turn1", url: `mt/9_${attempt}_turn1.png` },
      { id: "final_image", url: `mt/9_${attempt}_turn2.png` },
      { id: "original_input_image", url: "https://farm.example/9.jpg" },
    ],
    metadata_edit_turn_prompts: ["Make the sky pink", second],
  });
  fs.writeFileSync(
    path.join(dir, "multi-turn.jsonl"),
    [session("attemptA", "Add a boat"), session("attemptB", "Add a red boat")].map(line).join(""),
  );
  fs.writeFileSync(
    path.join(dir, "judge-scores.jsonl"),
    [score("p/1_retry1.png", 0.9), score("n/1.png", 0.88), score("p/3_retry2.png", 0.95), score("n/3a.png", 0.93), score("n/3b.png", 0.3)]
      .map(line)
      .join(""),
  );
}

describe.each(testBackends())("preference pairs on $name", (backend) => {
  let database: TestDatabase;
  let dataset: Dataset;
  const fixtures = makeTempDir("ripe-test-pairs-");
  beforeAll(async () => {
    database = await backend.create();
    writeFixtures(fixtures);
    await importInto(
      database.handle,
      "pairs",
      ["sft.jsonl", "preference.jsonl", "multi-turn.jsonl", "judge-scores.jsonl"].map((file) => path.join(fixtures, file)),
    );
    dataset = (await findDataset(database.handle, "pairs"))!;
  });
  afterAll(async () => {
    await database?.dispose();
    fs.rmSync(fixtures, { recursive: true, force: true });
  });

  const origins = async () =>
    Object.fromEntries(
      (
        await queryRows(
          database.handle,
          z.object({ origin: col.text, count: col.int }),
          "SELECT origin, count(*) AS count FROM pairs GROUP BY origin",
        )
      ).map((row) => [row.origin, row.count]),
    );

  it("imports manifest pairs and mines the rest once", async () => {
    expect(await origins()).toEqual({ manifest: 4 });
    const first = await minePairs(database.handle, dataset, {
      rules: ["disagreement", "near_tie", "multi_pass", "request", "turns"],
      margin: 0.05,
      band: 0.05,
      maxPerRequest: 6,
    });
    // request 3: 3a–3b is new (3a vs 3b: 0.93 vs 0.3 → "request"); the manifest pairs exist already.
    expect(first.created).toEqual({ request: 1, turns: 1 });
    expect(first.alreadyExisted).toBe(4);
    const again = await minePairs(database.handle, dataset, {
      rules: ["disagreement", "near_tie", "multi_pass", "request", "turns"],
      margin: 0.05,
      band: 0.05,
      maxPerRequest: 6,
    });
    expect(again.createdTotal).toBe(0);
    const { in_pair } = await queryOne(
      database.handle,
      z.object({ in_pair: col.int }),
      "SELECT count(*) AS in_pair FROM candidates WHERE is_in_pair",
    );
    expect(Number(in_pair)).toBe(9); // 7 single-turn candidates and the two turn-1 outputs
  });

  it("hands out a queue with sides recorded, takes labels, undo brings a pair back", async () => {
    const reviewer = await ensureReviewer(database.handle, "ann");
    const queue: QueueBatchRequest = { queue: "unlabelled", repeat: 0, exclude: [], excludeRepeats: [], limit: 25 };
    const batch = await nextPairBatch(database.handle, dataset, reviewer.id, queue);
    expect(batch.items).toHaveLength(6);
    expect(batch.remaining).toBe(6);
    for (const item of batch.items) expect([item.a.id, item.b.id]).toContain(item.leftCandidateId);
    const turns = batch.items.find((item) => item.origin === "turns")!;
    expect(turns.promptChain).toEqual(["Make the sky pink"]);
    expect(turns.sourceImage).toBe("https://farm.example/9.jpg");

    const [first, second] = batch.items;
    const labelled = await addPairLabel(database.handle, {
      datasetId: dataset.id,
      pairId: first.pairId,
      reviewerId: reviewer.id,
      label: "b",
      leftCandidateId: first.leftCandidateId,
      isRepeat: false,
    });
    await addPairLabel(database.handle, {
      datasetId: dataset.id,
      pairId: second.pairId,
      reviewerId: reviewer.id,
      label: "tie",
      leftCandidateId: second.leftCandidateId,
      isRepeat: false,
    });
    expect((await nextPairBatch(database.handle, dataset, reviewer.id, queue)).remaining).toBe(4);
    await expect(
      addPairLabel(database.handle, {
        datasetId: dataset.id,
        pairId: first.pairId,
        reviewerId: reviewer.id,
        label: "a",
        leftCandidateId: 999999,
        isRepeat: false,
      }),
    ).rejects.toThrow(/not part of pair/);

    await undoPairLabel(database.handle, { datasetId: dataset.id, labelId: labelled.labelId, reviewerId: reviewer.id });
    await expect(
      undoPairLabel(database.handle, { datasetId: dataset.id, labelId: labelled.labelId, reviewerId: reviewer.id }),
    ).rejects.toThrow(/already undone/);
    const other = await ensureReviewer(database.handle, "bob");
    await expect(
      undoPairLabel(database.handle, { datasetId: dataset.id, labelId: labelled.labelId + 1, reviewerId: other.id }),
    ).rejects.toThrow(/your own/);
    expect((await nextPairBatch(database.handle, dataset, reviewer.id, queue)).items.map((item) => item.pairId)).toContain(first.pairId);
    const { count } = await queryOne(database.handle, z.object({ count: col.int }), "SELECT count(*) AS count FROM pair_labels");
    expect(Number(count)).toBe(3); // two labels and one undo row: history is append-only
  });

  it("brings back a share of labelled pairs with sides swapped once enough newer labels exist", async () => {
    const reviewer = await ensureReviewer(database.handle, "cy");
    const queue: QueueBatchRequest = { queue: "unlabelled", repeat: 0.5, exclude: [], excludeRepeats: [], limit: 25 };
    const { items } = await nextPairBatch(database.handle, dataset, reviewer.id, queue);
    for (const item of items) {
      await addPairLabel(database.handle, {
        datasetId: dataset.id,
        pairId: item.pairId,
        reviewerId: reviewer.id,
        label: "a",
        leftCandidateId: item.leftCandidateId,
        isRepeat: false,
      });
    }
    // Six labels: only the first has REPEAT_GAP (5) newer ones.
    const dueFirst = isRepeatSelected(items[0].pairId, reviewer.id, 0.5) ? 1 : 0;
    expect((await nextPairBatch(database.handle, dataset, reviewer.id, queue)).repeatsDue).toBe(dueFirst);
    const next = await nextPairBatch(database.handle, dataset, reviewer.id, { ...queue, repeatGap: 0 });
    const selected = items.filter((item) => isRepeatSelected(item.pairId, reviewer.id, 0.5));
    expect(selected.length).toBeGreaterThan(0);
    expect(next.items.map((item) => item.pairId)).toEqual(selected.map((item) => item.pairId));
    for (const repeat of next.items) {
      expect(repeat.isRepeat).toBe(true);
      expect(repeat.leftCandidateId).not.toBe(items.find((item) => item.pairId === repeat.pairId)!.leftCandidateId);
    }
    await addPairLabel(database.handle, {
      datasetId: dataset.id,
      pairId: next.items[0].pairId,
      reviewerId: reviewer.id,
      label: "b",
      leftCandidateId: next.items[0].leftCandidateId,
      isRepeat: true,
    });
    const after = await nextPairBatch(database.handle, dataset, reviewer.id, { ...queue, repeatGap: 0 });
    expect(after.items.map((item) => item.pairId)).not.toContain(next.items[0].pairId);
  });

  it("feeds labels into the export with provenance", async () => {
    const ann = await ensureReviewer(database.handle, "ann");
    const { items } = await nextPairBatch(database.handle, dataset, ann.id, {
      queue: "unlabelled",
      repeat: 0,
      exclude: [],
      excludeRepeats: [],
      limit: 25,
    });
    const manifest3 = items.find(
      (item) => item.origin === "manifest" && item.a.imagePath === "p/3_retry2.png" && item.b.imagePath === "n/3a.png",
    )!;
    const both = items.find((item) => item.origin === "request")!;
    // Prefer the rejected attempt 3a (it passes the judge: 0.93) over the manifest's chosen.
    // cy labelled every pair "a" above: two reviewers outvote her.
    const dee = await ensureReviewer(database.handle, "dee");
    for (const reviewer of [ann, dee]) {
      await addPairLabel(database.handle, {
        datasetId: dataset.id,
        pairId: manifest3.pairId,
        reviewerId: reviewer.id,
        label: "b",
        leftCandidateId: manifest3.leftCandidateId,
        isRepeat: false,
      });
      await addPairLabel(database.handle, {
        datasetId: dataset.id,
        pairId: both.pairId,
        reviewerId: reviewer.id,
        label: "both_bad",
        leftCandidateId: both.leftCandidateId,
        isRepeat: false,
      });
    }
    const out = makeTempDir("ripe-test-pairs-export-");
    const manifest = await exportToFolder(database.handle, dataset, out);
    const read = (file: string) =>
      fs
        .readFileSync(path.join(out, file), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((text) => JSON.parse(text));
    const preference = read("preference.jsonl").find((row) => row.text === "Zoom in on thing 3")!;
    expect(preference.output_image).toBe("n/3a.png");
    expect(preference.rejected_images).toEqual(["n/3b.png", "p/3_retry2.png"]); // the others: the original chosen too
    const dpo = read("dpo.jsonl");
    const human = dpo.find((row) => row.provenance.pair_id === manifest3.pairId);
    expect(human).toMatchObject({
      chosen: "n/3a.png",
      rejected: "p/3_retry2.png",
      provenance: { decided_by: "human", reviewers: ["cy", "ann", "dee"] },
    });
    expect(human.provenance.label_ids).toHaveLength(3);
    expect(dpo.some((row) => row.provenance.pair_id === both.pairId)).toBe(false);
    expect(read("both-bad.jsonl")).toMatchObject([
      { both_bad_images: [both.a.imagePath, both.b.imagePath], pair_ids: [both.pairId], reviewers: ["ann", "dee"] },
    ]);
    expect(manifest.files["dpo.jsonl"].dropReasons).toMatchObject({ both_bad: 1 });
    expect(manifest.notes.join(" ")).toMatch(/both bad/);
    fs.rmSync(out, { recursive: true, force: true });
  });

  it("dpo.jsonl decides by the verdicts a gold-accuracy cut re-decided, as the manifest files do", async () => {
    const candidate = (image: string) =>
      queryOne(
        database.handle,
        z.object({ id: col.int, request_id: col.int }),
        "SELECT id, request_id FROM candidates WHERE dataset_id = $1 AND image_path = $2",
        [dataset.id, image],
      );
    const [chosen, rejected] = [await candidate("p/2.png"), await candidate("n/2.png")];
    const rowOfRequest2 = async (overrides?: VerdictOverrides) => {
      const rows = [];
      for await (const text of dpoLines(database.handle, dataset, emptyCounts(), { outcomes: new Map(), overrides }))
        rows.push(JSON.parse(text));
      return rows.find((row) => [row.chosen, row.rejected].includes("p/2.png"));
    };
    expect(await rowOfRequest2()).toMatchObject({ chosen: "p/2.png", rejected: "n/2.png" });
    // The cut left out the decisions that made p/2.png pass and n/2.png fail: re-decided the other way.
    const redecided = (row: { request_id: number }, verdict: "pass" | "fail") => ({
      humanVerdict: verdict,
      effectiveVerdict: verdict,
      requestId: row.request_id,
      sessionId: null,
    });
    const overrides: VerdictOverrides = new Map([
      [chosen.id, redecided(chosen, "fail")],
      [rejected.id, redecided(rejected, "pass")],
    ]);
    expect(await rowOfRequest2(overrides)).toMatchObject({
      chosen: "n/2.png",
      rejected: "p/2.png",
      provenance: { decided_by: "human_review" },
    });
  });

  it("a gold-accuracy cut leaves its reviewers' pair labels out too", async () => {
    const labels = await liveLabels(database.handle, dataset.id);
    // ann and dee outvoted cy on the manifest pair of request 3 (the export test above).
    const pairId = labels.find((label) => label.reviewer === "dee" && label.label === "b")!.pairId;
    const all = await loadPreferenceDecisions(database.handle, dataset.id);
    const cut = await loadPreferenceDecisions(database.handle, dataset.id, new Set(["ann", "dee"]));
    expect(all.outcomes.get(pairId)?.outcome).toBe("b");
    expect(cut.outcomes.get(pairId)?.outcome).toBe("a");
    expect(cut.labelsLeftOut).toBe(labels.filter((label) => label.reviewer === "ann" || label.reviewer === "dee").length);
    expect(cut.labelsLeftOut).toBeGreaterThan(0);
    expect(all.labelsLeftOut).toBe(0);
    expect(cut.labels).toBe(all.labels - cut.labelsLeftOut);
    expect(cut.reviewers).not.toContain("dee");
  });
});
