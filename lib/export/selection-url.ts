// Which edit types an export covers, kept in the URL as repeated ?type= keys (the export page,
// its type filter, the download links and the download route read the same definition).
import { createLoader, createSerializer, parseAsNativeArrayOf } from "nuqs/server";
import { z } from "zod";
import { normalizeEditType } from "../taxonomy";
import { parseAsZod, type SearchInput } from "../url/parsers";

export const MAX_EXPORT_TYPES = 100;

const editType = z.string().trim().min(1).max(300);

/** The download route's rule: a bad list is a 400 naming the field, not a silently wider export. */
export const exportTypesSchema = z.array(editType).max(MAX_EXPORT_TYPES);

export const exportSelectionParsers = { type: parseAsNativeArrayOf(parseAsZod(editType)) };

const loadSelection = createLoader(exportSelectionParsers);
const serializeSelection = createSerializer(exportSelectionParsers);

/** The page's reading: bad entries dropped, names normalised, duplicates and extras left out. */
export function parseExportTypes(search: SearchInput): string[] {
  return [...new Set(loadSelection(search).type.map(normalizeEditType))].slice(0, MAX_EXPORT_TYPES);
}

export function exportTypesSearch(editTypes: readonly string[]): string {
  return serializeSelection({ type: [...editTypes] });
}
