import { Button, Link, Paragraph } from "@utrecht/component-library-react";
import type { TFunction } from "i18next";
import { type ReactNode, useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiError } from "../../../api";
import { Notice } from "../../../components/form";
import { formatCents, formatDate, formatNumber } from "../../../format";
import { currentLanguage } from "../../../i18n";
import { linkHandler } from "../../../links";
import { asApiError } from "../../../query";
import { saveFile } from "../../transition/components/download";
import type { Download, FundingParameter, OutsideReason, Period } from "../api";

export function Loading({ testId }: { testId?: string }) {
  const { t } = useTranslation("funding");
  return (
    <Paragraph role="status" data-testid={testId ?? "funding-loading"}>
      {t("common.loading")}
    </Paragraph>
  );
}

/** An error from the API in the reader's language (never the server's English). */
export function errorKeys(error: ApiError): string[] {
  return [`apiErrors.${error.code}`, "apiErrors.unknown"];
}

/** A failed load, translated. */
export function LoadProblem({ error, testId }: { error: ApiError; testId?: string }) {
  const { t } = useTranslation("funding");
  return (
    <Notice type="error" testId={testId ?? "funding-error"}>
      {t(errorKeys(error))}
    </Notice>
  );
}

/** A link inside the app that navigates without reloading the page. */
export function AppLink({
  to,
  children,
  testId,
  label,
}: {
  to: string;
  children: ReactNode;
  testId?: string;
  label?: string;
}) {
  return (
    <Link href={to} onClick={linkHandler(to)} data-testid={testId} aria-label={label}>
      {children}
    </Link>
  );
}

/**
 * A button that fetches a file with the session and saves it as the browser's download; a
 * refusal is shown beside it, translated.
 */
export function DownloadButton({
  label,
  fetchFile,
  testId,
}: {
  label: string;
  fetchFile: () => Promise<Download>;
  testId: string;
}) {
  const { t } = useTranslation("funding");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiError | null>(null);

  async function run() {
    setBusy(true);
    setProblem(null);
    try {
      const file = await fetchFile();
      saveFile(file.blob, file.filename);
    } catch (error) {
      setProblem(asApiError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="opvang-fund-download">
      <Button
        type="button"
        appearance="secondary-action-button"
        busy={busy}
        disabled={busy}
        data-testid={testId}
        onClick={() => void run()}
      >
        {busy ? t("download.busy") : label}
      </Button>
      {problem ? <LoadProblem error={problem} testId={`${testId}-error`} /> : null}
    </div>
  );
}

/** The host of a source's address, as its link reads: tweedekamer.nl. */
export function sourceHost(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
}

/** A kind of location in the reader's words (the locations' texts). */
export function kindText(t: TFunction, kind: string): string {
  return t(`kinds.${kind}`, { ns: "locations", defaultValue: kind });
}

/**
 * The page's formatting in the reader's language: numbers, euros, dates, periods, kinds of
 * location, why days are outside the base rate, and the BooO's parameters and their values.
 */
export function useFundingFormat() {
  const { t, i18n } = useTranslation("funding");
  const language = currentLanguage(i18n);
  const kind = useCallback((code: string) => kindText(t, code), [t]);
  return useMemo(
    () => ({
      language,
      n: (value: number) => formatNumber(value, language),
      euro: (cents: number) => formatCents(cents, language),
      /** An amount, or "amount not published" where the law has none (never € 0). */
      maybeEuro: (cents: number | null) =>
        cents === null ? t("common.notPublished") : formatCents(cents, language),
      /** A funding scheme's name. */
      scheme: (code: string) => t(`schemes.${code}`, { defaultValue: code }),
      date: (iso: string) => formatDate(iso, language),
      period: (period: Period) =>
        t("common.period", {
          from: formatDate(period.from, language),
          to: formatDate(period.to, language),
        }),
      /** A period for a narrow cell: it wraps between the dates, never within one. */
      periodCell: (period: Period) =>
        t("common.period", {
          from: formatDate(period.from, language).replace(/ /g, "\u00a0"),
          to: formatDate(period.to, language).replace(/ /g, "\u00a0"),
        }),
      kind,
      /** Why a location's days are outside the base rate: its kind (named), or catering. */
      reason: (reason: OutsideReason, locationKind: string) =>
        t(`reasons.${reason}`, { kind: kind(locationKind).toLocaleLowerCase(language) }),
      /** What the base rate does not fund in a norm period. */
      outside: (rule: { locationKinds: string[]; catering: boolean }) => {
        const parts = rule.locationKinds.map(kind);
        if (rule.catering) parts.push(t("outside.catering"));
        return parts.length ? parts.join(", ") : t("outside.nothing");
      },
      parameterName: (name: string) => t(`parameters.${name}`, { defaultValue: name }),
      parameterValue: (parameter: FundingParameter) => {
        const { value } = parameter;
        if (typeof value === "string" && parameter.unit === "date") {
          return formatDate(value, language);
        }
        if (typeof value === "number") {
          return parameter.unit === "cents"
            ? formatCents(value, language)
            : formatNumber(value, language);
        }
        if (parameter.name === "booo.goo.outside-base-rate.location-kinds") {
          const kinds = value
            .split(",")
            .map((k) => k.trim())
            .filter((k) => k && k !== "none");
          return kinds.length ? kinds.map(kind).join(", ") : t("outside.noKinds");
        }
        return t(`ruleValues.${value}`, { defaultValue: value });
      },
    }),
    [t, language, kind],
  );
}

export type FundingFormat = ReturnType<typeof useFundingFormat>;
