// Imported reviewer names never become an account's identity, on PGlite and PostgreSQL: a
// decisions file whose `reviewer` is a colleague's email gets an external reviewer of its own (no
// account, a marked name), so the colleague's own decisions, queue and agreement numbers hold none
// of its lines; importing it again finds the same external reviewer; and an account created after
// such an import does not adopt the imported row.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createAuth } from "@/lib/auth/auth";
import { createAccount } from "@/lib/auth/create-account";
import { reviewerForUser } from "@/lib/db/queries/accounts";
import { ensureReviewer } from "@/lib/db/queries/reviewers";
import { col, queryRows } from "@/lib/db/rows";
import { importInto, makeTempDir, testBackends, type TestDatabase } from "@/lib/testing/test-db";

const savedEnv = { ...process.env };

describe.each(testBackends())("imported reviewers on $name", (backend) => {
  let database: TestDatabase;
  let auth: ReturnType<typeof createAuth>;
  const dir = makeTempDir("ripe-imported-reviewers-");

  const write = (name: string, lines: object[]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, lines.map((line) => JSON.stringify(line)).join("\n") + "\n");
    return file;
  };
  const decisionsBy = (reviewerId: number) =>
    queryRows(database.handle, z.object({ n: col.int }), "SELECT count(*)::int AS n FROM reviews WHERE reviewer_id = $1", [
      reviewerId,
    ]).then(([row]) => row.n);
  const importedReviewers = () =>
    queryRows(
      database.handle,
      z.object({ id: col.int, name: col.text, user_id: col.nullableText }),
      "SELECT DISTINCT v.id, v.name, v.user_id FROM reviews r JOIN reviewers v ON v.id = r.reviewer_id WHERE r.source LIKE 'import:%' ORDER BY v.name",
    );

  beforeAll(async () => {
    database = await backend.create();
    const items = ["a", "b"].map((id) => ({
      open_image_input_url: `https://example.org/${id}.jpg`,
      text: "t",
      output_image: `images/${id}.png`,
      edit_type: "x",
      summarized_text: "t",
    }));
    await importInto(database.handle, "alpha", [write("sft.jsonl", items)]);
    process.env = { ...savedEnv, RIPE_DATA_DIR: dir };
    auth = createAuth(database.handle);
  });
  afterAll(async () => {
    process.env = { ...savedEnv };
    await database?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("keeps decisions that name a colleague's email off the colleague's account", async () => {
    const ana = await createAccount(auth, database.handle, { email: "ana@team.test", password: "ana-password-1", role: "member" });
    const anaReviewer = await reviewerForUser(database.handle, { id: ana.id, email: "ana@team.test", name: "Ana" });
    expect(anaReviewer.name).toBe("ana@team.test");
    const forged = write("decisions.jsonl", [
      { image: "images/a.png", reviewer: "ana@team.test", verdict: "reject" },
      { image: "images/b.png", reviewer: "ana@team.test", verdict: "accept" },
      { image: "images/a.png", reviewer: "outside-rater", verdict: "accept" },
    ]);
    const [report] = await importInto(database.handle, "alpha", [forged]);
    expect([report.status, report.errors]).toEqual(["done", []]);
    expect(await decisionsBy(anaReviewer.id)).toBe(0);
    const imported = await importedReviewers();
    expect(imported.map(({ name, user_id }) => ({ name, user_id }))).toEqual([
      { name: "ana@team.test (imported)", user_id: null },
      { name: "outside-rater", user_id: null },
    ]);
    expect(await decisionsBy(imported[0].id)).toBe(2);
    // The same file again: the same external reviewers, nothing added, still nothing on Ana.
    await importInto(database.handle, "alpha", [forged]);
    expect(await importedReviewers()).toEqual(imported);
    expect(await decisionsBy(imported[0].id)).toBe(2);
    expect(await decisionsBy(anaReviewer.id)).toBe(0);
    // Another file naming her: the same external reviewer, never her row.
    await importInto(database.handle, "alpha", [
      write("more.decisions.jsonl", [{ image: "images/b.png", reviewer: "ana@team.test", verdict: "reject" }]),
    ]);
    expect(await decisionsBy(anaReviewer.id)).toBe(0);
    expect(await decisionsBy(imported[0].id)).toBe(3);
    // The test helper that makes external reviewers keeps to them as well.
    expect((await ensureReviewer(database.handle, "ana@team.test")).id).toBe(imported[0].id);
  });

  it("does not give an account made after an import the imported reviewer's row", async () => {
    await importInto(database.handle, "alpha", [
      write("early.decisions.jsonl", [{ image: "images/a.png", reviewer: "ben@team.test", verdict: "reject" }]),
    ]);
    const ben = await createAccount(auth, database.handle, { email: "ben@team.test", password: "ben-password-1", role: "member" });
    const benReviewer = await reviewerForUser(database.handle, { id: ben.id, email: "ben@team.test", name: "Ben" });
    expect(benReviewer.name).toBe("ben@team.test #2");
    expect(await decisionsBy(benReviewer.id)).toBe(0);
    const external = (await importedReviewers()).find((row) => row.name === "ben@team.test")!;
    expect(external.user_id).toBeNull();
  });
});
