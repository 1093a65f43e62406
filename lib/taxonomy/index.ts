// The Pico-Banana edit-type taxonomy: 35 exact strings in 8 groups, with the paper's row counts
// and the success rates it states. Strings contain non-ASCII (↔, –), so every comparison goes
// through NFC normalisation. Unknown edit types are kept and reported as such, never dropped.
import taxonomyJson from "./taxonomy.json";

export type EditTypeInfo = {
  editType: string;
  group: string;
  paperName: string;
  sftRows: number;
  paperSuccessRate: number | null;
};

export const UNKNOWN_GROUP = "Unknown" as const;

export const RUBRIC = {
  weights: {
    instruction_compliance: 0.4,
    seamlessness: 0.25,
    preservation_balance: 0.2,
    technical_quality: 0.15,
  },
  threshold: 0.7,
} as const;

export const CRITERIA = ["instruction_compliance", "seamlessness", "preservation_balance", "technical_quality"] as const;
export type Criterion = (typeof CRITERIA)[number];
export type Weights = Record<Criterion, number>;

export const CRITERION_LABELS: Record<Criterion, string> = {
  instruction_compliance: "Instruction compliance",
  seamlessness: "Seamlessness",
  preservation_balance: "Preservation balance",
  technical_quality: "Technical quality",
};

export const CDN_BASE: string = taxonomyJson.cdn_base;

export function normalizeEditType(value: string): string {
  return value.normalize("NFC").trim();
}

export const EDIT_TYPES: readonly EditTypeInfo[] = taxonomyJson.edit_types.map((entry) => ({
  editType: normalizeEditType(entry.edit_type),
  group: entry.group,
  paperName: entry.paper_name,
  sftRows: entry.sft_rows,
  paperSuccessRate: entry.paper_success_rate,
}));

export const GROUPS: readonly string[] = [...new Set(EDIT_TYPES.map((entry) => entry.group))];

const byType = new Map(EDIT_TYPES.map((entry) => [entry.editType, entry]));

export function lookupEditType(value: string): EditTypeInfo | undefined {
  return byType.get(normalizeEditType(value));
}

export function isKnownEditType(value: string): boolean {
  return byType.has(normalizeEditType(value));
}

export function groupOf(value: string): string {
  return lookupEditType(value)?.group ?? UNKNOWN_GROUP;
}

export function editTypesInGroup(group: string): EditTypeInfo[] {
  return EDIT_TYPES.filter((entry) => entry.group === group);
}
