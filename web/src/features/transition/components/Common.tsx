import { Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import type { ApiError } from "../../../api";
import { Notice } from "../../../components/form";

export function Loading() {
  const { t } = useTranslation("transition");
  return (
    <Paragraph role="status" className="opvang-loading">
      {t("common.loading")}
    </Paragraph>
  );
}

/** An error from loading data, in the chosen language (never the server's English). */
export function LoadProblem({ error }: { error: ApiError }) {
  const { t } = useTranslation("transition");
  return (
    <Notice type="error" testId="load-error">
      {t([`apiErrors.${error.code}`, "apiErrors.unknown"])}
    </Notice>
  );
}
