import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Button,
  ButtonGroup,
  Paragraph,
  PrimaryActionButton,
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
import { ROLES, type Role } from "../../api";
import { Notice, SelectField, TextField, useErrorText } from "../../components/form";
import { PageTitle } from "../../components/PageTitle";
import { ScrollTable } from "../../components/ScrollTable";
import { formatNumber } from "../../format";
import { currentLanguage } from "../../i18n";
import { asApiError } from "../../query";
import { useSession } from "../../session";
import {
  type Account,
  type AccountOptions,
  EMPTY_FILTER,
  PAGE_SIZE,
  type UserFilter,
  type UsersApi,
  usersApi,
} from "./api";
import { CreateUserForm } from "./components/CreateUserForm";
import { LastSignIn, ManageUser } from "./components/ManageUser";
import { OneTimePassword } from "./components/OneTimePassword";
import { USERS_ERRORS } from "./errors";
import { USERS_KEY, userOptionsQuery, usersListQuery } from "./queries";
import "./users.css";

/**
 * /users (municipal admin: their municipality's staff; system admin: every account): the
 * accounts with search, filters and pages; a new account, whose one-time password is shown
 * once; and per account the name, role, (de)activation and a new one-time password. Every
 * change is confirmed by the server's answer, and a 409 reloads what someone else saved.
 */
