// Download links for each export file, with the quick upper bound on its rows. Each download is
// exported when requested (streamed), so it follows the decisions of that moment.
export type ExportFileEntry = { name: string; description: string; maxRows: number | null };

export function ExportDownloads({ datasetId, files, search }: { datasetId: number; files: ExportFileEntry[]; search: string }) {
  return (
    <ul className="divide-y divide-neutral-800 rounded-xl border border-neutral-800 bg-neutral-900/60" data-testid="export-downloads">
      {files.map((file) => (
        <li key={file.name} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3">
          <div className="min-w-0 flex-1">
            <div className="font-mono text-sm text-neutral-100">{file.name}</div>
            <div className="text-xs text-neutral-500">{file.description}</div>
          </div>
          {file.maxRows !== null && (
            <span
              className="text-xs tabular-nums text-neutral-400"
              title="Rows imported for this file; the export drops rows that no longer pass"
            >
              ≤ {file.maxRows.toLocaleString("en")} rows
            </span>
          )}
          <a
            href={`/api/export/${datasetId}/${file.name}${search}`}
            download={file.name}
            className="rounded-md bg-neutral-800 px-3 py-1.5 text-sm hover:bg-neutral-700"
            data-testid={`download-${file.name}`}
          >
            Download
          </a>
        </li>
      ))}
    </ul>
  );
}
