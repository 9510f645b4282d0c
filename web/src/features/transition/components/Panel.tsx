import { Heading4 } from "@utrecht/component-library-react";
import type { FormEvent, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, type ErrorSummaryProps, FormActions } from "../../../components/form";

/** A change form in a bordered panel: heading, error summary, fields, save and cancel. */
export function Panel({
  name,
  heading,
  intro,
  summary,
  busy,
  submit,
  onSubmit,
  onCancel,
  children,
}: {
  /** Names the form (`${name}-form` test id) and its heading (`${name}-heading` id). */
  name: string;
  heading: string;
  intro?: ReactNode;
  summary: ErrorSummaryProps;
  busy: boolean;
  submit: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation("transition");
  return (
    <form
      className="opvang-tr-panel"
      noValidate
      onSubmit={onSubmit}
      aria-labelledby={`${name}-heading`}
      aria-busy={busy}
      data-testid={`${name}-form`}
    >
      <Heading4 id={`${name}-heading`}>{heading}</Heading4>
      {intro}
      <ErrorSummary {...summary} />
      <div className="opvang-tr-grid">{children}</div>
      <FormActions busy={busy} submit={submit} cancel={t("common.cancel")} onCancel={onCancel} />
    </form>
  );
}
