// Shapes facet rows into the sidebar tree: the 8 groups in taxonomy order with all 35 edit
// types (zero counts included), then unknown types and multi-turn turns. Pure, for the client.
import { EDIT_TYPES, GROUPS, UNKNOWN_GROUP, type EditTypeInfo } from "../taxonomy";

export type FacetCounts = {
  items: number;
  reviewed: number;
  judged: number;
  judgePass: number;
  bothLabelled: number;
  disagreements: number;
};
export type FacetInput = FacetCounts & { editType: string; groupName: string; isKnownType: boolean };
export type FacetType = FacetCounts & { editType: string; info: EditTypeInfo | null };
export type FacetGroup = FacetCounts & { group: string; types: FacetType[] };

const zero = (): FacetCounts => ({ items: 0, reviewed: 0, judged: 0, judgePass: 0, bothLabelled: 0, disagreements: 0 });

function addInto(target: FacetCounts, source: FacetCounts) {
  target.items += source.items;
  target.reviewed += source.reviewed;
  target.judged += source.judged;
  target.judgePass += source.judgePass;
  target.bothLabelled += source.bothLabelled;
  target.disagreements += source.disagreements;
}

export function buildFacetTree(rows: readonly FacetInput[]): { groups: FacetGroup[]; total: FacetCounts } {
  const byType = new Map(rows.map((row) => [row.editType, row]));
  const total = zero();
  const groups: FacetGroup[] = GROUPS.map((group) => {
    const entry: FacetGroup = { group, ...zero(), types: [] };
    for (const info of EDIT_TYPES.filter((type) => type.group === group)) {
      const counts = byType.get(info.editType) ?? zero();
      const type: FacetType = { editType: info.editType, info, ...zero() };
      addInto(type, counts);
      addInto(entry, counts);
      entry.types.push(type);
    }
    return entry;
  });
  const extraGroups = new Map<string, FacetGroup>();
  for (const row of rows) {
    if (row.isKnownType) continue;
    const name = row.groupName || UNKNOWN_GROUP;
    const entry = extraGroups.get(name) ?? { group: name, ...zero(), types: [] };
    const type: FacetType = { editType: row.editType, info: null, ...zero() };
    addInto(type, row);
    addInto(entry, row);
    entry.types.push(type);
    extraGroups.set(name, entry);
  }
  const all = [...groups, ...[...extraGroups.values()].sort((a, b) => a.group.localeCompare(b.group))];
  for (const group of all) addInto(total, group);
  return { groups: all, total };
}

export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

export function formatRate(value: number | null): string {
  return value === null ? "—" : `${Math.round(value * 100)}%`;
}
