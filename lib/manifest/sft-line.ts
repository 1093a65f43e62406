// The official SFT line of a request, as Pico-Banana's json.dumps wrote it. The importer stores
// only a rebuild mode (not the bytes) for a line this re-creates exactly; the export re-creates it.
import { detectEnsureAscii, pythonDumps } from "./python-json";
import type { SftRecord } from "./records";

export type SftFields = { source: string; text: string; outputImage: string; editType: string; summarizedText: string };
export type RebuildMode = "ascii" | "utf8";

/** The official SFT line for a request, as json.dumps writes it. */
export function sftLine(fields: SftFields, ensureAscii: boolean): string {
  return pythonDumps(
    {
      open_image_input_url: fields.source,
      text: fields.text,
      output_image: fields.outputImage,
      edit_type: fields.editType,
      summarized_text: fields.summarizedText,
    },
    ensureAscii,
  );
}

/** Whether the line is exactly what its parsed fields re-create (then it need not be stored). */
export function rebuildMode(raw: string, record: SftRecord): RebuildMode | null {
  const ensureAscii = detectEnsureAscii(raw);
  const line = sftLine(
    {
      source: record.open_image_input_url,
      text: record.text,
      outputImage: record.output_image,
      editType: record.edit_type,
      summarizedText: record.summarized_text,
    },
    ensureAscii,
  );
  if (line !== raw) return null;
  return ensureAscii ? "ascii" : "utf8";
}

/** The line again from a stored request and its rebuild mode. */
export function rebuildSftLine(fields: SftFields, mode: RebuildMode): string {
  return sftLine(fields, mode === "ascii");
}
