import {
  Button,
  ButtonGroup,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { type FormEvent, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCodeTexts } from "../../../codes";
import {
  DateField,
  type FieldErrors,
  Notice,
  SelectField,
  TextField,
  topLevelField,
  useForm,
} from "../../../components/form";
import { ScrollTable } from "../../../components/ScrollTable";
import { REGISTRY_ERRORS } from "../errors";
import { formatDate, formatDateInput, fullName, parseDateInput, todayNl } from "../format";
import type {
  Household,
  LocationSummary,
  Placement,
  PlacementHistory,
  PlacementResult,
  PlacementWarning,
  RegistryApi,
} from "../registry-api";
import { type ChangeCallbacks, ChangePanel, closeOnSave, membershipStatus } from "./MembersSection";

/**
 * The household's placements (current, future, past) and the caseworker's actions: place in
 * a GOO location or at a private address (POO), move with a reason, end. The server's
 * over-capacity warnings are shown after saving. Placing places only the members without a
 * placement on the start date (a child born or a member who joined later): the server skips
 * the others and the saved message names both.
 */

const ADDRESS_FIELDS = ["street", "houseNumber", "postcode", "city", "hostName"] as const;

/** The answer to placing: members already placed on the start date are skipped. */
type PlaceResult = Omit<PlacementResult, "placements"> & {
  placements: { id: number; personId?: number }[];
  skipped?: { personId: number; placementId: number }[];
};

/** The names of these persons, from the household's members. */
function namesOf(household: Household, personIds: number[]): string {
  return personIds
    .map((id) => household.members.find((m) => m.person.id === id)?.person)
    .map((p, i) => (p ? fullName(p) : `#${personIds[i]}`))
    .join(", ");
}

export function addressText(address: Placement["address"]): string {
  if (!address) return "";
  const line = [address.street, address.houseNumber].filter(Boolean).join(" ");
  const place = [address.postcode, address.city].filter(Boolean).join(" ");
  return [line, place].filter(Boolean).join(", ");
}

function PlacementForm({
  mode,
  household,
  api,
  callbacks,
  onCancel,
  onWarnings,
}: {
  mode: "place" | "move";
  household: Household;
  api: RegistryApi;
  callbacks: ChangeCallbacks;
  onCancel: () => void;
  onWarnings: (warnings: PlacementWarning[], locations: LocationSummary[]) => void;
}) {
  const { t, i18n } = useTranslation("registry");
  const [kind, setKind] = useState<"goo" | "poo">("goo");
  const [locationId, setLocationId] = useState("");
  const [locations, setLocations] = useState<LocationSummary[]>([]);
  const [address, setAddress] = useState<Record<(typeof ADDRESS_FIELDS)[number], string>>({
    street: "",
    houseNumber: "",
    postcode: "",
    city: "",
    hostName: "",
  });
  const [validFrom, setValidFrom] = useState(() => formatDateInput(todayNl(), i18n.language));
  const [reason, setReason] = useState("");
  const form = useForm(REGISTRY_ERRORS);
  const id = (field: string) => `placement-${field}`;

  useEffect(() => {
    let cancelled = false;
    api.locations().then(
      (list) => {
        if (!cancelled) setLocations(list.filter((l) => l.status === "realised"));
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  const fieldFor = (path: string) => {
    if (["kind", "locationId", "validFrom", "reason"].includes(path)) return id(path);
    if (path === "validTo") return id("validFrom");
    const m = /^address\.(\w+)$/.exec(path);
    return m?.[1] ? id(m[1]) : null;
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (kind === "goo" && !locationId) errors[id("locationId")] = { key: "errors.required" };
    if (kind === "poo") {
      for (const f of ADDRESS_FIELDS)
        if (!address[f].trim()) errors[id(f)] = { key: "errors.required" };
    }
    const from = parseDateInput(validFrom);
    if (!from) errors[id("validFrom")] = { key: "errors.date_format" };
    if (mode === "move" && !reason.trim()) errors[id("reason")] = { key: "errors.reasonRequired" };
    if (Object.keys(errors).length || !from) return form.fail(errors);
    const target =
      kind === "goo"
        ? { kind, locationId: Number(locationId) }
        : {
            kind,
            address: Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, address[f].trim()])),
          };
    await form.run(async () => {
      if (mode === "move") {
        const result = await api.move(household.id, {
          ...target,
          validFrom: from,
          reason: reason.trim(),
        });
        onWarnings(result.warnings ?? [], locations);
        callbacks.onSaved({ key: "placement.moved" });
        return;
      }
      const result: PlaceResult = await api.place(household.id, {
        ...target,
        validFrom: from,
        reason: reason.trim() || null,
      });
      onWarnings(result.warnings ?? [], locations);
      const skipped = result.skipped ?? [];
      callbacks.onSaved(
        skipped.length
          ? {
              key: "placement.placedSome",
              params: {
                placed: namesOf(
                  household,
                  result.placements.flatMap((p) => (p.personId ? [p.personId] : [])),
                ),
                skipped: namesOf(
                  household,
                  skipped.map((p) => p.personId),
                ),
              },
            }
          : { key: "placement.placed" },
      );
    }, fieldFor);
  }

  const labels: Record<string, string> = {
    [id("kind")]: t("placement.kind"),
    [id("locationId")]: t("placement.location"),
    [id("validFrom")]: t("placement.startDate"),
    [id("reason")]: t("common.reason"),
  };
  for (const f of ADDRESS_FIELDS) labels[id(f)] = t(`placement.address.${f}`);

  return (
    <ChangePanel
      name={`placement-${mode}`}
      heading={t(`placement.${mode}Heading`)}
      summary={form.summary(labels)}
      busy={form.busy}
      submit={t(`placement.${mode}Submit`)}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <div className="opvang-registry-grid">
        <SelectField
          id={id("kind")}
          label={t("placement.kind")}
          value={kind}
          options={[
            { value: "goo", label: t("placement.kinds.goo") },
            { value: "poo", label: t("placement.kinds.poo") },
          ]}
          error={form.error(id("kind"))}
          onChange={(value) => setKind(value as "goo" | "poo")}
        />
        {kind === "goo" ? (
          <SelectField
            id={id("locationId")}
            label={t("placement.location")}
            description={t("placement.locationHint")}
            required
            value={locationId}
            options={[
              { value: "", label: t("placement.chooseLocation") },
              ...locations.map((l) => ({
                value: String(l.id),
                label: t("placement.locationOption", { name: l.name, free: l.free }),
              })),
            ]}
            error={form.error(id("locationId"))}
            onChange={setLocationId}
          />
        ) : null}
        {kind === "poo"
          ? ADDRESS_FIELDS.map((f) => (
              <TextField
                key={f}
                id={id(f)}
                label={t(`placement.address.${f}`)}
                value={address[f]}
                required
                autoComplete={
                  f === "postcode" ? "postal-code" : f === "city" ? "address-level2" : "off"
                }
                error={form.error(id(f))}
                onChange={(value) => setAddress((a) => ({ ...a, [f]: value }))}
              />
            ))
          : null}
        <DateField
          id={id("validFrom")}
          label={t("placement.startDate")}
          description={mode === "move" ? t("placement.moveDateHint") : undefined}
          value={validFrom}
          required
          error={form.error(id("validFrom"))}
          onChange={setValidFrom}
        />
        <TextField
          id={id("reason")}
          label={t("common.reason")}
          description={mode === "move" ? t("placement.moveReasonHint") : t("common.optional")}
          value={reason}
          required={mode === "move"}
          error={form.error(id("reason"))}
          onChange={setReason}
        />
      </div>
    </ChangePanel>
  );
}

function EndPlacementsForm({
  household,
  api,
  callbacks,
  onCancel,
}: {
  household: Household;
  api: RegistryApi;
  callbacks: ChangeCallbacks;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation("registry");
  const [validTo, setValidTo] = useState(() => formatDateInput(todayNl(), i18n.language));
  const [reason, setReason] = useState("");
  const form = useForm(REGISTRY_ERRORS);
  const ids = { validTo: "placement-end-validTo", reason: "placement-end-reason" };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: FieldErrors = {};
    const to = parseDateInput(validTo);
    if (!to) errors[ids.validTo] = { key: "errors.date_format" };
    if (!reason.trim()) errors[ids.reason] = { key: "errors.reasonRequired" };
    if (Object.keys(errors).length || !to) return form.fail(errors);
    await form.run(async () => {
      await api.endPlacements(household.id, { validTo: to, reason: reason.trim() });
      callbacks.onSaved({ key: "placement.ended" });
    }, topLevelField(ids));
  }

  return (
    <ChangePanel
      name="placement-end"
      heading={t("placement.endHeading")}
      summary={form.summary({
        [ids.validTo]: t("placement.endDate"),
        [ids.reason]: t("common.reason"),
      })}
      busy={form.busy}
      submit={t("placement.endSubmit")}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <div className="opvang-registry-grid">
        <DateField
          id={ids.validTo}
          label={t("placement.endDate")}
          value={validTo}
          required
          error={form.error(ids.validTo)}
          onChange={setValidTo}
        />
        <TextField
          id={ids.reason}
          label={t("common.reason")}
          value={reason}
          required
          error={form.error(ids.reason)}
          onChange={setReason}
        />
      </div>
    </ChangePanel>
  );
}

export function PlacementsSection({
  household,
  placements,
  api,
  canEdit,
  callbacks,
}: {
  household: Household;
  placements: PlacementHistory | null | "error";
  api: RegistryApi;
  canEdit: boolean;
  callbacks: ChangeCallbacks;
}) {
  const { t, i18n } = useTranslation("registry");
  const headingId = useId();
  const captionId = useId();
  const [open, setOpen] = useState<"place" | "move" | "end" | null>(null);
  const [warnings, setWarnings] = useState<{ warning: PlacementWarning; locationName: string }[]>(
    [],
  );
  const language = i18n.language;

  const rows: (Placement & { status: "current" | "future" | "past" })[] =
    placements && placements !== "error"
      ? [
          ...placements.current.map((p) => ({ ...p, status: "current" as const })),
          ...placements.future.map((p) => ({ ...p, status: "future" as const })),
          ...placements.past.map((p) => ({ ...p, status: "past" as const })),
        ]
      : [];
  const hasCurrent = placements && placements !== "error" && placements.current.length > 0;
  // Members (now or from a later date) without a current or planned placement, e.g. a child
  // born into a placed household: they can still be placed.
  const today = todayNl();
  const placedIds = new Set(
    placements && placements !== "error"
      ? [...placements.current, ...placements.future].map((p) => p.personId)
      : [],
  );
  const unplaced = hasCurrent
    ? household.members.filter(
        (m) => membershipStatus(m, today) !== "past" && !placedIds.has(m.person.id),
      )
    : [];
  const done = closeOnSave(callbacks, () => setOpen(null));
  const codes = useCodeTexts();

  return (
    <section
      className="opvang-registry-section"
      aria-labelledby={headingId}
      data-testid="placements"
    >
      <Heading2 id={headingId}>{t("placement.heading")}</Heading2>
      {warnings.map(({ warning, locationName }, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: warnings are replaced as a whole, never reordered
        <Notice key={`${warning.code}-${index}`} type="warning" testId="placement-warning">
          {t(`warnings.${warning.code}`, {
            location: locationName,
            capacity: warning.params?.capacity ?? "",
            occupied: warning.params?.occupied ?? "",
            date: formatDate(warning.params?.on, language),
            defaultValue: warning.message,
          })}
        </Notice>
      ))}
      {placements === null ? <Paragraph>{t("common.loading")}</Paragraph> : null}
      {placements === "error" ? <Notice type="error">{t("placement.loadFailed")}</Notice> : null}
      {placements && placements !== "error" && rows.length === 0 ? (
        <Paragraph>{t("placement.none")}</Paragraph>
      ) : null}
      {rows.length > 0 ? (
        <ScrollTable labelledBy={captionId}>
          <Table>
            <TableCaption id={captionId}>{t("placement.caption")}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("placement.person")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("placement.kind")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("placement.where")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("common.from")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("common.to")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("common.reason")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("common.status")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((p) => (
                <TableRow key={p.id}>
                  <TableCell>{`${p.givenNames} ${p.familyName}`}</TableCell>
                  <TableCell>{t(`placement.kindsShort.${p.kind}`)}</TableCell>
                  <TableCell className="utrecht-table__cell--wrap">
                    {p.kind === "goo"
                      ? (p.locationName ?? "—")
                      : `${addressText(p.address)}${
                          p.address?.hostName
                            ? ` (${t("placement.host", { name: p.address.hostName })})`
                            : ""
                        }`}
                  </TableCell>
                  <TableCell>{formatDate(p.validFrom, language)}</TableCell>
                  <TableCell>{p.validTo ? formatDate(p.validTo, language) : "—"}</TableCell>
                  <TableCell className="utrecht-table__cell--wrap">
                    {codes.reason(p.reason) ?? "—"}
                  </TableCell>
                  <TableCell>{t(`status.${p.status}`)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
      ) : null}
      {unplaced.length > 0 ? (
        <Paragraph data-testid="placement-unplaced">
          {t("placement.notPlacedYet", {
            names: unplaced.map((m) => fullName(m.person)).join(", "),
          })}
        </Paragraph>
      ) : null}
      {canEdit && placements && placements !== "error" && !open ? (
        <ButtonGroup>
          {unplaced.length > 0 ? (
            <Button
              type="button"
              appearance="secondary-action-button"
              onClick={() => setOpen("place")}
            >
              {t("placement.place")}
            </Button>
          ) : null}
          {hasCurrent ? (
            <>
              <Button
                type="button"
                appearance="secondary-action-button"
                onClick={() => setOpen("move")}
              >
                {t("placement.move")}
              </Button>
              <Button
                type="button"
                appearance="secondary-action-button"
                onClick={() => setOpen("end")}
              >
                {t("placement.end")}
              </Button>
            </>
          ) : (
            <Button
              type="button"
              appearance="secondary-action-button"
              onClick={() => setOpen("place")}
            >
              {t("placement.place")}
            </Button>
          )}
        </ButtonGroup>
      ) : null}
      {canEdit && (open === "place" || open === "move") ? (
        <PlacementForm
          key={open}
          mode={open}
          household={household}
          api={api}
          callbacks={done}
          onCancel={() => setOpen(null)}
          onWarnings={(list, locations) =>
            setWarnings(
              list.map((warning) => ({
                warning,
                locationName:
                  locations.find((l) => l.id === warning.params?.locationId)?.name ?? "",
              })),
            )
          }
        />
      ) : null}
      {canEdit && open === "end" ? (
        <EndPlacementsForm
          household={household}
          api={api}
          callbacks={done}
          onCancel={() => setOpen(null)}
        />
      ) : null}
    </section>
  );
}
