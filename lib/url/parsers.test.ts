// Hostile and stale links: every URL parameter set parses a bad value to "absent" (or its
// default), never to something the database would reject.
import { describe, expect, it } from "vitest";
import { agreementSearch, parseSelectedMetric } from "../agreement/url";
import { auditSliceToSearch, parseAuditSlice } from "../audit/slice";
import { parseBrowseFilters, parseWalk, walkHref } from "../browse/filters";
import { exportTypesSchema, exportTypesSearch, parseExportTypes } from "../export/selection-url";
import { MAX_ID } from "../ids";
import { pairListSearch, parsePairList } from "../pairs/list-params";
import { parseQueueParams, queueBatchSchema, queueSearch } from "../pairs/queue";
import { parseAsBoundedNumber, parseAsId, parseAsIdList, parseAsIsoDay, parseAsText, toUrlUpdate } from "./parsers";

describe("bounded parsers", () => {
  it("takes only ids that fit an int4 column", () => {
    expect(["1", " 42 ", String(MAX_ID)].map((raw) => parseAsId.parse(raw))).toEqual([1, 42, MAX_ID]);
    for (const raw of ["0", "-3", "1e3", "0x10", "1.5", String(MAX_ID + 1), "99999999999999999999", "", "abc"]) {
      expect(parseAsId.parse(raw)).toBeNull();
    }
  });

  it("reads numbers in range only, in plain decimal", () => {
    const unit = parseAsBoundedNumber(0, 1);
    expect(["0", "1", "0.25", ".5"].map((raw) => unit.parse(raw))).toEqual([0, 1, 0.25, 0.5]);
    for (const raw of ["1.5", "-0.1", "1e-1", "Infinity", "NaN", "0x1", ""]) expect(unit.parse(raw)).toBeNull();
    expect(parseAsBoundedNumber(1, 100, { isInteger: true }).parse("2.5")).toBeNull();
  });

  it("bounds text and id lists", () => {
    expect(parseAsText(5).parse("x".repeat(6))).toBeNull();
    expect(parseAsText(5, { trim: true }).parse("  ab ")).toBe("ab");
    expect(parseAsText(5, { trim: true }).parse("   ")).toBeNull();
    expect(parseAsIdList(3).parse("4,x,-1,5,6,7")).toEqual([4, 5, 6]);
    expect(parseAsIdList(3).parse(",,")).toBeNull();
  });

  it("takes calendar days that exist", () => {
    expect(parseAsIsoDay.parse("2026-02-28")).toBe("2026-02-28");
    for (const raw of ["2026-02-30", "2026-13-01", "26-01-01", "today"]) expect(parseAsIsoDay.parse(raw)).toBeNull();
  });

  it("turns undefined into null for the URL setter", () => {
    expect(toUrlUpdate({ eff: "pass", q: undefined })).toEqual({ eff: "pass", q: null });
  });
});

describe("URL parameter sets", () => {
  it("browse: unknown enums, arrays and huge numbers fall away", () => {
    expect(parseBrowseFilters({ eff: ["nope", "pass"], min: "1e308", max: "-1", sort: "drop table", rev: ["1", "0"] })).toEqual({
      rev: "1",
    });
  });

  it("audit slice: a bad sample id or date is dropped, 'latest' means no judge filter", () => {
    expect(parseAuditSlice({ sample: "99999999999", from: "2026-02-30", to: "2026-03-01", judge_id: "latest" })).toEqual({
      to: "2026-03-01",
    });
    const slice = { group: "Stylistic", judge_id: "gemini", sample: 3 };
    expect(parseAuditSlice(new URLSearchParams(auditSliceToSearch(slice)))).toEqual(slice);
  });

  it("pairs list: round-trips, and a bad cursor or origin is dropped", () => {
    expect(parsePairList({ origin: "evil", after: "-1", status: "labelled" })).toEqual({ status: "labelled" });
    const list = { origin: "manual" as const, editType: "Zoom in", after: 12 };
    expect(parsePairList(new URLSearchParams(pairListSearch(list)))).toEqual(list);
  });

  it("queue: defaults for bad values, and the batch route's query never fails", () => {
    expect(parseQueueParams({ queue: ["evil"], repeat: "1e9", pair: "0" })).toEqual({ queue: "unlabelled", repeat: 0.1 });
    expect(queueSearch(parseQueueParams({ queue: "disagreements", pair: "9" }))).toBe("?queue=disagreements&pair=9");
    const batch = queueBatchSchema.parse({ queue: "nope", exclude: "3,abc,4", excludeRepeats: "", limit: "1000" });
    expect(batch).toEqual({ queue: "unlabelled", repeat: 0.1, exclude: [3, 4], excludeRepeats: [], limit: 25 });
  });
});

describe("export selection and agreement metric", () => {
  it("export types: repeated keys, normalised and deduplicated; bad entries dropped on the page", () => {
    expect(parseExportTypes({ type: ["Zoom in", " Zoom in ", "", "x".repeat(301)] })).toEqual(["Zoom in"]);
    expect(parseExportTypes(new URLSearchParams(exportTypesSearch(["A & B", "C"])))).toEqual(["A & B", "C"]);
    expect(exportTypesSearch([])).toBe("");
    expect(exportTypesSchema.safeParse(Array.from({ length: 101 }, () => "a")).success).toBe(false);
  });

  it("agreement metric: a key with encoded parts survives the round trip", () => {
    const metric = `pair:${encodeURIComponent("ann b")}:disagree`;
    expect(parseSelectedMetric(new URLSearchParams(agreementSearch(metric)))).toBe(metric);
    expect(parseSelectedMetric({ verdicts: "x".repeat(601) })).toBeUndefined();
  });
});

describe("review walk", () => {
  it("carries the filters and a title, and reads them back", () => {
    const href = walkHref(4, { eff: "unresolved", sort: "uncertainty" }, "Unresolved & uncertain");
    expect(href).toBe("/datasets/4/queue/walk?eff=unresolved&sort=uncertainty&title=Unresolved+%26+uncertain");
    expect(parseWalk(new URLSearchParams(href.split("?")[1]))).toEqual({
      filters: { eff: "unresolved", sort: "uncertainty" },
      title: "Unresolved & uncertain",
    });
    expect(parseWalk({ title: ["  ", "x"], eff: "bogus" })).toEqual({ filters: {}, title: "Queue" });
    expect(parseWalk({ title: "t".repeat(500) }).title).toHaveLength(80);
  });
});