export function UsersPage({ api = usersApi }: { api?: UsersApi }) {
  const { t, i18n } = useTranslation("users");
  const { user: me, can } = useSession();
  const language = currentLanguage(i18n);
  const queryClient = useQueryClient();
  const errorText = useErrorText(USERS_ERRORS);
  const captionId = useId();

  const [draft, setDraft] = useState<Omit<UserFilter, "offset">>(EMPTY_FILTER);
  const [filter, setFilter] = useState<UserFilter>(EMPTY_FILTER);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ user: Account; initialPassword: string } | null>(null);
  const [selected, setSelected] = useState<Account | null>(null);

  const list = useQuery({ ...usersListQuery(api, filter), placeholderData: keepPreviousData });
  const options = useQuery(userOptionsQuery(api));
  const mayWrite = can("users.write");
  // The municipality is a column only for an administrator of more than one.
  const showGemeente = !me.gemeenteCode;

  // The selected account as the latest list has it (after a save or a conflict's reload).
  const current = selected
    ? (list.data?.users.find((u) => u.id === selected.id && u.version >= selected.version) ??
      selected)
    : null;

  function refresh() {
    void queryClient.invalidateQueries({ queryKey: USERS_KEY });
  }

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFilter({ ...draft, offset: 0 });
  }

  const roleName = (role: Role) => t(`roles.${role}`, { ns: "translation" });
  const data = list.data;
  const from = data && data.total > 0 ? data.offset + 1 : 0;
  const to = data ? data.offset + data.users.length : 0;

  return (
    <div className="opvang-users" data-testid="users-page">
      <PageTitle>{t("title")}</PageTitle>
      <Paragraph>
        {me.gemeenteName ? t("intro.gemeente", { name: me.gemeenteName }) : t("intro.all")}
      </Paragraph>

      {mayWrite && options.data ? (
        <CreateSection
          api={api}
          options={options.data}
          creating={creating}
          created={created}
          onStart={() => {
            setCreated(null);
            setCreating(true);
          }}
          onCreated={(result) => {
            setCreating(false);
            setCreated(result);
            refresh();
          }}
          onCancel={() => setCreating(false)}
          onDone={() => setCreated(null)}
        />
      ) : null}
      {options.isError ? (
        <Notice type="error" testId="users-options-error">
          {errorText({ key: `formErrors.${asApiError(options.error).code}` }) ?? ""}
        </Notice>
      ) : null}

      <form
        className="opvang-users-filter"
        noValidate
        aria-label={t("filter.formLabel")}
        onSubmit={search}
        data-testid="users-filter"
      >
        <TextField
          id="users-q"
          type="search"
          label={t("filter.q")}
          value={draft.q}
          onChange={(q) => setDraft((d) => ({ ...d, q }))}
          maxLength={100}
        />
        <SelectField
          id="users-role"
          label={t("filter.role")}
          value={draft.role}
          onChange={(role) => setDraft((d) => ({ ...d, role: role as Role | "" }))}
          options={[
            { value: "", label: t("filter.anyRole") },
            // Every role for the system admin (residents included), else the ones managed.
            ...(showGemeente ? ROLES : (options.data?.roles ?? [])).map((role) => ({
              value: role,
              label: roleName(role),
            })),
          ]}
        />
        <SelectField
          id="users-active"
          label={t("filter.status")}
          value={draft.active}
          onChange={(active) => setDraft((d) => ({ ...d, active: active as UserFilter["active"] }))}
          options={[
            { value: "", label: t("filter.anyStatus") },
            { value: "true", label: t("status.active") },
            { value: "false", label: t("status.inactive") },
          ]}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit">{t("filter.submit")}</PrimaryActionButton>
        </ButtonGroup>
      </form>

      <div aria-live="polite">
        {list.isPending ? <Paragraph>{t("list.loading")}</Paragraph> : null}
        {data ? (
          <Paragraph data-testid="users-count">
            {data.total === 0
              ? t("list.empty")
              : t("list.range", {
                  from: formatNumber(from, language),
                  to: formatNumber(to, language),
                  total: formatNumber(data.total, language),
                })}
          </Paragraph>
        ) : null}
      </div>
      {list.isError ? (
        <Notice type="error" testId="users-error">
          {errorText({ key: `formErrors.${asApiError(list.error).code}` }) ?? ""}
        </Notice>
      ) : null}

      {data && data.users.length > 0 ? (
        <ScrollTable labelledBy={captionId}>
          <Table data-testid="users-table">
            <TableCaption id={captionId}>{t("list.caption")}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("list.col.name")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("list.col.username")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("list.col.role")}</TableHeaderCell>
                {showGemeente ? (
                  <TableHeaderCell scope="col">{t("list.col.gemeente")}</TableHeaderCell>
                ) : null}
                <TableHeaderCell scope="col">{t("list.col.status")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("list.col.lastSignIn")}</TableHeaderCell>
                {mayWrite ? (
                  <TableHeaderCell scope="col">{t("list.col.actions")}</TableHeaderCell>
                ) : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.users.map((account) => (
                <TableRow
                  key={account.id}
                  data-testid="user-row"
                  data-username={account.username}
                  aria-current={current?.id === account.id ? "true" : undefined}
                >
                  <TableCell>
                    {account.displayName}
                    {account.id === me.id ? ` ${t("list.you")}` : ""}
                  </TableCell>
                  <TableCell>{account.username}</TableCell>
                  <TableCell>{roleName(account.role)}</TableCell>
                  {showGemeente ? (
                    <TableCell>{account.gemeenteName ?? t("list.national")}</TableCell>
                  ) : null}
                  <TableCell>
                    {account.active ? t("status.active") : t("status.inactive")}
                    {account.mustChangePassword ? (
                      <span className="opvang-users-note"> · {t("status.oneTime")}</span>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    <LastSignIn at={account.lastSignInAt} language={language} />
                  </TableCell>
                  {mayWrite ? (
                    <TableCell>
                      <Button
                        type="button"
                        appearance="secondary-action-button"
                        aria-label={t("list.manageLabel", { name: account.displayName })}
                        onClick={() => setSelected(account)}
                      >
                        {t("list.manage")}
                      </Button>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
      ) : null}

      {data && data.total > PAGE_SIZE ? (
        <nav aria-label={t("list.paging")} className="opvang-users-paging">
          <ButtonGroup>
            <Button
              type="button"
              appearance="secondary-action-button"
              disabled={data.offset === 0}
              onClick={() =>
                setFilter((f) => ({ ...f, offset: Math.max(0, f.offset - PAGE_SIZE) }))
              }
            >
              {t("list.previous")}
            </Button>
            <Button
              type="button"
              appearance="secondary-action-button"
              disabled={to >= data.total}
              onClick={() => setFilter((f) => ({ ...f, offset: f.offset + PAGE_SIZE }))}
            >
              {t("list.next")}
            </Button>
          </ButtonGroup>
        </nav>
      ) : null}

      {current && options.data && mayWrite ? (
        <ManageUser
          key={current.id}
          account={current}
          options={options.data}
          isSelf={current.id === me.id}
          api={api}
          language={language}
          onChanged={(account) => {
            setSelected(account);
            refresh();
          }}
          onConflict={refresh}
          onClose={() => setSelected(null)}
        />
      ) : null}
    </div>
  );
}

/** "New account", its form, and the one-time password once it is made. */
function CreateSection({
  api,
  options,
  creating,
  created,
  onStart,
  onCreated,
  onCancel,
  onDone,
}: {
  api: UsersApi;
  options: AccountOptions;
  creating: boolean;
  created: { user: Account; initialPassword: string } | null;
  onStart: () => void;
  onCreated: (result: { user: Account; initialPassword: string }) => void;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation("users");
  if (created) {
    return (
      <OneTimePassword
        testId="created-password"
        heading={t("password.createdHeading", { username: created.user.username })}
        name={created.user.displayName}
        password={created.initialPassword}
        onDone={onDone}
      />
    );
  }
  if (creating) {
    return (
      <section className="opvang-users-create">
        <CreateUserForm api={api} options={options} onCreated={onCreated} onCancel={onCancel} />
      </section>
    );
  }
  return (
    <ButtonGroup>
      <PrimaryActionButton type="button" onClick={onStart}>
        {t("new")}
      </PrimaryActionButton>
    </ButtonGroup>
  );
}
