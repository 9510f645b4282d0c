import { Button, ButtonGroup, Heading2, Paragraph } from "@utrecht/component-library-react";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { DateField, ErrorSummary, topLevelField, useForm } from "../../../components/form";
import { parseDateInput } from "../../../dates";
import { saveFile } from "../../transition/components/download";
import { type NationalApi, OPEN_DATA_FORMATS, type OpenDataFormat } from "../api";
import { NATIONAL_ERRORS } from "./Common";
import { SECTIONS } from "./PageNav";

const FIELDS = ["from", "to"] as const;
type Field = (typeof FIELDS)[number];

/**
 * The open-data files: per municipality and ISO week the figures on the week's Sunday, as
 * CSV or JSON, counts from 1 to 4 left out with their partners (docs/open-data.md). The weeks are optional: left
 * empty, the server gives the 13 weeks up to the last Sunday.
 */
export function OpenDataSection({ api }: { api: NationalApi }) {
  const { t } = useTranslation("national");
  const headingId = useId();
  const form = useForm<Field>(NATIONAL_ERRORS);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [busy, setBusy] = useState<OpenDataFormat | null>(null);
  const id = (field: Field) => `open-data-${field}`;

  async function download(format: OpenDataFormat) {
    const dates = { from: from.trim(), to: to.trim() };
    const parsed = {
      from: dates.from ? parseDateInput(dates.from) : null,
      to: dates.to ? parseDateInput(dates.to) : null,
    };
    const wrong = FIELDS.filter((field) => dates[field] && !parsed[field]);
    if (wrong.length) {
      form.fail(Object.fromEntries(wrong.map((field) => [field, { key: "errors.date_format" }])));
      return;
    }
    setBusy(format);
    await form.run(async () => {
      const file = await api.openData(format, parsed);
      saveFile(file.blob, file.filename);
    }, topLevelField(FIELDS));
    setBusy(null);
  }

  return (
    <section
      id={SECTIONS.openData}
      tabIndex={-1}
      className="opvang-loc-section opvang-nat-anchor"
      aria-labelledby={headingId}
      data-testid="open-data"
    >
      <Heading2 id={headingId}>{t("openData.heading")}</Heading2>
      <Paragraph>{t("openData.intro")}</Paragraph>
      <Paragraph>{t("openData.suppression")}</Paragraph>
      <ErrorSummary {...form.summary({ from: t("openData.from"), to: t("openData.to") }, id)} />
      <div className="opvang-nat-fields">
        <DateField
          id={id("from")}
          label={t("openData.from")}
          description={t("openData.fromHint")}
          value={from}
          onChange={setFrom}
          error={form.error("from")}
        />
        <DateField
          id={id("to")}
          label={t("openData.to")}
          description={t("openData.toHint")}
          value={to}
          onChange={setTo}
          error={form.error("to")}
        />
      </div>
      <ButtonGroup>
        {OPEN_DATA_FORMATS.map((format) => (
          <Button
            key={format}
            type="button"
            appearance="secondary-action-button"
            busy={busy === format}
            disabled={busy !== null}
            data-testid={`open-data-${format}`}
            onClick={() => void download(format)}
          >
            {busy === format ? t("openData.busy") : t(`openData.${format}`)}
          </Button>
        ))}
      </ButtonGroup>
    </section>
  );
}
