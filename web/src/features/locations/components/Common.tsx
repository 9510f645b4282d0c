import { Link, Paragraph } from "@utrecht/component-library-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ApiError } from "../../../api";
import { Notice, TextField } from "../../../components/form";
import { linkHandler } from "../../../links";
import { formErrorKeys } from "../errors";

/** A link inside the app that navigates without reloading the page. */
export function AppLink({
  to,
  children,
  testId,
}: {
  to: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Link href={to} onClick={linkHandler(to)} data-testid={testId}>
      {children}
    </Link>
  );
}

export function Loading() {
  const { t } = useTranslation("locations");
  return (
    <Paragraph role="status" className="opvang-loading">
      {t("common.loading")}
    </Paragraph>
  );
}

/** An error from loading data, in the chosen language. */
export function LoadError({ error }: { error: ApiError }) {
  const { t } = useTranslation("locations");
  return (
    <Notice type="error" testId="load-error">
      {t(formErrorKeys(error.code), { message: error.message })}
    </Notice>
  );
}

/** The date the figures are shown for (default today). */
export function OnDateField({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation("locations");
  return (
    <div className="opvang-loc-on-date">
      <TextField
        id={id}
        type="date"
        label={t("common.onDate")}
        description={t("common.onDateHint")}
        value={value}
        onChange={onChange}
      />
    </div>
  );
}
