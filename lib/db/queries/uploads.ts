import "server-only";
// Uploaded files kept in the database (chunked bytea), so the instance that runs an import need
// not be the one that received the upload; and the import-run bookkeeping of a handed-over import.
import { z } from "zod";
import type { SqlRunner } from "../client";
import { col, queryOne, queryRows } from "../rows";

type Runner = Pick<SqlRunner, "query">;

export async function createUpload(db: Runner, fileName: string): Promise<number> {
  const row = await queryOne(db, z.object({ id: col.int }), "INSERT INTO uploads (file_name) VALUES ($1) RETURNING id", [fileName]);
  return row.id;
}

export async function appendUploadChunk(db: Runner, uploadId: number, seq: number, data: Uint8Array): Promise<void> {
  await db.query("INSERT INTO upload_chunks (upload_id, seq, data) VALUES ($1, $2, $3)", [uploadId, seq, data]);
}

export async function completeUpload(db: Runner, uploadId: number, bytes: number): Promise<void> {
  await db.query("UPDATE uploads SET bytes = $2, is_complete = true WHERE id = $1", [uploadId, bytes]);
}

/** Up to `limit` chunks from `fromSeq` on, in order (a few MB at a time: constant memory). */
export async function readUploadChunks(db: Runner, uploadId: number, fromSeq: number, limit = 8) {
  return queryRows(
    db,
    z.object({ seq: col.int, data: z.instanceof(Uint8Array) }),
    "SELECT seq, data FROM upload_chunks WHERE upload_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3",
    [uploadId, fromSeq, limit],
  );
}

export async function getUpload(db: Runner, uploadId: number) {
  const [row] = await queryRows(
    db,
    z.object({ id: col.int, file_name: col.text, bytes: col.int, is_complete: col.bool }),
    "SELECT id, file_name, bytes, is_complete FROM uploads WHERE id = $1",
    [uploadId],
  );
  return row ?? null;
}

export async function deleteUpload(db: Runner, uploadId: number): Promise<void> {
  await db.query("DELETE FROM uploads WHERE id = $1", [uploadId]);
}

/** Uploads a dead instance left half-received (a day old, so another instance's live upload is safe). */
export async function removeStaleUploads(db: Runner): Promise<void> {
  await db.query("DELETE FROM uploads WHERE NOT is_complete AND created_at < now() - interval '1 day'");
}

/** The run of an import whose instance stopped: another instance continues it as a new run. */
export async function markRunHandedOver(db: Runner, runId: number, message: string): Promise<void> {
  await db.query(
    `UPDATE import_runs SET status = 'interrupted', finished_at = now(), warnings = warnings || jsonb_build_array($2::text)
     WHERE id = $1 AND status IN ('running', 'cancelled')`,
    [runId, message],
  );
}
