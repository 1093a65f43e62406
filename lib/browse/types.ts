// One browse grid card and a page of them: plain data, drizzle-free, for the browse components.
// Filled by lib/db/queries/browse.ts.

export type BrowseItem = {
  id: number;
  requestId: number;
  imagePath: string;
  role: string;
  editType: string;
  groupName: string;
  isKnownType: boolean;
  judgeOverall: number | null;
  judgeVerdict: string;
  humanVerdict: string;
  effectiveVerdict: string;
  reviewCount: number;
  isDisagreement: boolean;
  isMultiTurn: boolean;
  isInPair: boolean;
  isIdenticalText: boolean;
  sourceImage: string;
  summarizedText: string;
  sessionId: number | null;
  turn: number | null;
};

export type BrowsePage = { items: BrowseItem[]; nextCursor: string | null };
