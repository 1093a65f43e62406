import "server-only";
// A reviewer's assigned walk: their open assigned items (due soonest first) with gold items mixed
// in at the dataset's gold rate (lib/team/gold-mix). The walk is a plain list of ids: nothing in it
// or in the item data says which items are gold. It is seeded by the reviewer and their open
// count, so a reload shows the same walk until they decide something.
import { mixGold } from "../../team/gold-mix";
import type { DbHandle } from "../client";
import { openAssignedFor } from "./assignments";
import { goldRate, undecidedGoldFor } from "./gold";

export async function assignedWalk(db: DbHandle, datasetId: number, reviewerId: number): Promise<{ ids: number[]; assigned: number }> {
  const [assigned, gold, rate] = await Promise.all([
    openAssignedFor(db, datasetId, reviewerId),
    undecidedGoldFor(db, datasetId, reviewerId),
    goldRate(db, datasetId),
  ]);
  return { ids: mixGold(assigned, gold, rate, reviewerId * 7919 + assigned.length), assigned: assigned.length };
}
