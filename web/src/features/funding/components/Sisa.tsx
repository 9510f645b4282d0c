import { Heading2, Paragraph } from "@utrecht/component-library-react";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { SelectField } from "../../../components/form";
import { todayNl } from "../../../format";
import type { FundingApi } from "../api";
import { DownloadButton } from "./Common";

/** The book years with SiSa figures: from 2022 (the BooO's first) to this year. */
export function sisaYears(today: string = todayNl()): number[] {
  const last = Number(today.slice(0, 4));
  return Array.from({ length: last - 2022 + 1 }, (_, i) => last - i);
}

/**
 * The SiSa accounting figures of a book year as CSV: one row per indicator (place-days and
 * amount for GOO, person-months and amount for POO, the other target groups, the transition
 * costs, the advance requested and received), per scheme; an amount that is not published
 * stays empty.
 */
export function SisaSection({ api }: { api: FundingApi }) {
  const { t } = useTranslation("funding");
  const headingId = useId();
  const years = sisaYears();
  const [year, setYear] = useState(String(years[0]));
  return (
    <section
      className="opvang-fund-section"
      aria-labelledby={headingId}
      id="funding-sisa"
      data-testid="funding-sisa"
    >
      <Heading2 id={headingId}>{t("sisa.heading")}</Heading2>
      <Paragraph>{t("sisa.intro")}</Paragraph>
      <div className="opvang-fund-period__fields">
        <SelectField
          id="funding-sisa-year"
          label={t("sisa.year")}
          value={year}
          onChange={setYear}
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
        />
        <DownloadButton
          testId="funding-sisa-csv"
          label={t("sisa.download", { year })}
          fetchFile={() => api.sisa(Number(year))}
        />
      </div>
      <Paragraph className="opvang-fund-muted">{t("sisa.codes")}</Paragraph>
    </section>
  );
}
