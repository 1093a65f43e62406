// GET /api/export/<datasetId>/<file>[?type=EDIT_TYPE…][&min_gold=0.8]: one export file as an attachment,
// streamed with the dataset's decisions applied. <file> is a name from EXPORT_SOURCES or
// manifest.json (whose counts come from running the whole export without keeping it).
import { z } from "zod";
import { emptyCounts } from "@/lib/export/export-dataset";
import { HttpError, idSchema, notFound, route } from "@/lib/http/route";
import { normalizeEditType } from "@/lib/taxonomy";
import { linesToStream } from "@/lib/export/lines-to-stream";
import { exportTypesSchema } from "@/lib/export/selection-url";
import { countExport, EXPORT_SOURCES, isExportFile, MANIFEST_FILE, type ExportContext } from "@/lib/export/registry";

/** Leave out reviewers whose gold accuracy is below this (0–1). */
const minGoldSchema = z.coerce.number().min(0).max(1).optional();

const attachment = (file: string, contentType: string) => ({
  "content-type": contentType,
  "content-disposition": `attachment; filename="${file}"`,
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
});

// Permission: dataset admin (an export takes the whole curated dataset away).
export const GET = route(
  { permission: "admin", params: z.object({ datasetId: idSchema, file: z.string().max(100) }) },
  async ({ request, params, url, db, dataset }) => {
    const { file } = params;
    if (!isExportFile(file))
      throw notFound(`No export file "${file}"; available: ${[...Object.keys(EXPORT_SOURCES), MANIFEST_FILE].join(", ")}.`);
    const types = exportTypesSchema.safeParse(url.searchParams.getAll("type"));
    if (!types.success) throw new HttpError(400, "type: expected up to 100 edit types of at most 300 characters", { field: "type" });
    const minGold = minGoldSchema.safeParse(url.searchParams.get("min_gold") || undefined);
    if (!minGold.success) throw new HttpError(400, "min_gold: expected a gold accuracy from 0 to 1", { field: "min_gold" });
    const found = await dataset(params.datasetId);
    const editTypes = [...new Set(types.data.map(normalizeEditType))];
    const context: ExportContext = {
      db,
      dataset: found,
      filters: { ...(editTypes.length ? { editTypes } : {}), ...(minGold.data === undefined ? {} : { minGoldAccuracy: minGold.data }) },
    };

    if (file === MANIFEST_FILE) {
      const manifest = await countExport(context, request.signal);
      return new Response(`${JSON.stringify(manifest, null, 2)}\n`, { headers: attachment(file, "application/json; charset=utf-8") });
    }
    const stream = linesToStream(EXPORT_SOURCES[file].lines(context, emptyCounts()), `${found.name}/${file}`);
    return new Response(stream, { headers: attachment(file, "application/x-ndjson; charset=utf-8") });
  },
);
