import {
  ButtonGroup,
  Link,
  PrimaryActionButton,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField, useErrorText } from "../../../components/form";
import { ScrollTable } from "../../../components/ScrollTable";
import { SearchStatus } from "../../../components/SearchStatus";
import { useLatestSearch } from "../../../components/useLatestSearch";
import { linkHandler } from "../../../links";
import { REGISTRY_ERRORS } from "../errors";
import { formatDate } from "../format";
import type { LocationSummary, RegistryApi } from "../registry-api";

/**
 * One search box for a name in either script, a BSN or a V-number, with an optional
 * location filter. Enter submits (it is a form); the result count is announced.
 */

export interface SearchRequest {
  q: string;
  locationId?: number;
}

export function readSearch(search: string): SearchRequest {
  const params = new URLSearchParams(search);
  const location = Number(params.get("location"));
  return {
    q: params.get("q") ?? "",
    ...(Number.isInteger(location) && location > 0 ? { locationId: location } : {}),
  };
}

export function searchUrl(path: string, request: SearchRequest): string {
  const params = new URLSearchParams();
  if (request.q.trim()) params.set("q", request.q.trim());
  if (request.locationId) params.set("location", String(request.locationId));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export interface PersonSearchProps {
  api: RegistryApi;
  initial?: SearchRequest;
  /** Show the location filter (it needs the locations list). */
  withLocation?: boolean;
  /** Instead of searching here, hand the request over (to the search page). */
  onSubmit?: (request: SearchRequest) => void;
  /** Called after a search ran here, to keep the address bar in step. */
  onSearched?: (request: SearchRequest) => void;
  idPrefix?: string;
}

export function PersonSearch({
  api,
  initial,
  withLocation = false,
  onSubmit,
  onSearched,
  idPrefix = "search",
}: PersonSearchProps) {
  const { t, i18n } = useTranslation("registry");
  const errorText = useErrorText(REGISTRY_ERRORS);
  const [q, setQ] = useState(initial?.q ?? "");
  const [locationId, setLocationId] = useState(
    initial?.locationId ? String(initial.locationId) : "",
  );
  const [locations, setLocations] = useState<LocationSummary[]>([]);
  const inputRef = useRef<HTMLInputElement>(null);
  const { state, run, fieldError, setFieldError } = useLatestSearch({
    key: "persons",
    search: (request: SearchRequest) => api.search(request),
    catalog: REGISTRY_ERRORS,
    inputRef,
    onSearched,
  });
  const captionId = useId();

  useEffect(() => {
    if (!withLocation) return;
    let cancelled = false;
    api.locations().then(
      (list) => {
        if (!cancelled) setLocations(list);
      },
      () => {
        // Without the list the filter offers "all locations" only.
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, withLocation]);

  // A search in the address bar (/search?q=…) runs once on opening.
  const ranInitial = useRef(false);
  useEffect(() => {
    if (ranInitial.current || onSubmit) return;
    ranInitial.current = true;
    if (initial && (initial.q.trim() || initial.locationId)) void run(initial);
  }, [initial, onSubmit, run]);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const request: SearchRequest = {
      q: q.trim(),
      ...(locationId ? { locationId: Number(locationId) } : {}),
    };
    if (!request.q && !request.locationId) {
      setFieldError({
        key: withLocation ? "errors.searchEmptyWithLocation" : "errors.searchEmpty",
      });
      inputRef.current?.focus();
      return;
    }
    setFieldError(undefined);
    if (onSubmit) onSubmit(request);
    else void run(request);
  }

  const language = i18n.language;
  return (
    <div className="opvang-registry-search">
      <form
        className="opvang-registry-search__form"
        noValidate
        onSubmit={handleSubmit}
        aria-label={t("search.formLabel")}
      >
        <div className="opvang-registry-grid">
          <TextField
            id={`${idPrefix}-q`}
            type="search"
            label={t("search.query")}
            description={t("search.queryHint")}
            value={q}
            error={errorText(fieldError)}
            inputRef={inputRef}
            onChange={setQ}
          />
          {withLocation ? (
            <SelectField
              id={`${idPrefix}-location`}
              label={t("search.location")}
              value={locationId}
              options={[
                { value: "", label: t("search.allLocations") },
                ...locations.map((l) => ({ value: String(l.id), label: l.name })),
              ]}
              onChange={setLocationId}
            />
          ) : null}
        </div>
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={state.status === "loading"}>
            {t("search.submit")}
          </PrimaryActionButton>
        </ButtonGroup>
      </form>

      <SearchStatus
        state={state}
        ns="registry"
        errorText={(error) => t(error.key, { defaultValue: t("apiErrors.unknown") })}
        testIds={{ count: "search-count", error: "search-error", noResults: "search-no-results" }}
      />
      {state.status === "done" && state.hits.length > 0 ? (
        <ScrollTable labelledBy={captionId}>
          <Table data-testid="search-results">
            <TableCaption id={captionId}>
              {state.request.q
                ? t("search.caption", { query: state.request.q })
                : t("search.captionLocation")}
            </TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("search.col.name")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("search.col.nameCyrillic")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("search.col.birthDate")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("search.col.bsn")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("search.col.vNumber")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("search.col.location")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("search.col.household")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {state.hits.map((hit) => {
                const name = `${hit.given_names} ${hit.family_name}`;
                const cyrillic = [hit.given_names_cyrillic, hit.family_name_cyrillic]
                  .filter(Boolean)
                  .join(" ");
                const household = hit.household_id ? `/households/${hit.household_id}` : null;
                return (
                  <TableRow key={hit.id}>
                    <TableCell>
                      {household ? (
                        <Link href={household} onClick={linkHandler(household)}>
                          {name}
                        </Link>
                      ) : (
                        name
                      )}
                    </TableCell>
                    <TableCell lang="uk">{cyrillic || "—"}</TableCell>
                    <TableCell>{formatDate(hit.birth_date, language)}</TableCell>
                    <TableCell>{hit.bsn ?? "—"}</TableCell>
                    <TableCell>{hit.v_number ?? "—"}</TableCell>
                    <TableCell>{hit.location_name ?? "—"}</TableCell>
                    <TableCell>
                      {household ? (
                        <Link
                          href={household}
                          onClick={linkHandler(household)}
                          aria-label={t("search.householdOf", {
                            id: hit.household_id,
                            name,
                          })}
                        >
                          {t("search.householdLink", { id: hit.household_id })}
                        </Link>
                      ) : (
                        t("search.noHousehold")
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </ScrollTable>
      ) : null}
    </div>
  );
}
