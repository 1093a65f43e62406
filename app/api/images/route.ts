// GET /api/images?d=DATASET_ID&p=PATH[&w=WIDTH]: an original (no w) or a cached sharp thumbnail.
// The path is resolved only inside the dataset's mirrors and base, under the operator's image
// roots and URL prefixes (lib/images/sources); a failure answers JSON { error, reason } with the
// status that fits (403 refused, 404 missing or no base, 413 too large, 415/422 not an image,
// 502/504 source unreachable), so the UI can say why a picture is missing.
import { z } from "zod";
import { route } from "@/lib/http/route";
import { idText } from "@/lib/ids";
import { serveImage, THUMB_WIDTHS } from "@/lib/images/thumbnails";

const imageQuery = z.object({
  d: idText,
  p: z.string().min(1, "give the image path").max(4096, "at most 4096 characters"),
  w: z.coerce.number().int().min(1).max(4096).optional(),
});

// Permission: dataset read (of the dataset d names).
export const GET = route(
  { permission: "read", query: imageQuery, dataset: ({ query }) => query.d },
  async ({ request, query, dataset }) => {
    const width =
      query.w === undefined ? null : (THUMB_WIDTHS.find((allowed) => allowed >= query.w!) ?? THUMB_WIDTHS[THUMB_WIDTHS.length - 1]);
    const image = await serveImage(await dataset(query.d), query.p, width);
    if (request.headers.get("if-none-match") === image.etag) return new Response(null, { status: 304, headers: { etag: image.etag } });
    return new Response(new Uint8Array(image.bytes), {
      headers: {
        "content-type": image.mimeType,
        "cache-control": "private, max-age=3600, stale-while-revalidate=86400",
        "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'none'; sandbox",
        etag: image.etag,
      },
    });
  },
);
