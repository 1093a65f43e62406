// The text-search condition in its three forms, as buildWhere places it after the other filters:
// the words index (and the parameter the two-step page reuses), the words index or a substring
// scan while some requests lack their words, and a literal LIKE for a query with no word at all.
import { describe, expect, it } from "vitest";
import { buildWhere } from "./browse-sql";
import { escapeLike, searchClause, wordsExist, wordsProbe } from "./search-clause";

const HAS_WORDS = "EXISTS (SELECT 1 FROM request_terms t WHERE t.request_id = c.request_id AND t.terms @@ $3::tsquery)";

describe("searchClause", () => {
  it("asks the words index for every typed word as a prefix", () => {
    const params: unknown[] = [7, "pass"];
    expect(searchClause("Red car", params, false)).toEqual({
      clause: HAS_WORDS,
      needsRequest: false,
      words: { clause: HAS_WORDS, param: "$3" },
    });
    expect(params).toEqual([7, "pass", "'red':* & 'car':*"]);
  });

  it("also scans the instructions of requests still lacking their words during a backlog", () => {
    const params: unknown[] = [7, "pass"];
    expect(searchClause("50% off_", params, true)).toEqual({
      clause:
        `(${HAS_WORDS} OR (NOT EXISTS (SELECT 1 FROM request_terms u WHERE u.request_id = c.request_id) AND ` +
        "lower(r.text || ' ' || r.summarized_text) LIKE ALL ($4::text[])))",
      needsRequest: true,
    });
    expect(params).toEqual([7, "pass", "'50':* & 'off':*", ["%50%", "%off%"]]);
  });

  it("matches a query of punctuation only literally, with LIKE's wildcards escaped", () => {
    const params: unknown[] = [7];
    expect(searchClause("%_\\!", params, false)).toEqual({
      clause: "lower(r.text || ' ' || r.summarized_text) LIKE $2",
      needsRequest: true,
    });
    expect(params).toEqual([7, "%\\%\\_\\\\!%"]);
    expect(escapeLike("a%b_c\\d")).toBe("a\\%b\\_c\\\\d");
  });
});

describe("the words match in its two forms", () => {
  it("is EXISTS for a WHERE clause, a scalar probe of the candidate's own words row for a walk", () => {
    expect(wordsExist("$3")).toBe(HAS_WORDS);
    expect(wordsProbe("$3")).toBe("(SELECT t.terms FROM request_terms t WHERE t.request_id = c.request_id) @@ $3::tsquery");
  });
});

describe("buildWhere with a text search", () => {
  it("puts the search condition last, after the other filters", () => {
    expect(buildWhere(7, { eff: "pass", q: "Red car" })).toEqual({
      where: ["c.dataset_id = $1", "c.effective_verdict = $2", HAS_WORDS],
      params: [7, "pass", "'red':* & 'car':*"],
      needsRequest: false,
      words: { clause: HAS_WORDS, param: "$3" },
    });
    const backlog = buildWhere(7, { eff: "pass", q: "Red car" }, { searchBacklog: true });
    expect(backlog).toMatchObject({ params: [7, "pass", "'red':* & 'car':*", ["%red%", "%car%"]], needsRequest: true });
    expect(backlog.words).toBeUndefined();
    expect(buildWhere(7, { q: "!!" })).toEqual({
      where: ["c.dataset_id = $1", "lower(r.text || ' ' || r.summarized_text) LIKE $2"],
      params: [7, "%!!%"],
      needsRequest: true,
    });
  });

  it("needs no request join without a search", () => {
    expect(buildWhere(7, { eff: "pass" })).toEqual({
      where: ["c.dataset_id = $1", "c.effective_verdict = $2"],
      params: [7, "pass"],
      needsRequest: false,
    });
  });
});
