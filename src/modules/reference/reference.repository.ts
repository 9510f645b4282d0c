import { sql } from "drizzle-orm";
import { type Queryable, query } from "../../db/connection";

/** Every municipality by name, with its safety region on the day. */
export async function gemeentenOn(db: Queryable, on: string) {
  return query<{ code: string; name: string; region: string | null }>(
    db,
    sql`select g.code, g.name, gv.veiligheidsregio_code as region
        from gemeente g
        left join gemeente_veiligheidsregio gv on gv.gemeente_code = g.code
          and gv.valid_from <= ${on}::date and (gv.valid_to is null or gv.valid_to >= ${on}::date)
        order by g.name, g.code`,
  );
}
