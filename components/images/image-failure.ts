"use client";
// When an <img> or canvas image fails, the browser says nothing about why: ask the images route
// once more for its JSON answer ({ error, reason }) and remember it per URL, so a grid of cards
// failing for the same reason costs one request each, once.
import { describeImageFailure, SERVER_UNREACHABLE, type ImageFailureInfo } from "@/lib/browse/image-failure";

const known = new Map<string, Promise<ImageFailureInfo>>();
const MAX_KNOWN = 500;

export function fetchImageFailure(url: string): Promise<ImageFailureInfo> {
  let pending = known.get(url);
  if (!pending) {
    pending = fetch(url, { headers: { accept: "application/json" } })
      .then(async (response) => {
        const isJson = (response.headers.get("content-type") ?? "").includes("json");
        const body = isJson ? await response.json().catch(() => null) : (await response.body?.cancel(), null);
        return describeImageFailure(response.status, body);
      })
      .catch(() => SERVER_UNREACHABLE);
    known.set(url, pending);
    if (known.size > MAX_KNOWN) known.delete(known.keys().next().value!);
  }
  return pending;
}
