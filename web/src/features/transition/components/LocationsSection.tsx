import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Button,
  Heading2,
  Heading3,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  ErrorSummary,
  type FieldErrors,
  FormActions,
  Notice,
  SelectField,
  TextField,
  useForm,
} from "../../../components/form";
import { ScrollTable } from "../../../components/ScrollTable";
import { currentLanguage } from "../../../i18n";
import { asApiError } from "../../../query";
import { AppLink } from "../../locations/components/Common";
import type { Transformation, TransitionApi } from "../api";
import { TRANSITION_ERRORS } from "../errors";
import { formatDate, isIsoDate } from "../format";
import { locationsQuery, TRANSITION_KEY } from "../queries";
import { Loading, LoadProblem } from "./Common";

type FieldName = "transformable" | "transformFrom" | "note";

function TransformationForm({
  location,
  api,
  onDone,
  onCancel,
}: {
  location: Transformation;
  api: TransitionApi;
  onDone: (message: "saved" | "conflict") => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("transition");
  const [transformable, setTransformable] = useState(
    location.transformable === null ? "" : String(location.transformable),
  );
  const [from, setFrom] = useState(location.transformFrom ?? "");
  const [note, setNote] = useState(location.note ?? "");
  const form = useForm<FieldName>(TRANSITION_ERRORS);
  const id = (field: FieldName) => `transform-${location.locationId}-${field}`;
  const labels: Record<FieldName, string> = {
    transformable: t("locations.transformable"),
    transformFrom: t("locations.from"),
    note: t("locations.note"),
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form.busy) return;
    const errors: FieldErrors<FieldName> = {};
    if (transformable === "") errors.transformable = { key: "errors.required" };
    if (from && !isIsoDate(from)) errors.transformFrom = { key: "errors.date_format" };
    if (Object.keys(errors).length) return form.fail(errors);
    const ok = await form.run(
      () =>
        api
          .saveTransformation(location.locationId, {
            version: location.version,
            transformable: transformable === "true",
            transformFrom: transformable === "true" && from ? from : null,
            note: note.trim() || null,
          })
          .then(() => undefined),
      (path) =>
        ["transformable", "transformFrom", "note"].includes(path) ? (path as FieldName) : null,
      () => onDone("conflict"),
    );
    if (ok) onDone("saved");
  }

  return (
    <form
      className="opvang-tr-panel"
      noValidate
      onSubmit={submit}
      aria-labelledby={`${id("transformable")}-heading`}
      data-testid="transformation-form"
    >
      <Heading3 id={`${id("transformable")}-heading`}>
        {t("locations.formHeading", { name: location.name })}
      </Heading3>
      <ErrorSummary {...form.summary(labels, id)} />
      <div className="opvang-tr-grid">
        <SelectField
          id={id("transformable")}
          label={labels.transformable}
          value={transformable}
          options={[
            { value: "", label: t("common.choose") },
            { value: "true", label: t("locations.values.true") },
            { value: "false", label: t("locations.values.false") },
          ]}
          onChange={setTransformable}
          error={form.error("transformable")}
          required
        />
        <TextField
          id={id("transformFrom")}
          type="date"
          label={labels.transformFrom}
          description={t("locations.fromHint")}
          value={from}
          onChange={setFrom}
          error={form.error("transformFrom")}
        />
        <TextField
          id={id("note")}
          label={labels.note}
          description={t("common.optional")}
          value={note}
          onChange={setNote}
          error={form.error("note")}
          maxLength={500}
        />
      </div>
      <FormActions
        busy={form.busy}
        submit={t("locations.submit")}
        cancel={t("common.cancel")}
        onCancel={onCancel}
      />
    </form>
  );
}

/**
 * The municipality's locations and whether each can be transformed into regular housing,
 * and from when (so a household can stay where it lives: the housing plan stay_converted).
 */
export function LocationsSection({ api, canEdit }: { api: TransitionApi; canEdit: boolean }) {
  const { t, i18n } = useTranslation("transition");
  const language = currentLanguage(i18n);
  const headingId = useId();
  const captionId = useId();
  const queryClient = useQueryClient();
  const locations = useQuery(locationsQuery(api));
  const [editing, setEditing] = useState<number | null>(null);
  const [notice, setNotice] = useState<"saved" | "conflict" | null>(null);

  function status(location: Transformation): string {
    if (location.transformable === null) return t("locations.values.unknown");
    if (!location.transformable) return t("locations.values.false");
    return location.transformFrom
      ? t("locations.values.trueFrom", { date: formatDate(location.transformFrom, language) })
      : t("locations.values.true");
  }

  const editingLocation = locations.data?.find((l) => l.locationId === editing) ?? null;
  return (
    <section
      className="opvang-loc-section"
      aria-labelledby={headingId}
      data-testid="transformations"
    >
      <Heading2 id={headingId}>{t("locations.heading")}</Heading2>
      <Paragraph>{t("locations.intro")}</Paragraph>
      {notice ? (
        <Notice type={notice === "saved" ? "ok" : "warning"} testId="transformation-notice">
          {t(notice === "saved" ? "locations.saved" : "locations.conflict")}
        </Notice>
      ) : null}
      {locations.isError ? <LoadProblem error={asApiError(locations.error)} /> : null}
      {locations.isPending ? <Loading /> : null}
      {locations.data && locations.data.length === 0 ? (
        <Paragraph>{t("locations.empty")}</Paragraph>
      ) : null}
      {locations.data && locations.data.length > 0 ? (
        <ScrollTable labelledBy={captionId}>
          <Table
            className="opvang-loc-table opvang-tr-compact opvang-tr-middle"
            data-testid="transformations-table"
          >
            <TableCaption id={captionId}>{t("locations.caption")}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("locations.name")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("locations.transformable")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("locations.note")}</TableHeaderCell>
                {canEdit ? (
                  <TableHeaderCell scope="col">{t("common.actions")}</TableHeaderCell>
                ) : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {locations.data.map((location) => (
                <TableRow key={location.locationId} data-testid="transformation-row">
                  <TableHeaderCell scope="row">
                    <AppLink to={`/locations/${location.locationId}`}>{location.name}</AppLink>
                  </TableHeaderCell>
                  <TableCell>{status(location)}</TableCell>
                  <TableCell>{location.note || "–"}</TableCell>
                  {canEdit ? (
                    <TableCell>
                      <Button
                        type="button"
                        appearance="subtle-button"
                        aria-label={t("locations.editLabel", { name: location.name })}
                        onClick={() => {
                          setNotice(null);
                          setEditing(location.locationId);
                        }}
                      >
                        {t("locations.edit")}
                      </Button>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
      ) : null}
      {canEdit && editingLocation ? (
        <TransformationForm
          key={`${editingLocation.locationId}-${editingLocation.version}`}
          location={editingLocation}
          api={api}
          onCancel={() => setEditing(null)}
          onDone={(message) => {
            setNotice(message);
            if (message === "saved") setEditing(null);
            void queryClient.invalidateQueries({ queryKey: TRANSITION_KEY });
          }}
        />
      ) : null}
    </section>
  );
}
