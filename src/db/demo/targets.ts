/**
 * The national targets of places as they were set (../shared/data/nl_ukraine_reception_timeseries.csv,
 * columns target_places and target_note): the demo's history for the coordinator. Split
 * equally over the 25 safety regions, as the first was (2,000 per region); the later splits
 * were negotiated per region and are not published, so equal is the demo's approximation.
 * Deadlines and days not published are approximate, and the note says so.
 */
import { sql } from "drizzle-orm";
import { equalShares } from "../../domain/shares";
import { type Db, query } from "../connection";

const TARGETS = [
  {
    places: 50_000,
    setOn: "2022-03-21",
    deadline: "2022-04-25",
    note: "25 veiligheidsregio's × 2.000 plekken (deadline niet gepubliceerd: tot de volgende opgave)",
  },
  {
    places: 75_000,
    setOn: "2022-04-25",
    deadline: "2022-06-23",
    note: "Kabinet vraagt de regio's op te schalen naar 75.000 per 23 juni 2022",
  },
  {
    places: 90_000,
    setOn: "2023-02-01",
    deadline: "2023-07-01",
    note: "90.000 per 1 juli 2023 (datum van de opgave bij benadering)",
  },
  {
    places: 97_000,
    setOn: "2023-09-04",
    deadline: "2024-02-01",
    note: "97.000 per 1 februari 2024; 104.400 Oekraïners verwacht eind 2023",
  },
] as const;

export async function insertHistoricTargets(db: Db) {
  const regions = await query<{ code: string }>(
    db,
    sql`select code from veiligheidsregio order by code`,
  );
  if (regions.length === 0) return;
  for (const t of TARGETS) {
    await db.transaction(async (tx) => {
      const [row] = await query<{ id: number }>(
        tx,
        sql`insert into place_target (places, deadline, set_on, split, note)
            values (${t.places}, ${t.deadline}, ${t.setOn}, 'equal', ${t.note})
            on conflict (set_on) do nothing returning id`,
      );
      if (!row) return;
      const values = [
        ...equalShares(
          t.places,
          regions.map((r) => r.code),
        ),
      ].map(([code, places]) => sql`(${row.id}, ${code}, ${places})`);
      await tx.execute(
        sql`insert into place_target_region (target_id, veiligheidsregio_code, places)
            values ${sql.join(values, sql`, `)}`,
      );
    });
  }
}
