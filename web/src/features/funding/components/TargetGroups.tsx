import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Heading2, Heading3, Paragraph } from "@utrecht/component-library-react";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  DateField,
  ErrorSummary,
  type FieldErrors,
  FormActions,
  Notice,
  SelectField,
  TextField,
  topLevelField,
  useForm,
} from "../../../components/form";
import { parseDateInput } from "../../../dates";
import { asApiError } from "../../../query";
import { type FundingApi, OTHER_TARGET_GROUPS, type OtherTargetGroup } from "../api";
import { FUNDING_FORM_ERRORS, localised } from "../errors";
import { FUNDING_KEY, locationsQuery, targetGroupsQuery } from "../queries";
import { Loading, LoadProblem, useFundingFormat } from "./Common";
import { DataTable, NumCell, TableCell, TableHeaderCell, TableRow } from "./Tables";

const FIELDS = ["locationId", "targetGroup", "places", "validFrom"] as const;
type PlacesField = (typeof FIELDS)[number];
const fieldId = (field: PlacesField) => `funding-groups-${field}`;

/**
 * Places of other target groups (status holders, asylum seekers) per location, from the
 * start of the doelgroepflexibele opvangregeling: the dated counts the municipality entered
 * and a form for a count from a date. The claim counts them apart, never in the displaced
 * persons' places or the occupancy figures.
 */
export function TargetGroups({ api }: { api: FundingApi }) {
  const { t } = useTranslation("funding");
  const f = useFundingFormat();
  const headingId = useId();
  const formHeadingId = useId();
  const list = useQuery(targetGroupsQuery(api));
  const locations = useQuery(locationsQuery(api));
  const queryClient = useQueryClient();
  const form = useForm<PlacesField>(FUNDING_FORM_ERRORS);
  const [saved, setSaved] = useState(false);
  const [values, setValues] = useState({
    locationId: "",
    targetGroup: "status_holder",
    places: "",
    validFrom: "",
  });
  const set = (key: keyof typeof values) => (value: string) =>
    setValues((current) => ({ ...current, [key]: value }));
  const label = (field: PlacesField) => t(`targetGroups.fields.${field}`);
  const groupName = (group: string) => t(`targetGroups.groups.${group}`);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const errors: FieldErrors<PlacesField> = {};
    const date = parseDateInput(values.validFrom.trim());
    const places = /^\d{1,6}$/.test(values.places.trim()) ? Number(values.places) : null;
    if (!values.locationId) errors.locationId = { key: "errors.required" };
    if (!values.places.trim()) errors.places = { key: "errors.required" };
    else if (places === null) errors.places = { key: "errors.places_invalid" };
    if (!values.validFrom.trim()) errors.validFrom = { key: "errors.required" };
    else if (!date) errors.validFrom = { key: "errors.date_format" };
    if (Object.keys(errors).length) {
      form.fail(errors);
      return;
    }
    const ok = await form.run(async () => {
      await localised(
        () =>
          api.setTargetGroupPlaces({
            locationId: Number(values.locationId),
            targetGroup: values.targetGroup as OtherTargetGroup,
            places: places!,
            validFrom: date!,
          }),
        f.language,
      );
    }, topLevelField(FIELDS));
    if (ok) {
      setSaved(true);
      setValues((current) => ({ ...current, places: "", validFrom: "" }));
      void queryClient.invalidateQueries({ queryKey: FUNDING_KEY });
    }
  }

  return (
    <section
      className="opvang-fund-section"
      aria-labelledby={headingId}
      id="funding-target-groups"
      data-testid="funding-target-groups"
    >
      <Heading2 id={headingId}>{t("targetGroups.heading")}</Heading2>
      <Paragraph>
        {t("targetGroups.intro", { date: list.data ? f.date(list.data.from) : "" })}
      </Paragraph>
      {list.isPending ? <Loading testId="funding-groups-loading" /> : null}
      {list.isError ? <LoadProblem error={asApiError(list.error)} /> : null}
      {list.data ? (
        list.data.rows.length ? (
          <DataTable
            testId="funding-groups-table"
            caption={t("targetGroups.caption")}
            captionHidden
            columns={[
              { key: "location", label: t("targetGroups.columns.location") },
              { key: "group", label: t("targetGroups.columns.group") },
              { key: "places", label: t("targetGroups.columns.places"), numeric: true },
              { key: "period", label: t("targetGroups.columns.period") },
              { key: "by", label: t("targetGroups.columns.by") },
            ]}
          >
            {list.data.rows.map((r) => (
              <TableRow key={r.id} data-testid="funding-groups-row">
                <TableHeaderCell scope="row">{r.locationName}</TableHeaderCell>
                <TableCell>{groupName(r.targetGroup)}</TableCell>
                <NumCell>{f.n(r.places)}</NumCell>
                <TableCell className="opvang-fund-nowrap">
                  {r.validTo
                    ? f.period({ from: r.validFrom, to: r.validTo })
                    : t("targetGroups.from", { date: f.date(r.validFrom) })}
                </TableCell>
                <TableCell>{r.enteredBy ?? t("common.none")}</TableCell>
              </TableRow>
            ))}
          </DataTable>
        ) : (
          <Paragraph data-testid="funding-no-groups">{t("targetGroups.none")}</Paragraph>
        )
      ) : null}
      {saved ? (
        <Notice type="ok" testId="funding-groups-saved">
          {t("targetGroups.saved")}
        </Notice>
      ) : null}
      <form
        className="opvang-form opvang-fund-form"
        noValidate
        onSubmit={submit}
        aria-labelledby={formHeadingId}
        data-testid="funding-groups-form"
      >
        <Heading3 id={formHeadingId}>{t("targetGroups.formHeading")}</Heading3>
        <ErrorSummary {...form.summary(label, fieldId)} testId="funding-groups-errors" />
        <SelectField
          id={fieldId("locationId")}
          label={label("locationId")}
          value={values.locationId}
          onChange={set("locationId")}
          error={form.error("locationId")}
          options={[
            { value: "", label: t("costs.chooseLocation") },
            ...(locations.data ?? []).map((l) => ({ value: String(l.id), label: l.name })),
          ]}
          required
        />
        <SelectField
          id={fieldId("targetGroup")}
          label={label("targetGroup")}
          value={values.targetGroup}
          onChange={set("targetGroup")}
          error={form.error("targetGroup")}
          options={OTHER_TARGET_GROUPS.map((g) => ({ value: g, label: groupName(g) }))}
          required
        />
        <TextField
          id={fieldId("places")}
          label={label("places")}
          value={values.places}
          onChange={set("places")}
          error={form.error("places")}
          inputMode="numeric"
          required
        />
        <DateField
          id={fieldId("validFrom")}
          label={label("validFrom")}
          description={t("targetGroups.validFromHint")}
          value={values.validFrom}
          onChange={set("validFrom")}
          error={form.error("validFrom")}
          required
        />
        <FormActions submit={t("targetGroups.submit")} busy={form.busy} />
      </form>
    </section>
  );
}
