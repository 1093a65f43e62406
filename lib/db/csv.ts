// CSV text for COPY (FORMAT csv): an unquoted empty field is NULL, a quoted one is a string.
// A COPY names its columns from the drizzle table (copyTable), so a renamed or reordered column
// cannot leave a hand-copied list behind.
import { getTableColumns, getTableName, type Table } from "drizzle-orm";

export type CsvValue = string | number | bigint | boolean | null | undefined;

function field(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  return `"${value.includes('"') ? value.replaceAll('"', '""') : value}"`;
}

/** One CSV line of the values picked by key (a plain loop: it runs for every imported row). */
function csvRow<K extends string>(keys: readonly K[], values: Readonly<Record<K, CsvValue>>): string {
  let line = "";
  for (let index = 0; index < keys.length; index++) line += (index === 0 ? "" : ",") + field(values[keys[index]]);
  return `${line}\n`;
}

export type CopyTable<K extends string> = {
  /** The table's SQL name. */
  table: string;
  /** The SQL names of the columns, in the order `row` writes them. */
  columns: string[];
  /** One CSV line with the values keyed by the schema's property names. */
  row(values: Readonly<Record<K, CsvValue>>): string;
  /**
   * The line without its first columns `lead` (which must be the first keys, in order), from the
   * comma before the next column to the newline: `${lead values joined by ","}${tail}` is the row.
   * For rows built before their ids are known (lib/import/sft-rows.ts).
   */
  tail<L extends K>(lead: readonly L[], values: Readonly<Record<Exclude<K, L>, CsvValue>>): string;
};

/** A COPY of `keys` (schema property names, e.g. `datasetId`) into `table`. */
export function copyTable<T extends Table, K extends keyof T["$inferInsert"] & string>(table: T, keys: readonly K[]): CopyTable<K> {
  const columns = getTableColumns(table);
  return {
    table: getTableName(table),
    columns: keys.map((key) => columns[key].name),
    row: (values) => csvRow(keys, values),
    tail: (lead, values) => {
      if (lead.some((key, index) => keys[index] !== key))
        throw new Error(`${getTableName(table)}: ${lead.join(", ")} are not its first columns`);
      let line = "";
      for (let index = lead.length; index < keys.length; index++) line += "," + field((values as Record<K, CsvValue>)[keys[index]]);
      return `${line}\n`;
    },
  };
}
