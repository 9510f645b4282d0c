import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Button,
  ButtonGroup,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, FormActions, Notice, TextField, useForm } from "../../components/form";
import { PageTitle } from "../../components/PageTitle";
import { ScrollTable } from "../../components/ScrollTable";
import { currentLanguage } from "../../i18n";
import { asApiError } from "../../query";
import { useCan } from "../../session";
import { AppLink, LoadError, Loading } from "../locations/components/Common";
import { LOCATION_ERRORS } from "../locations/errors";
import { formatCents, formatDate, formatMonth, isValidBsn, maskBsn } from "../locations/format";
import { type Income, incomesApi, type NewIncome, type PersonHit } from "./api";
import {
  type IncomeEdit,
  IncomeEditor,
  type IncomeMessage,
  IncomeRowActions,
} from "./components/IncomeEditor";
import { IncomeForm } from "./components/IncomeForm";
import { IncomeImport } from "./components/IncomeImport";
import { personIncomesQuery } from "./queries";

/** /incomes: a person's incomes (found by BSN), manual entry and the import. */
export function IncomesPage() {
  const { t } = useTranslation(NS, { nsMode: "fallback" });
  const [person, setPerson] = useState<PersonHit | null>(null);
  const can = useCan();
  const canWrite = can("incomes.write");
  return (
    <div className="opvang-loc-page" data-testid="page-incomes">
      <PageTitle>{t("incomes.title")}</PageTitle>
      <Paragraph>{t("incomes.intro")}</Paragraph>
      <PersonLookup onFound={setPerson} />
      {person ? <PersonIncomes key={person.id} person={person} canWrite={canWrite} /> : null}
      {can("incomes.import") ? <IncomeImport /> : null}
    </div>
  );
}

const BSN_ID = "lookup-bsn";

/** Moves focus to an element once it is rendered (a panel that has just opened). */
function focusLater(id: string) {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

/** The feature's texts, then the shared ones of locations (common, errors). */
const NS = ["incomes", "locations"];

function PersonLookup({ onFound }: { onFound: (person: PersonHit | null) => void }) {
  const { t } = useTranslation(NS, { nsMode: "fallback" });
  const headingId = useId();
  const [bsn, setBsn] = useState("");
  const form = useForm<typeof BSN_ID>(LOCATION_ERRORS);
  const [notFound, setNotFound] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form.busy) return;
    setNotFound(false);
    const value = bsn.replace(/[\s.]/g, "");
    const code = !value
      ? "required"
      : !/^\d{9}$/.test(value)
        ? "bsn_format"
        : !isValidBsn(value)
          ? "bsn_check"
          : null;
    if (code) {
      onFound(null);
      return form.fail({ [BSN_ID]: { key: `fieldErrors.${code}` } });
    }
    const found = await form.run(
      async () => {
        const hits = await incomesApi.personsByBsn(value);
        const hit = hits.find((h) => h.bsn === value) ?? null;
        onFound(hit);
        setNotFound(!hit);
      },
      () => null,
    );
    if (!found) onFound(null);
  }

  return (
    <section aria-labelledby={headingId} className="opvang-loc-section" data-testid="person-lookup">
      <Heading2 id={headingId}>{t("incomes.lookupHeading")}</Heading2>
      <form className="opvang-form" noValidate onSubmit={handleSubmit} aria-labelledby={headingId}>
        <ErrorSummary {...form.summary({ [BSN_ID]: t("incomes.bsn") })} />
        <TextField
          id={BSN_ID}
          label={t("incomes.bsn")}
          description={t("incomes.bsnHint")}
          value={bsn}
          onChange={setBsn}
          inputMode="numeric"
          autoComplete="off"
          error={form.error(BSN_ID)}
          required
        />
        <FormActions busy={form.busy} submit={t("incomes.lookup")} />
      </form>
      {notFound ? (
        <Paragraph role="status" data-testid="person-not-found">
          {t("incomes.personNotFound")}
        </Paragraph>
      ) : null}
    </section>
  );
}

