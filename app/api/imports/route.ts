// POST /api/imports?dataset=ID|newDataset=NAME&strict=1&name=FILE, body = the raw JSONL file
// (Content-Type application/x-ndjson or application/octet-stream: a type no cross-site form can
// send). The body is streamed into the database (never held in memory; up to RIPE_MAX_UPLOAD_MB, with a
// free-space check and a limit on concurrent uploads), checked, and queued as a leased background
// job that any instance may run. Replies 202 with the job's status; poll GET /api/imports/<id>. An upload never sets a
// dataset's image base: an admin does that in the dataset's settings, or the operator's CLI.
import { describeIssues, importTargetSchema } from "@/lib/actions/imports/import-target-schema";
import { ensureDataset } from "@/lib/db/queries/datasets";
import { coercedId } from "@/lib/ids";
import { HttpError, route } from "@/lib/http/route";
import { checkDiskSpace, enqueueImport, maxUploadBytes, receiveUpload, takeUploadSlot, UploadError } from "@/lib/import/upload-jobs";

/** The dataset an upload goes into; a new dataset (no id) needs a site admin. */
const targetDataset = ({ url }: { url: URL }) => coercedId.safeParse(url.searchParams.get("dataset") ?? undefined).data ?? null;

// Permission: dataset admin of ?dataset=ID; site admin for ?newDataset=NAME.
export const POST = route(
  { permission: "admin", hasBody: true, dataset: targetDataset },
  async ({ request, url, db, dataset, reviewer }) => {
    const query = Object.fromEntries(url.searchParams);
    if ("base" in query) {
      throw new HttpError(
        400,
        "base: an upload does not set the image base; an admin sets it in the dataset's settings (or: npm run import -- --base).",
        { field: "base" },
      );
    }
    const parsed = importTargetSchema.safeParse(query);
    if (!parsed.success) throw new HttpError(400, `Invalid import request — ${describeIssues(parsed.error)}`);
    const target = parsed.data;
    if (!request.body) throw new HttpError(400, `${target.name}: no file content was sent; choose a JSONL file.`);
    const declared = Number(request.headers.get("content-length") ?? NaN);
    const limit = maxUploadBytes();
    if (declared > limit) {
      throw new HttpError(
        413,
        `${target.name} is larger than the upload limit of ${Math.round(limit / 1024 / 1024)} MB (RIPE_MAX_UPLOAD_MB); import it with the CLI: npm run import`,
      );
    }
    // Check the dataset before accepting the bytes: no point uploading 500 MB to a missing target.
    const existing = target.dataset === undefined ? undefined : await dataset(target.dataset);
    let release: (() => void) | undefined;
    try {
      checkDiskSpace(target.name, Number.isFinite(declared) ? declared : 0);
      release = takeUploadSlot(`reviewer:${(await reviewer()).id}`);
      const upload = await receiveUpload(db, request.body, target.name);
      // Created only once a good file arrived, so a failed upload leaves no empty dataset behind.
      const created = await ensureDataset(db, existing?.name ?? target.newDataset!);
      const status = await enqueueImport(db, {
        upload,
        datasetId: created.id,
        datasetName: created.name,
        file: target.name,
        isStrict: target.strict,
      });
      return Response.json(status, { status: 202 });
    } catch (error) {
      if (error instanceof UploadError) throw new HttpError(error.status, error.message);
      throw error;
    } finally {
      release?.();
    }
  },
);
