import { Heading2, Heading3, Paragraph } from "@utrecht/component-library-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../../i18n";
import { type MonthlyRun, type MonthlyRunApi, RUN_FILES } from "../api";
import { formatMonth } from "../format";
import { DownloadButton } from "./DownloadButton";

/**
 * The files of an approved run: the SEPA credit transfer file for the bank, the collection
 * list and the card-or-cash list (CSV), and every household's letter in one PDF to print.
 * Each says what it is for; a file with nothing in it is refused, and that is said too.
 */
export function Downloads({ api, run }: { api: MonthlyRunApi; run: MonthlyRun }) {
  const { t, i18n } = useTranslation("monthly-run");
  const language = currentLanguage(i18n);
  const headingId = useId();
  return (
    <section className="opvang-mr-section" aria-labelledby={headingId} data-testid="run-downloads">
      <Heading2 id={headingId}>
        {t("downloads.heading", { month: formatMonth(run.month, language) })}
      </Heading2>
      <Paragraph>{t("downloads.intro")}</Paragraph>
      <ul className="opvang-mr-files">
        {RUN_FILES.map((file) => (
          <li key={file} className="opvang-mr-file" data-file={file}>
            <Heading3>{t(`downloads.files.${file}.title`)}</Heading3>
            <Paragraph>{t(`downloads.files.${file}.description`)}</Paragraph>
            <DownloadButton
              testId={`download-${file}`}
              label={t(`downloads.files.${file}.button`)}
              fetchFile={() => api.file(run.id, file)}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
