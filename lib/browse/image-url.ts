// URLs of the images route; thumbnails are sharp-made and cached server-side.
export function imageUrl(datasetId: number, path: string, width?: number): string {
  const params = new URLSearchParams({ d: String(datasetId), p: path });
  if (width) params.set("w", String(width));
  return `/api/images?${params.toString()}`;
}
