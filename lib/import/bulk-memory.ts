// A bulk load into an empty dataset keeps its own lookups in memory (lines, images and SFT
// owners it created) instead of maintaining the lookup indexes row by row: everything the
// dataset holds was written by this run. Kept compact, as numbers in flat arrays rather than an
// object per candidate: at 400K rows the objects cost more in allocation and garbage collection
// than the COPYs they feed.
import type { ManifestKind } from "../db/schema";

export type ImageCandidate = { id: number; requestId: number; role: string };

export class BulkMemory {
  private readonly hashes = new Map<ManifestKind, Set<string>>();
  /** image path → index (below) of its newest candidate; `previous` chains to older ones. */
  private readonly newestByImage = new Map<string, number>();
  private readonly ids: number[] = [];
  private readonly requestIds: number[] = [];
  private readonly roles: string[] = [];
  private readonly previous: number[] = [];
  /** request id → line number (in this run's file) of the SFT row describing it. */
  private readonly sftLine = new Map<number, number>();

  addLine(kind: ManifestKind, hash: string) {
    let hashes = this.hashes.get(kind);
    if (!hashes) this.hashes.set(kind, (hashes = new Set()));
    hashes.add(hash);
  }

  hasLine(kind: ManifestKind, hash: string): boolean {
    return this.hashes.get(kind)?.has(hash) ?? false;
  }

  addCandidate(imagePath: string, candidate: ImageCandidate) {
    this.previous.push(this.newestByImage.get(imagePath) ?? -1);
    this.newestByImage.set(imagePath, this.ids.length);
    this.ids.push(candidate.id);
    this.requestIds.push(candidate.requestId);
    this.roles.push(candidate.role);
  }

  /** The candidates with this output image, oldest first (empty when none). */
  candidatesOf(imagePath: string): ImageCandidate[] {
    const newest = this.newestByImage.get(imagePath);
    if (newest === undefined) return []; // the common case: no array to fill and reverse
    const found: ImageCandidate[] = [];
    for (let index = newest; index !== -1; index = this.previous[index])
      found.push({ id: this.ids[index], requestId: this.requestIds[index], role: this.roles[index] });
    return found.reverse();
  }

  setSftLine(requestId: number, lineNo: number) {
    this.sftLine.set(requestId, lineNo);
  }

  sftLineOf(requestId: number): number | undefined {
    return this.sftLine.get(requestId);
  }
}
