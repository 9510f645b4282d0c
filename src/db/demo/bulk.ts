import { type SQL, sql } from "drizzle-orm";
import type { Queryable } from "../connection";

/**
 * Bulk insert by columns: one statement per chunk with one array parameter per column,
 * unnested on the server. Whatever the number of rows, a statement carries only as many
 * parameters as the table has columns (far below PostgreSQL's 65,535), the text to parse
 * stays tiny, and both pg and PGlite send the arrays as they are. Measured faster than
 * multi-row VALUES and than Drizzle's insert builder.
 */
export interface Column {
  name: string;
  /** PostgreSQL type of the array elements: int, text, date, boolean, timestamptz. */
  type: string;
  values: unknown[];
}

export async function insertColumns(
  db: Queryable,
  table: string,
  columns: Column[],
  options: {
    overridingSystemValue?: boolean;
    chunkRows?: number;
    onChunk?: (rowsDone: number) => void;
  } = {},
): Promise<void> {
  const rows = columns[0]?.values.length ?? 0;
  const chunk = options.chunkRows ?? 20_000;
  const names = sql.raw(columns.map((c) => `"${c.name}"`).join(", "));
  const overriding = sql.raw(options.overridingSystemValue ? " overriding system value" : "");
  for (let start = 0; start < rows; start += chunk) {
    const end = Math.min(rows, start + chunk);
    const arrays: SQL[] = columns.map(
      (c) => sql`${sql.param(c.values.slice(start, end))}::${sql.raw(c.type)}[]`,
    );
    await db.execute(
      sql`insert into ${sql.raw(`"${table}"`)} (${names})${overriding} select * from unnest(${sql.join(arrays, sql`, `)})`,
    );
    options.onChunk?.(end);
  }
}

/** After inserting explicit ids, moves the identity sequence past them. */
export async function syncIdentity(db: Queryable, table: string): Promise<void> {
  await db.execute(
    sql.raw(
      `select setval(pg_get_serial_sequence('"${table}"', 'id'), coalesce((select max(id) from "${table}"), 0) + 1, false)`,
    ),
  );
}
