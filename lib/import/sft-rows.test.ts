// An SFT line's rows built before their ids (sft-rows.ts) are, ids put in front, the very rows
// the keyed COPY writers give; the facet key round-trips; a tail refuses columns that are not first.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CANDIDATE_COPY, facetKey, facetsOfKey, MANIFEST_COPY, REQUEST_COPY } from "../db/import-copy";
import { parseLine, type SftRecord } from "../manifest/records";
import { rebuildMode } from "../manifest/sft-line";
import { groupOf, isKnownEditType } from "../taxonomy";
import { lineHash } from "./check-line";
import { sftRows } from "./sft-rows";

const SAMPLE = path.resolve(import.meta.dirname, "../../tests/fixtures/pico-banana-sample");
const context = { datasetId: 7, runId: 3, file: "sft.jsonl" };

function sampleLines(): { raw: string; record: SftRecord }[] {
  const files = ["sft.verbatim.jsonl", "sft.third-party-modified.xiongpeilin.jsonl"];
  return files
    .flatMap((file) => fs.readFileSync(path.join(SAMPLE, file), "utf8").split("\n").filter(Boolean))
    .map((raw) => {
      const parsed = parseLine(raw);
      if (!parsed.ok || parsed.parsed.kind !== "sft") throw new Error(`not an SFT line: ${raw}`);
      return { raw, record: parsed.parsed.record };
    });
}

describe("SFT rows", () => {
  it("with their ids in front, are the keyed writers' rows", () => {
    const lines = sampleLines();
    expect(lines.length).toBeGreaterThan(10);
    let stored = 0;
    lines.forEach(({ raw, record }, index) => {
      const hash = lineHash(raw);
      const rebuild = rebuildMode(raw, record);
      if (!rebuild) stored++;
      const rows = sftRows(context, { record, raw, hash, lineNo: index + 1, rebuild });
      const [requestId, candidateId] = [1000 + index, 5000 + index];
      const facets = {
        datasetId: 7,
        editType: record.edit_type,
        groupName: groupOf(record.edit_type),
        isKnownType: isKnownEditType(record.edit_type),
        effectiveVerdict: "pass",
        isInPair: false,
        isMultiTurn: false,
        isIdenticalText: record.text.trim() === record.summarized_text.trim(),
      };
      expect(`${requestId}${rows.request}`).toBe(
        REQUEST_COPY.row({
          id: requestId,
          datasetId: 7,
          sourceImage: record.open_image_input_url,
          localSourceImage: record.local_input_image ?? null,
          text: record.text,
          summarizedText: record.summarized_text,
          editType: record.edit_type,
          sessionId: null,
          turn: null,
        }),
      );
      expect(`${candidateId},${requestId}${rows.candidate}`).toBe(
        CANDIDATE_COPY.row({
          ...facets,
          id: candidateId,
          requestId,
          imagePath: record.output_image,
          role: "sft",
          prior: "pass",
          attempt: Number(/_retry(\d+)\./.exec(record.output_image)?.[1] ?? 0) + 1,
        }),
      );
      expect(`${requestId}${rows.manifest}`).toBe(
        MANIFEST_COPY.row({
          requestId,
          datasetId: 7,
          kind: "sft",
          lineHash: hash,
          keyImage: record.output_image,
          raw: rebuild ? null : raw,
          rebuild,
          sourceFile: "sft.jsonl",
          lineNo: index + 1,
          importRunId: 3,
          sessionId: null,
        }),
      );
      expect(facetsOfKey(rows.facets)).toEqual(facets);
      expect(rows.facets).toBe(facetKey(facets));
    });
    // The third-party file's lines are not re-creatable: their bytes are stored.
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(lines.length);
  });

  it("are tails only after the first columns", () => {
    expect(() => CANDIDATE_COPY.tail(["requestId"] as never, {} as never)).toThrow(/are not its first columns/);
    expect(MANIFEST_COPY.tail(["requestId"], { ...emptyManifest(), kind: "sft" })).toMatch(/^,,"sft",/);
  });
});

function emptyManifest() {
  return {
    datasetId: null,
    lineHash: null,
    keyImage: null,
    raw: null,
    rebuild: null,
    sourceFile: null,
    lineNo: null,
    importRunId: null,
    sessionId: null,
  };
}
