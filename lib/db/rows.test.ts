import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { testBackends } from "../testing/test-db";
import { col, queryOne, queryRows, RowShapeError } from "./rows";

for (const backend of testBackends()) {
  describe(`checked rows on ${backend.name}`, () => {
    let test: Awaited<ReturnType<typeof backend.create>>;
    beforeAll(async () => {
      test = await backend.create();
    });
    afterAll(() => test.dispose());

    it("parses counts that arrive as strings into numbers", async () => {
      const row = await queryOne(test.handle, z.object({ n: col.int }), "SELECT count(*) AS n FROM generate_series(1, 3)");
      expect(row.n).toBe(3);
    });

    it("refuses rows whose shape differs, naming the column", async () => {
      await expect(queryRows(test.handle, z.object({ missing: col.text }), "SELECT 1 AS present")).rejects.toThrow(RowShapeError);
      await expect(queryRows(test.handle, z.object({ missing: col.text }), "SELECT 1 AS present")).rejects.toThrow(/missing/);
    });
  });
}
