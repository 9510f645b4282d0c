import { useQueryClient } from "@tanstack/react-query";
import {
  Blockquote,
  Button,
  Heading2,
  Heading3,
  Paragraph,
} from "@utrecht/component-library-react";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  DateField,
  ErrorSummary,
  FormActions,
  Notice,
  SelectField,
  topLevelField,
  useForm,
} from "../../../components/form";
import { formatDateInput, parseDateInput } from "../../../dates";
import { currentLanguage } from "../../../i18n";
import {
  type FiguresParagraph,
  type NationalApi,
  PARAGRAPH_LANGUAGES,
  type ParagraphLanguage,
} from "../api";
import { paragraphQuery } from "../queries";
import { NATIONAL_ERRORS } from "./Common";
import { SECTIONS } from "./PageNav";

const FIELDS = ["date", "brpDate", "lang"] as const;
type Field = (typeof FIELDS)[number];

/**
 * The figures paragraph the Verzamelbrief opens with: the nation's Ukrainians registered in
 * the BRP on one date and its realised and occupied places on another (the letters date them
 * apart), in Dutch or English. The text is the server's (national.catalog.ts), shown in its
 * own language with a button to copy it into the letter.
 */
export function ParagraphSection({ api, on }: { api: NationalApi; on: string }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const queryClient = useQueryClient();
  const headingId = useId();
  const form = useForm<Field>(NATIONAL_ERRORS);
  const [date, setDate] = useState(() => formatDateInput(on, language));
  const [brpDate, setBrpDate] = useState(() => formatDateInput(on, language));
  const [lang, setLang] = useState<ParagraphLanguage>(language === "en" ? "en" : "nl");
  const [result, setResult] = useState<FiguresParagraph | null>(null);
  const [copied, setCopied] = useState(false);
  const id = (field: Field) => `paragraph-${field}`;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const places = parseDateInput(date);
    const brp = parseDateInput(brpDate);
    if (!places || !brp) {
      form.fail({
        ...(places
          ? {}
          : { date: { key: date.trim() ? "errors.date_format" : "errors.required" } }),
        ...(brp
          ? {}
          : { brpDate: { key: brpDate.trim() ? "errors.date_format" : "errors.required" } }),
      });
      return;
    }
    setCopied(false);
    await form.run(async () => {
      setResult(
        await queryClient.fetchQuery(paragraphQuery(api, { date: places, brpDate: brp, lang })),
      );
    }, topLevelField(FIELDS));
  }

  async function copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <section
      id={SECTIONS.paragraph}
      tabIndex={-1}
      className="opvang-loc-section opvang-nat-anchor"
      aria-labelledby={headingId}
      data-testid="paragraph"
    >
      <Heading2 id={headingId}>{t("paragraph.heading")}</Heading2>
      <Paragraph>{t("paragraph.intro")}</Paragraph>
      <form
        className="opvang-nat-form"
        noValidate
        onSubmit={handleSubmit}
        aria-busy={form.busy}
        data-testid="paragraph-form"
      >
        <ErrorSummary
          {...form.summary(
            {
              date: t("paragraph.date"),
              brpDate: t("paragraph.brpDate"),
              lang: t("paragraph.lang"),
            },
            id,
          )}
        />
        <div className="opvang-nat-fields">
          <DateField
            id={id("brpDate")}
            label={t("paragraph.brpDate")}
            description={t("paragraph.brpDateHint")}
            value={brpDate}
            onChange={setBrpDate}
            error={form.error("brpDate")}
          />
          <DateField
            id={id("date")}
            label={t("paragraph.date")}
            description={t("paragraph.dateHint")}
            value={date}
            onChange={setDate}
            error={form.error("date")}
          />
          <SelectField
            id={id("lang")}
            label={t("paragraph.lang")}
            value={lang}
            onChange={(value) => setLang(value as ParagraphLanguage)}
            options={PARAGRAPH_LANGUAGES.map((code) => ({
              value: code,
              label: t(`paragraph.languages.${code}`),
            }))}
            error={form.error("lang")}
          />
        </div>
        <FormActions busy={form.busy} submit={t("paragraph.submit")} />
      </form>
      {result ? (
        <div className="opvang-nat-result" data-testid="paragraph-result" aria-live="polite">
          <Heading3>{t("paragraph.result")}</Heading3>
          <Blockquote lang={result.lang} data-testid="paragraph-text">
            <Paragraph>{result.text}</Paragraph>
          </Blockquote>
          {typeof navigator !== "undefined" && navigator.clipboard ? (
            <Button
              type="button"
              appearance="secondary-action-button"
              data-testid="paragraph-copy"
              onClick={() => void copy(result.text)}
            >
              {t("paragraph.copy")}
            </Button>
          ) : null}
          {copied ? (
            <Notice type="ok" testId="paragraph-copied">
              {t("paragraph.copied")}
            </Notice>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
