// GET /api/export/<datasetId>/<file>[?type=EDIT_TYPE…]: one export file as an attachment,
// streamed with the dataset's decisions applied. <file> is a name from EXPORT_SOURCES or
// manifest.json (whose counts come from running the whole export without keeping it).
import type { NextRequest } from "next/server";
import { z } from "zod";
import { getDataset } from "@/lib/db/queries/datasets";
import { getDb } from "@/lib/db/server";
import { emptyCounts } from "@/lib/export/export-dataset";
import { normalizeEditType } from "@/lib/taxonomy";
import { countExport, EXPORT_SOURCES, isExportFile, MANIFEST_FILE, type ExportContext } from "../../export-files";
import { linesToStream } from "../../lines-to-stream";

const editTypesSchema = z.array(z.string().trim().min(1).max(300)).max(100);

const attachment = (file: string, contentType: string) => ({
  "content-type": contentType,
  "content-disposition": `attachment; filename="${file}"`,
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
});

export async function GET(request: NextRequest, { params }: { params: Promise<{ datasetId: string; file: string }> }) {
  const { datasetId, file } = await params;
  const id = Number(datasetId);
  if (!Number.isInteger(id) || id <= 0) return Response.json({ error: "dataset id must be a positive integer" }, { status: 400 });
  if (!isExportFile(file)) {
    return Response.json({ error: `no export file "${file}"; available: ${[...Object.keys(EXPORT_SOURCES), MANIFEST_FILE].join(", ")}` }, { status: 404 });
  }
  const types = editTypesSchema.safeParse(request.nextUrl.searchParams.getAll("type"));
  if (!types.success) return Response.json({ error: "type: expected up to 100 edit types of at most 300 characters" }, { status: 400 });

  const db = await getDb();
  const dataset = await getDataset(db, id);
  if (!dataset) return Response.json({ error: `no dataset ${id}` }, { status: 404 });
  const editTypes = [...new Set(types.data.map(normalizeEditType))];
  const context: ExportContext = { db, dataset, filters: editTypes.length ? { editTypes } : {} };

  if (file === MANIFEST_FILE) {
    const manifest = await countExport(context, request.signal);
    return new Response(`${JSON.stringify(manifest, null, 2)}\n`, { headers: attachment(file, "application/json; charset=utf-8") });
  }
  const stream = linesToStream(EXPORT_SOURCES[file].lines(context, emptyCounts()), `${dataset.name}/${file}`);
  return new Response(stream, { headers: attachment(file, "application/x-ndjson; charset=utf-8") });
}
