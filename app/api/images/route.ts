// GET /api/images?d=DATASET_ID&p=PATH[&w=WIDTH]: an original (no w) or a cached sharp thumbnail.
// The path is resolved only inside the dataset's mirrors and base (lib/images/resolve).
import { z } from "zod";
import { getDb } from "@/lib/db/server";
import { getDataset } from "@/lib/db/queries/datasets";
import { serveImage, THUMB_WIDTHS } from "@/lib/images/thumbnails";

const query = z.object({
  d: z.coerce.number().int().positive(),
  p: z.string().min(1).max(4096),
  w: z.coerce.number().int().optional(),
});

export async function GET(request: Request) {
  const url = new URL(request.url);
  const parsed = query.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) return Response.json({ error: "expected ?d=DATASET_ID&p=PATH[&w=WIDTH]" }, { status: 400 });
  const { d, p, w } = parsed.data;
  const width = w === undefined ? null : (THUMB_WIDTHS.find((allowed) => allowed >= w) ?? THUMB_WIDTHS[THUMB_WIDTHS.length - 1]);
  const db = await getDb();
  const dataset = await getDataset(db, d);
  if (!dataset) return Response.json({ error: `no dataset ${d}` }, { status: 404 });
  const image = await serveImage(dataset, p, width);
  if (!image) return Response.json({ error: `image not found: ${p}` }, { status: 404 });
  if (request.headers.get("if-none-match") === image.etag) return new Response(null, { status: 304, headers: { etag: image.etag } });
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      "content-type": image.mimeType,
      "cache-control": "private, max-age=3600, stale-while-revalidate=86400",
      etag: image.etag,
    },
  });
}
