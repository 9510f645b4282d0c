import { Paragraph } from "@utrecht/component-library-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  CheckboxField,
  ErrorSummary,
  type FieldErrors,
  FormActions,
  SelectField,
  TextField,
  topLevelField,
  useForm,
} from "../../../components/form";
import {
  LOCATION_KINDS,
  type Location,
  type LocationFields,
  type LocationKind,
  type NewLocation,
} from "../api";
import { LOCATION_ERRORS } from "../errors";
import { todayNl } from "../format";

/** What an edit changes; catering changes from a date on the location's page instead. */
const DETAIL_FIELDS = ["name", "street", "houseNumber", "postcode", "city", "kind"] as const;
const CREATE_FIELDS = [...DETAIL_FIELDS, "catering", "places", "validFrom", "status"] as const;
type Field = (typeof CREATE_FIELDS)[number];

interface Values {
  name: string;
  street: string;
  houseNumber: string;
  postcode: string;
  city: string;
  kind: LocationKind | "";
  catering: boolean;
  places: string;
  validFrom: string;
  status: "planned" | "realised";
}

function initialValues(location?: Location): Values {
  return {
    name: location?.name ?? "",
    street: location?.street ?? "",
    houseNumber: location?.houseNumber ?? "",
    postcode: location?.postcode ?? "",
    city: location?.city ?? "",
    kind: location?.kind ?? "",
    catering: false,
    places: "",
    validFrom: todayNl(),
    status: "planned",
  };
}

const orNull = (value: string) => value.trim() || null;

export type LocationFormProps =
  | {
      mode: "create";
      location?: undefined;
      onSubmit: (input: NewLocation) => Promise<void>;
      onCancel?: () => void;
      onConflict?: undefined;
    }
  | {
      mode: "edit";
      location: Location;
      onSubmit: (input: LocationFields) => Promise<void>;
      onCancel?: () => void;
      /** The server answered 409: someone else changed the location. */
      onConflict: () => void;
    };

/**
 * Registering a location (with its first catering, capacity and status from a date) or
 * editing its details; catering, capacity and status then change from a date on the
 * location's page. Problems found here or by the server are shown at their field, in the chosen
 * language, and listed in an error summary that takes focus.
 */
export function LocationForm(props: LocationFormProps) {
  const { t } = useTranslation("locations");
  const { mode } = props;
  const [values, setValues] = useState<Values>(() => initialValues(props.location));
  const form = useForm<Field>(LOCATION_ERRORS);
  const fields = mode === "create" ? CREATE_FIELDS : DETAIL_FIELDS;

  const set =
    <K extends keyof Values>(key: K) =>
    (value: Values[K]) =>
      setValues((current) => ({ ...current, [key]: value }));

  function validate(): FieldErrors<Field> {
    const out: FieldErrors<Field> = {};
    if (!values.name.trim()) out.name = { key: "fieldErrors.required" };
    if (!values.kind) out.kind = { key: "fieldErrors.required" };
    if (mode === "create") {
      if (!values.places.trim()) out.places = { key: "fieldErrors.required" };
      else if (!/^\d+$/.test(values.places.trim()))
        out.places = { key: "fieldErrors.places_invalid" };
      if (!values.validFrom) out.validFrom = { key: "fieldErrors.required" };
    }
    return out;
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form.busy) return;
    const found = validate();
    if (Object.keys(found).length > 0) return form.fail(found);
    const details: LocationFields = {
      name: values.name.trim(),
      street: orNull(values.street),
      houseNumber: orNull(values.houseNumber),
      postcode: orNull(values.postcode),
      city: orNull(values.city),
      kind: values.kind as LocationKind,
    };
    await form.run(
      () =>
        props.mode === "create"
          ? props.onSubmit({
              ...details,
              catering: values.catering,
              places: Number(values.places.trim()),
              validFrom: values.validFrom,
              status: values.status,
            })
          : props.onSubmit(details),
      topLevelField<Field>(fields),
      props.mode === "edit" ? props.onConflict : undefined,
    );
  }

  const id = (field: Field) => `location-${field}`;

  return (
    <form
      className="opvang-form opvang-loc-form"
      noValidate
      onSubmit={handleSubmit}
      aria-busy={form.busy}
    >
      <ErrorSummary {...form.summary((field) => t(`form.${field}`), id)} />
      <TextField
        id={id("name")}
        label={t("form.name")}
        value={values.name}
        onChange={set("name")}
        error={form.error("name")}
        required
        maxLength={200}
      />
      <div className="opvang-loc-form__row">
        <TextField
          id={id("street")}
          label={t("form.street")}
          value={values.street}
          onChange={set("street")}
          error={form.error("street")}
          autoComplete="address-line1"
          maxLength={200}
        />
        <TextField
          id={id("houseNumber")}
          label={t("form.houseNumber")}
          value={values.houseNumber}
          onChange={set("houseNumber")}
          error={form.error("houseNumber")}
          maxLength={20}
        />
      </div>
      <div className="opvang-loc-form__row">
        <TextField
          id={id("postcode")}
          label={t("form.postcode")}
          description={t("form.postcodeHint")}
          value={values.postcode}
          onChange={set("postcode")}
          error={form.error("postcode")}
          autoComplete="postal-code"
          maxLength={10}
        />
        <TextField
          id={id("city")}
          label={t("form.city")}
          value={values.city}
          onChange={set("city")}
          error={form.error("city")}
          autoComplete="address-level2"
          maxLength={100}
        />
      </div>
      <SelectField
        id={id("kind")}
        label={t("form.kind")}
        value={values.kind}
        onChange={(value) => set("kind")(value as LocationKind | "")}
        error={form.error("kind")}
        required
        options={[
          { value: "", label: t("form.choose") },
          ...LOCATION_KINDS.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) })),
        ]}
      />
      {mode === "create" ? (
        <>
          <CheckboxField
            id={id("catering")}
            label={t("form.catering")}
            description={t("form.cateringHint")}
            checked={values.catering}
            onChange={set("catering")}
            error={form.error("catering")}
          />
          <TextField
            id={id("places")}
            label={t("form.places")}
            description={t("form.placesHint")}
            value={values.places}
            onChange={set("places")}
            error={form.error("places")}
            inputMode="numeric"
            required
          />
          <SelectField
            id={id("status")}
            label={t("form.status")}
            value={values.status}
            onChange={(value) => set("status")(value as Values["status"])}
            error={form.error("status")}
            options={[
              { value: "planned", label: t("statuses.planned") },
              { value: "realised", label: t("statuses.realised") },
            ]}
          />
          <TextField
            id={id("validFrom")}
            type="date"
            label={t("form.validFrom")}
            description={t("form.validFromHint")}
            value={values.validFrom}
            onChange={set("validFrom")}
            error={form.error("validFrom")}
            required
          />
        </>
      ) : (
        <Paragraph data-testid="catering-edit-hint">{t("form.cateringEditHint")}</Paragraph>
      )}
      <FormActions
        busy={form.busy}
        submit={
          form.busy
            ? t("common.saving")
            : mode === "create"
              ? t("form.submitCreate")
              : t("common.save")
        }
        cancel={t("common.cancel")}
        onCancel={props.onCancel}
      />
    </form>
  );
}
