import { sql } from "drizzle-orm";
import { type Queryable, query } from "../../db/connection";
import type { EvaluationDecision } from "../../domain/enums";

export interface EvaluationRow {
  id: number;
  evaluated_on: string;
  forecast: unknown;
  decision: EvaluationDecision;
  note: string | null;
  evaluated_by_name: string | null;
}

export async function insertEvaluation(
  db: Queryable,
  e: {
    evaluatedOn: string;
    forecast: unknown;
    decision: EvaluationDecision;
    note: string | null;
    by: number | null;
  },
) {
  const [row] = await query<{ id: number }>(
    db,
    sql`insert into forecast_evaluation (evaluated_on, forecast, decision, note, evaluated_by)
        values (${e.evaluatedOn}::date, ${JSON.stringify(e.forecast)}::jsonb, ${e.decision}, ${e.note}, ${e.by})
        returning id`,
  );
  return row!.id;
}

export async function listEvaluations(db: Queryable) {
  return query<EvaluationRow>(
    db,
    sql`select e.id, e.evaluated_on::text, e.forecast, e.decision, e.note,
          u.display_name as evaluated_by_name
        from forecast_evaluation e left join app_user u on u.id = e.evaluated_by
        order by e.evaluated_on desc, e.id desc`,
  );
}
