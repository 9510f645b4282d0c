import { Button } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Notice } from "../../../components/form";
import { asApiError } from "../../../query";
import { saveFile } from "../../transition/components/download";
import type { Download } from "../api";
import { errorKey } from "./Common";

/**
 * A button that fetches a file with the session and saves it as the browser's download; a
 * refusal (nothing to transfer, the run not approved yet) is shown beside it, translated.
 */
export function DownloadButton({
  label,
  fetchFile,
  testId,
  appearance = "secondary-action-button",
}: {
  label: string;
  fetchFile: () => Promise<Download>;
  testId: string;
  appearance?: "primary-action-button" | "secondary-action-button";
}) {
  const { t } = useTranslation("monthly-run");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string[] | null>(null);

  async function run() {
    setBusy(true);
    setProblem(null);
    try {
      const file = await fetchFile();
      saveFile(file.blob, file.filename);
    } catch (error) {
      setProblem(errorKey(asApiError(error)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="opvang-mr-download">
      <Button
        type="button"
        appearance={appearance}
        busy={busy}
        disabled={busy}
        data-testid={testId}
        onClick={() => void run()}
      >
        {busy ? t("downloads.busy") : label}
      </Button>
      {problem ? (
        <Notice type="error" testId={`${testId}-error`}>
          {t(problem)}
        </Notice>
      ) : null}
    </div>
  );
}
