import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type FieldErrors, SelectField, TextField, useForm } from "../../../components/form";
import { currentLanguage } from "../../../i18n";
import {
  HOUSING_PLANS,
  type HouseholdTransition,
  type HousingPlan,
  PARTICIPATIEWET_OUTCOMES,
  type ParticipatiewetOutcome,
  type TransitionApi,
} from "../api";
import { sending, TRANSITION_ERRORS } from "../errors";
import { centsForInput, formatDate, isIsoDate, parseEuros } from "../format";
import { Panel } from "./Panel";
import type { SaveCallbacks } from "./PersonForms";

/** The fields by the request's paths (participatiewet.filedOn …), so server issues land. */
const PATHS = {
  "participatiewet.filedOn": "filedOn",
  "participatiewet.decidedOn": "decidedOn",
  "participatiewet.outcome": "outcome",
  "housing.plan": "plan",
  "housing.from": "housingFrom",
  "housing.rentCents": "rent",
} as const;
type PathField = (typeof PATHS)[keyof typeof PATHS];

function fieldFor(path: string): PathField | null {
  if (path in PATHS) return PATHS[path as keyof typeof PATHS];
  // A whole object refused (an unknown field inside it): its first field.
  if (path.startsWith("participatiewet")) return "filedOn";
  if (path.startsWith("housing")) return "plan";
  return null;
}

/**
 * The household's paths after the transition: the Participatiewet application (filed, and
 * the decision with its date and outcome: leefgeld ends the day before it takes effect) and
 * the housing plan (plan, from, the rent typed in euros and sent in cents).
 */
export function HouseholdPathsForm({
  household,
  api,
  callbacks,
  onCancel,
}: {
  household: HouseholdTransition;
  api: TransitionApi;
  callbacks: SaveCallbacks;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation("transition");
  const language = currentLanguage(i18n);
  const pw = household.participatiewet;
  const [filedOn, setFiledOn] = useState(pw.filedOn ?? "");
  const [decidedOn, setDecidedOn] = useState(pw.decidedOn ?? "");
  const [outcome, setOutcome] = useState<string>(pw.outcome ?? "");
  const [plan, setPlan] = useState<string>(household.housing.plan ?? "");
  const [housingFrom, setHousingFrom] = useState(household.housing.from ?? "");
  const [rent, setRent] = useState(centsForInput(household.housing.rentCents, language));
  const form = useForm<PathField>(TRANSITION_ERRORS);
  const id = (field: PathField) => `tr-household-${household.householdId}-${field}`;
  const labels: Record<PathField, string> = {
    filedOn: t("paths.filedOn"),
    decidedOn: t("paths.decidedOn"),
    outcome: t("paths.outcome"),
    plan: t("paths.plan"),
    housingFrom: t("paths.housingFrom"),
    rent: t("paths.rent"),
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form.busy) return;
    const errors: FieldErrors<PathField> = {};
    for (const [field, value] of [
      ["filedOn", filedOn],
      ["decidedOn", decidedOn],
      ["housingFrom", housingFrom],
    ] as const) {
      if (value && !isIsoDate(value)) errors[field] = { key: "errors.date_format" };
    }
    // The same rules the server applies, so they show at the field before sending.
    if (decidedOn && !outcome) errors.outcome = { key: "errors.decision_needs_date_and_outcome" };
    if (outcome && !decidedOn) errors.decidedOn = { key: "errors.decision_needs_date_and_outcome" };
    if (decidedOn && !filedOn) errors.filedOn = { key: "errors.decision_without_application" };
    else if (
      decidedOn &&
      filedOn &&
      isIsoDate(decidedOn) &&
      isIsoDate(filedOn) &&
      decidedOn < filedOn
    )
      errors.decidedOn = {
        key: "errors.decided_before_filed",
        params: { filedOn: formatDate(filedOn, language) },
      };
    const cents = rent.trim() ? parseEuros(rent) : null;
    if (rent.trim() && cents === null) errors.rent = { key: "errors.amount_format" };
    if (!plan && (housingFrom || rent.trim())) errors.plan = { key: "errors.housing_plan_missing" };
    if (Object.keys(errors).length) return form.fail(errors);
    const ok = await form.run(
      async () => {
        await sending(language, () =>
          api.saveHousehold(household.householdId, {
            version: household.version,
            participatiewet: {
              filedOn: filedOn || null,
              decidedOn: decidedOn || null,
              outcome: (outcome || null) as ParticipatiewetOutcome | null,
            },
            housing: {
              plan: (plan || null) as HousingPlan | null,
              from: housingFrom || null,
              rentCents: cents,
            },
          }),
        );
      },
      fieldFor,
      callbacks.onConflict,
    );
    if (ok) callbacks.onSaved("notices.pathsSaved");
  }

  return (
    <Panel
      name={`tr-paths-${household.householdId}`}
      heading={t("paths.formHeading")}
      summary={form.summary(labels, id)}
      busy={form.busy}
      submit={t("paths.submit")}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <TextField
        id={id("filedOn")}
        type="date"
        label={labels.filedOn}
        description={t("common.optional")}
        value={filedOn}
        onChange={setFiledOn}
        error={form.error("filedOn")}
      />
      <TextField
        id={id("decidedOn")}
        type="date"
        label={labels.decidedOn}
        description={t("paths.decidedOnHint")}
        value={decidedOn}
        onChange={setDecidedOn}
        error={form.error("decidedOn")}
      />
      <SelectField
        id={id("outcome")}
        label={labels.outcome}
        value={outcome}
        options={[
          { value: "", label: t("paths.noDecision") },
          ...PARTICIPATIEWET_OUTCOMES.map((o) => ({ value: o, label: t(`outcomes.${o}`) })),
        ]}
        onChange={setOutcome}
        error={form.error("outcome")}
      />
      <SelectField
        id={id("plan")}
        label={labels.plan}
        value={plan}
        options={[
          { value: "", label: t("housingPlans.none") },
          ...HOUSING_PLANS.map((p) => ({ value: p, label: t(`housingPlans.${p}`) })),
        ]}
        onChange={setPlan}
        error={form.error("plan")}
      />
      <TextField
        id={id("housingFrom")}
        type="date"
        label={labels.housingFrom}
        description={t("common.optional")}
        value={housingFrom}
        onChange={setHousingFrom}
        error={form.error("housingFrom")}
      />
      <TextField
        id={id("rent")}
        label={labels.rent}
        description={t("paths.rentHint")}
        value={rent}
        onChange={setRent}
        inputMode="decimal"
        error={form.error("rent")}
      />
    </Panel>
  );
}
