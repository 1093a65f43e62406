// POST /api/imports?dataset=ID|newDataset=NAME&base=&strict=1&name=FILE, body = the raw JSONL
// file. The body is streamed to disk (never held in memory, so files of hundreds of MB are fine,
// up to RIPE_MAX_UPLOAD_MB), checked, and queued for a background import. Replies 202 with the
// job's status; poll GET /api/imports/<id>. A raw body rather than multipart: Request.formData()
// buffers the whole upload in memory.
import type { NextRequest } from "next/server";
import { describeIssues, importTargetSchema } from "@/lib/actions/imports/import-target-schema";
import { ensureDataset, getDataset } from "@/lib/db/queries/datasets";
import { getDb } from "@/lib/db/server";
import { baseProblem, enqueueImport, MAX_UPLOAD_BYTES, receiveUpload, UploadError } from "@/lib/import/upload-jobs";

const fail = (error: string, status = 400) => Response.json({ error }, { status });

export async function POST(request: NextRequest) {
  const parsed = importTargetSchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) return fail(`Invalid import request — ${describeIssues(parsed.error)}`);
  const target = parsed.data;
  if (!request.body) return fail(`${target.name}: no file content was sent; choose a JSONL file.`);
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > MAX_UPLOAD_BYTES) {
    return fail(`${target.name} is larger than the upload limit of ${Math.round(MAX_UPLOAD_BYTES / 1024 / 1024)} MB (RIPE_MAX_UPLOAD_MB); import it with the CLI: npm run import`, 413);
  }

  const base = target.base ? target.base : undefined;
  const problem = baseProblem(base);
  if (problem) return fail(problem);

  const db = await getDb();
  // Check the dataset before accepting the bytes: no point uploading 500 MB to a missing target.
  const existing = target.dataset === undefined ? undefined : await getDataset(db, target.dataset);
  if (target.dataset !== undefined && !existing) return fail(`dataset: no dataset with id ${target.dataset}; reload the page.`, 404);

  let upload;
  try {
    upload = await receiveUpload(request.body, target.name);
  } catch (error) {
    if (error instanceof UploadError) return fail(error.message, error.status);
    throw error;
  }
  // Created only once a good file arrived, so a failed upload leaves no empty dataset behind.
  const dataset = await ensureDataset(db, existing?.name ?? target.newDataset!, { base });
  const status = enqueueImport({ upload, datasetId: dataset.id, datasetName: dataset.name, file: target.name, isStrict: target.strict });
  return Response.json(status, { status: 202 });
}