function PersonIncomes({ person, canWrite }: { person: PersonHit; canWrite: boolean }) {
  const { t, i18n } = useTranslation(NS, { nsMode: "fallback" });
  const language = currentLanguage(i18n);
  const headingId = useId();
  const queryClient = useQueryClient();
  const incomes = useQuery(personIncomesQuery(person.id));
  const name = `${person.given_names} ${person.family_name}`;
  const rows = incomes.data?.months.flatMap((m) => m.incomes) ?? [];
  const [edit, setEdit] = useState<IncomeEdit | null>(null);
  const [message, setMessage] = useState<IncomeMessage | null>(null);
  // The entry form: starting values (a caseworker's figure for an imported month), and the
  // income a 409 said is recorded already.
  const [entry, setEntry] = useState<{ key: number; initial?: Partial<NewIncome> }>({ key: 0 });
  const [existing, setExisting] = useState<number | null>(null);
  const reload = () =>
    queryClient.invalidateQueries({ queryKey: personIncomesQuery(person.id).queryKey });
  const startEdit = (next: IncomeEdit) => {
    setMessage(null);
    setEdit(next);
    focusLater(`income-edit-${person.id}`);
  };
  const enterInstead = (income: Income) => {
    setEdit(null);
    setExisting(null);
    setEntry((current) => ({
      key: current.key + 1,
      initial: {
        month: income.month,
        kind: income.kind,
        source: "caseworker",
        payer: income.payer,
        netCents: income.netCents,
      },
    }));
    focusLater(`income-entry-${person.id}`);
  };
  return (
    <section
      aria-labelledby={headingId}
      className="opvang-loc-section"
      data-testid="person-incomes"
    >
      <Heading2 id={headingId}>{t("incomes.personHeading", { name })}</Heading2>
      <Paragraph>
        {t("incomes.personLine", {
          bsn: maskBsn(person.bsn),
          birthDate: formatDate(person.birth_date, language),
        })}{" "}
        {person.household_id ? (
          <AppLink to={`/households/${person.household_id}`}>
            {t("detail.householdLink", { id: person.household_id })}
          </AppLink>
        ) : null}
      </Paragraph>
      {incomes.isError ? <LoadError error={asApiError(incomes.error)} /> : null}
      {incomes.isPending ? <Loading /> : null}
      {incomes.data ? (
        rows.length === 0 ? (
          <Paragraph data-testid="incomes-empty">{t("incomes.none")}</Paragraph>
        ) : (
          <ScrollTable label={t("incomes.tableCaption", { name })}>
            <Table className="opvang-loc-table" data-testid="incomes-table">
              <TableCaption>{t("incomes.tableCaption", { name })}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t("incomes.month")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("incomes.kind")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("incomes.source")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("incomes.payer")}</TableHeaderCell>
                  <TableHeaderCell scope="col" className="opvang-loc-num">
                    {t("incomes.netCents")}
                  </TableHeaderCell>
                  {canWrite ? (
                    <TableHeaderCell scope="col">{t("incomes.actions")}</TableHeaderCell>
                  ) : null}
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((income) => (
                  <TableRow key={income.id} data-testid={`income-${income.id}`}>
                    <TableHeaderCell scope="row">
                      {formatMonth(income.month, language)}
                    </TableHeaderCell>
                    <TableCell>{t([`incomeKinds.${income.kind}`, "incomeKinds.work"])}</TableCell>
                    <TableCell>{t(`incomeSources.${income.source}`)}</TableCell>
                    <TableCell>{income.payer ?? "–"}</TableCell>
                    <TableCell className="opvang-loc-num">
                      {formatCents(income.netCents, language)}
                    </TableCell>
                    {canWrite ? (
                      <TableCell>
                        <IncomeRowActions income={income} onEdit={startEdit} />
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </ScrollTable>
        )
      ) : null}
      <div id={`income-edit-${person.id}`} tabIndex={-1}>
        {message ? (
          <Notice type={message.type} testId="income-message">
            {t(message.key, { month: formatMonth(message.month, language) })}
          </Notice>
        ) : null}
        {canWrite && edit ? (
          <IncomeEditor
            key={`${edit.id}-${edit.mode}`}
            edit={edit}
            incomes={rows}
            reload={reload}
            onEdit={startEdit}
            onCancel={() => setEdit(null)}
            onEnterInstead={enterInstead}
            onDone={(done) => {
              setEdit(null);
              setMessage(done);
              focusLater(`income-edit-${person.id}`);
            }}
          />
        ) : null}
      </div>
      {canWrite ? (
        <div id={`income-entry-${person.id}`} tabIndex={-1}>
          <IncomeForm
            key={entry.key}
            initial={entry.initial}
            onConflict={(id) => {
              setExisting(id);
              void reload();
            }}
            notice={
              existing !== null ? (
                <ButtonGroup>
                  <Button
                    type="button"
                    appearance="secondary-action-button"
                    data-testid="income-correct-existing"
                    onClick={() => startEdit({ id: existing, mode: "correct" })}
                  >
                    {t("incomes.correctExisting")}
                  </Button>
                </ButtonGroup>
              ) : null
            }
            onSubmit={async (input) => {
              setExisting(null);
              await incomesApi.addIncome(person.id, input);
              await reload();
            }}
          />
        </div>
      ) : null}
    </section>
  );
}
