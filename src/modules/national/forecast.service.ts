/**
 * The coordinator's inflow forecast from the ledger (docs/forecast.md): the weekly net
 * inflow into reception since the first week of temporary protection, the next 26 weeks
 * with their 80% band (forecast.ts), the places needed when they are (a place takes about
 * six months to realise, so the horizon is the lead time), and the back-test. The
 * two-monthly re-evaluations are recorded with the forecast as it was shown.
 */
import { Temporal } from "temporal-polyfill";
import type { Db, Queryable } from "../../db/connection";
import type { AccessContext } from "../../domain/access";
import { todayNl } from "../../domain/dates";
import type { EvaluationDecision } from "../../domain/enums";
import { recordAudit } from "../audit";
import { dateOrToday, regionsOccupancy } from "../occupancy";
import {
  backtest,
  FORECAST_HORIZON,
  FORECAST_WINDOW,
  forecastAt,
  MIN_ERRORS_FOR_BAND,
} from "./forecast";
import * as repo from "./forecast.repository";
import * as national from "./national.repository";
import { addDays, isoWeek, mondayOf } from "./national.service";

/** The Monday of the week of 4 March 2022, when temporary protection began. */
const SERIES_START = "2022-02-28";
/** Weeks of actual inflow shown before the forecast. */
const SHOWN_HISTORY = 26;
/** Re-evaluate every this many months. */
export const EVALUATION_MONTHS = 2;

export async function inflowForecast(db: Queryable, q: { on?: string }) {
  const on = dateOrToday(q.on);
  // The last complete week is the origin: the week of `on` is still going.
  const lastMonday = addDays(mondayOf(on), -7);
  const rows =
    lastMonday < SERIES_START
      ? []
      : await national.flowsBetween(db, SERIES_START, lastMonday, { kind: "all" });
  const nets = rows.map((r) => r.arrivals - r.departures + r.moved_in - r.moved_out);
  const forecast = forecastAt(nets);
  const occupancy = await regionsOccupancy(db, { on });
  const goo = occupancy.national.occupied;
  const poo = occupancy.national.pooPersons;
  const gooShare = goo + poo > 0 ? goo / (goo + poo) : 1;
  const at = addDays(on, FORECAST_HORIZON * 7);
  const needed = (inflow: number) => Math.max(0, Math.round(goo + inflow * gooShare));
  const realised = occupancy.national.realisedPlaces;
  const places = forecast
    ? {
        at,
        occupiedNow: goo,
        pooNow: poo,
        realisedNow: realised,
        gooShare: Math.round(gooShare * 1000) / 10,
        needed: {
          value: needed(forecast.total.value),
          low: forecast.total.band ? needed(forecast.total.band.low) : null,
          high: forecast.total.band ? needed(forecast.total.band.high) : null,
        },
      }
    : null;
  return {
    on,
    origin:
      lastMonday < SERIES_START
        ? null
        : { week: isoWeek(lastMonday), sunday: addDays(lastMonday, 6) },
    method: {
      window: FORECAST_WINDOW,
      horizon: FORECAST_HORIZON,
      band: 80,
      minErrorsForBand: MIN_ERRORS_FOR_BAND,
    },
    history: rows.slice(-SHOWN_HISTORY).map((r, i, shown) => ({
      week: isoWeek(r.week),
      monday: r.week,
      netInflow: nets[nets.length - shown.length + i]!,
    })),
    forecast: forecast
      ? {
          level: forecast.level,
          weeks: forecast.weeks.map((w) => {
            const monday = addDays(lastMonday, 7 * w.horizon);
            return { week: isoWeek(monday), monday, value: w.value, band: w.band };
          }),
          total: forecast.total,
        }
      : null,
    places,
    backtest: backtest(nets),
  };
}

export async function listEvaluations(db: Queryable, today = todayNl()) {
  const rows = await repo.listEvaluations(db);
  const last = rows[0]?.evaluated_on;
  const nextDue = last
    ? Temporal.PlainDate.from(last).add({ months: EVALUATION_MONTHS }).toString()
    : null;
  return {
    evaluations: rows.map((r) => ({
      id: r.id,
      evaluatedOn: r.evaluated_on,
      decision: r.decision,
      note: r.note,
      evaluatedBy: r.evaluated_by_name,
      forecast: r.forecast as EvaluationForecast,
    })),
    nextDue,
    overdue: nextDue === null || nextDue < today,
  };
}

/** What an evaluation keeps of the forecast it judged. */
export interface EvaluationForecast {
  originWeek: string | null;
  level: number | null;
  total: number | null;
  band: { low: number; high: number } | null;
  placesNeeded: number | null;
  realisedNow: number;
  at: string;
}

export async function recordEvaluation(
  db: Db,
  actor: AccessContext,
  input: { decision: EvaluationDecision; note?: string | null },
) {
  const today = todayNl();
  const f = await inflowForecast(db, { on: today });
  const summary: EvaluationForecast = {
    originWeek: f.origin?.week ?? null,
    level: f.forecast?.level ?? null,
    total: f.forecast?.total.value ?? null,
    band: f.forecast?.total.band ?? null,
    placesNeeded: f.places?.needed.value ?? null,
    realisedNow: f.places?.realisedNow ?? 0,
    at: addDays(today, FORECAST_HORIZON * 7),
  };
  return db.transaction(async (tx) => {
    const id = await repo.insertEvaluation(tx, {
      evaluatedOn: today,
      forecast: summary,
      decision: input.decision,
      note: input.note?.trim() || null,
      by: actor.id,
    });
    await recordAudit(tx, actor, {
      action: "create",
      entityType: "forecast_evaluation",
      entityId: id,
    });
    return (await listEvaluations(tx, today)).evaluations.find((e) => e.id === id)!;
  });
}
