// Import runs and dataset choices as the import screen shows them: plain data, drizzle-free.
// Filled by lib/db/queries/imports.ts.

export type ImportRunSummary = {
  id: number;
  datasetId: number;
  datasetName: string;
  file: string;
  kind: string | null;
  status: string;
  isStrict: boolean;
  linesTotal: number;
  linesImported: number;
  linesUnchanged: number;
  linesBad: number;
  errorCount: number;
  warningCount: number;
  startedAt: string;
  finishedAt: string | null;
};

export type DatasetChoice = { id: number; name: string; base: string | null; isDemo: boolean };
