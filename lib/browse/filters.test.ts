// Browse state in the URL: what filtersToSearch writes, parseBrowseFilters reads back unchanged;
// a bad value in a hand-edited or stale link is dropped on its own, the rest of the link still applies.
import { describe, expect, it } from "vitest";
import { FILTER_KEYS, filtersToSearch, parseBrowseFilters, withFilter, type BrowseFilters } from "./filters";

const every: BrowseFilters = {
  group: "Stylistic",
  type: "Change overall color tone (warm ↔ cool)",
  eff: "unresolved",
  judge: "none",
  human: "fail",
  min: 0.25,
  max: 0.9,
  dis: "1",
  rev: "0",
  pair: "1",
  mt: "0",
  same: "1",
  q: "red kite & a boat",
  sort: "uncertainty",
};

describe("browse filters in the URL", () => {
  it("round-trips every key through the query string", () => {
    expect(Object.keys(every).sort()).toEqual([...FILTER_KEYS].sort());
    const search = filtersToSearch(every);
    expect(search.startsWith("?group=Stylistic&type=")).toBe(true);
    expect(parseBrowseFilters(new URLSearchParams(search.slice(1)))).toEqual(every);
  });

  it("round-trips single filters, and no filter is no query string", () => {
    for (const key of FILTER_KEYS) {
      const one = { [key]: every[key] } as BrowseFilters;
      expect(parseBrowseFilters(new URLSearchParams(filtersToSearch(one)))).toEqual(one);
    }
    expect(filtersToSearch({})).toBe("");
    expect(parseBrowseFilters(new URLSearchParams(""))).toEqual({});
  });

  it("reads a page's searchParams record the same way (first of repeated values)", () => {
    expect(parseBrowseFilters({ eff: ["fail", "pass"], min: "0.5", q: "  boat  ", unknown: "x" })).toEqual({
      eff: "fail",
      min: 0.5,
      q: "boat",
    });
  });

  it("drops each bad value and keeps the good ones beside it", () => {
    const params = new URLSearchParams({
      eff: "maybe", // not a verdict
      judge: "unresolved", // a judge never is
      min: "1.5", // out of [0, 1]
      max: "abc", // not a number
      dis: "yes", // flags are 1 or 0
      sort: "random",
      type: "x".repeat(301), // too long
      q: "q".repeat(201),
      human: "pass",
      rev: "1",
      group: "Object-Level Semantic",
    });
    expect(parseBrowseFilters(params)).toEqual({ human: "pass", rev: "1", group: "Object-Level Semantic" });
  });

  it("ignores empty values and unknown keys", () => {
    expect(parseBrowseFilters(new URLSearchParams("eff=&min=&foo=bar&q="))).toEqual({});
  });

  it("withFilter changes one key and removes the ones set to undefined", () => {
    const next = withFilter(every, { eff: "pass", q: undefined, sort: undefined });
    expect(next.eff).toBe("pass");
    expect("q" in next || "sort" in next).toBe(false);
    expect(filtersToSearch(next)).not.toMatch(/[?&](q|sort)=/);
    expect(every.q).toBe("red kite & a boat"); // the input is not changed
  });
});
