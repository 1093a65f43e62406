import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GROUPS, groupOf, isKnownEditType } from "../taxonomy";
import { generateDemo } from "./generate";
import { pythonDumps } from "../manifest/python-json";

// The project's demo/sources holds the photos the demo was generated from, with their attribution.
const photosDir = process.env.RIPE_PHOTOS_DIR ?? path.resolve(import.meta.dirname, "../../demo/sources");

type Row = Record<string, unknown>;

describe("generateDemo", () => {
  let outDir: string;
  const files: Record<string, { lines: string[]; rows: Row[] }> = {};

  beforeAll(async () => {
    if (!fs.existsSync(path.join(photosDir, "ATTRIBUTION.md"))) throw new Error(`Photos not found in ${photosDir}: set RIPE_PHOTOS_DIR.`);
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), "ripe-demo-"));
    await generateDemo({ photosDir, outDir });
    for (const name of ["sft.jsonl", "preference.jsonl", "multi-turn.jsonl", "judge-scores.jsonl"]) {
      const text = fs.readFileSync(path.join(outDir, name), "utf8");
      expect(text.endsWith("\n")).toBe(true);
      const lines = text.slice(0, -1).split("\n");
      files[name] = { lines, rows: lines.map((line) => JSON.parse(line) as Row) };
    }
  }, 120_000);

  afterAll(() => {
    if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
  });

  it("writes every line as Python json.dumps would, byte for byte", () => {
    for (const { lines, rows } of Object.values(files)) {
      rows.forEach((row, index) => expect(pythonDumps(row, false)).toBe(lines[index]));
    }
  });

  it("re-creates the committed demo/ manifests byte for byte", () => {
    // Scores and JPEG bytes depend on libvips' build; the manifests depend only on this code.
    const demoDir = path.resolve(import.meta.dirname, "../../demo");
    for (const name of ["sft.jsonl", "preference.jsonl", "multi-turn.jsonl", "decisions.jsonl"]) {
      expect(fs.readFileSync(path.join(outDir, name), "utf8"), name).toBe(fs.readFileSync(path.join(demoDir, name), "utf8"));
    }
  });

  it("writes SFT rows in the official key order, covering every group", () => {
    const rows = files["sft.jsonl"].rows;
    expect(rows.length).toBeGreaterThanOrEqual(40);
    for (const row of rows) expect(Object.keys(row)).toEqual(["open_image_input_url", "text", "output_image", "edit_type", "summarized_text"]);
    const types = new Set(rows.map((row) => row.edit_type as string));
    expect(types.size).toBeGreaterThanOrEqual(12);
    expect(new Set([...types].map(groupOf).filter((group) => GROUPS.includes(group))).size).toBe(GROUPS.length);
    expect([...types].filter((type) => !isKnownEditType(type))).toEqual(["Make it look like a postcard"]);
    expect(fs.readFileSync(path.join(outDir, "sft.jsonl"), "utf8")).toContain("↔"); // raw, not \u2194
    const identical = rows.filter((row) => row.text === row.summarized_text).length;
    expect(identical).toBeGreaterThanOrEqual(3);
    expect(identical).toBeLessThanOrEqual(4);
    expect(new Set(rows.map((row) => row.output_image)).size).toBe(rows.length);
  });

  it("writes preference rows that match their SFT row and passed on a retry", () => {
    const sftByOutput = new Map(files["sft.jsonl"].rows.map((row) => [row.output_image, row]));
    const rows = files["preference.jsonl"].rows;
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(["output_image", "rejected_images", "text", "edit_type", "open_image_input_url", "summarized_text"]);
      expect(row.output_image).toMatch(/^images\/positive-edit\/\d+_retry[12]\.jpg$/);
      const sft = sftByOutput.get(row.output_image);
      expect(sft).toBeDefined();
      for (const key of ["text", "edit_type", "open_image_input_url", "summarized_text"]) expect(row[key]).toBe(sft?.[key]);
      const rejected = row.rejected_images as string[];
      expect(rejected.length).toBe(Number(String(row.output_image).match(/_retry(\d)/)?.[1]));
      for (const image of rejected) expect(image).toMatch(/^images\/negative-edit\/\d+_attempt[12]\.jpg$/);
    }
  });

  it("writes multi-turn sessions in the official shape", () => {
    const rows = files["multi-turn.jsonl"].rows;
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const turnCounts = rows.map((row) => (row.metadata_edit_turn_prompts as string[]).length);
    expect(turnCounts).toEqual(expect.arrayContaining([3, 4]));
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(["files", "metadata_edit_turn_prompts"]);
      const entries = row.files as { id: string; url: string }[];
      const n = (row.metadata_edit_turn_prompts as string[]).length;
      const ids = [...Array.from({ length: n - 1 }, (_, i) => `edit_turn${i + 1}`), "final_image", "original_input_image"];
      expect(entries.map((entry) => entry.id)).toEqual(ids);
      for (const entry of entries) expect(Object.keys(entry)).toEqual(["id", "url"]);
      expect(entries.find((entry) => entry.id === "final_image")?.url).toMatch(new RegExp(`_turn${n}\\.jpg$`));
    }
  });

  it("scores every candidate once with the metrics judge", () => {
    const candidates = [
      ...files["sft.jsonl"].rows.map((row) => row.output_image),
      ...files["preference.jsonl"].rows.flatMap((row) => row.rejected_images as string[]),
      ...files["multi-turn.jsonl"].rows.flatMap((row) => (row.files as { id: string; url: string }[]).filter((entry) => entry.id !== "original_input_image").map((entry) => entry.url)),
    ];
    const scores = files["judge-scores.jsonl"].rows;
    expect(scores.map((row) => row.image).sort()).toEqual([...candidates].sort());
    for (const row of scores) {
      expect(Object.keys(row)).toEqual(["image", "judge", "instruction_compliance", "seamlessness", "preservation_balance", "technical_quality", "overall", "rationale"]);
      expect(row.judge).toBe("metrics/pixel-v1");
      expect(row.instruction_compliance).toBeNull();
      expect(row.overall).toBeNull();
      for (const key of ["preservation_balance", "technical_quality"]) {
        const value = row[key] as number;
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
        expect(Math.round(value * 10_000) / 10_000).toBe(value);
      }
    }
  });

  it("references only files that exist, and ships attribution beside the sources", () => {
    const referenced = new Set<string>();
    for (const row of files["sft.jsonl"].rows) [row.open_image_input_url, row.output_image].forEach((value) => referenced.add(value as string));
    for (const row of files["preference.jsonl"].rows) (row.rejected_images as string[]).forEach((value) => referenced.add(value));
    for (const row of files["multi-turn.jsonl"].rows) (row.files as { url: string }[]).forEach((entry) => referenced.add(entry.url));
    for (const row of files["judge-scores.jsonl"].rows) referenced.add(row.image as string);
    for (const relative of referenced) expect(fs.existsSync(path.join(outDir, relative)), relative).toBe(true);
    expect(fs.existsSync(path.join(outDir, "sources", "ATTRIBUTION.md"))).toBe(true);
    const attribution = fs.readFileSync(path.join(outDir, "ATTRIBUTION.md"), "utf8");
    for (const name of fs.readdirSync(path.join(outDir, "sources")).filter((file) => file.endsWith(".jpg"))) expect(attribution).toContain(name);
    expect(fs.readFileSync(path.join(outDir, "README.md"), "utf8")).toContain("metrics/pixel-v1");
  });
});
