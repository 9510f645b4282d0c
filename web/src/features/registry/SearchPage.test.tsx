import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, inputByLabel, render, settle, submit, type } from "../../test/render";
import type { RegistryApi, SearchHit } from "./registry-api";
import { SearchPage } from "./SearchPage";

const hit: SearchHit = {
  id: 1,
  family_name: "Havryliuk",
  given_names: "Oleksandr",
  family_name_cyrillic: "Гаврилюк",
  given_names_cyrillic: "Олександр",
  birth_date: "1993-04-13",
  bsn: "992495635",
  v_number: "2071961590",
  household_id: 235,
  location_id: 1,
  location_name: "Opvangschip Waalstroom",
};

function fakeApi(hits: SearchHit[]): RegistryApi {
  return {
    search: vi.fn(async () => hits),
    locations: vi.fn(async () => [
      { id: 1, name: "Opvangschip Waalstroom", status: "realised", free: 3 },
    ]),
  } as unknown as RegistryApi;
}

describe("search page", () => {
  afterEach(cleanup);

  it("searches on submit (Enter) and links each person to the household", async () => {
    const api = fakeApi([hit]);
    const { container } = await render(<SearchPage api={api} />);
    await settle();
    await type(inputByLabel(container, "Naam, BSN of V-nummer"), "Олександр");
    await submit(container.querySelector("form"));
    expect(api.search).toHaveBeenCalledWith({ q: "Олександр" });
    const table = container.querySelector('[data-testid="search-results"]');
    expect(table?.textContent).toContain("Гаврилюк");
    expect(table?.querySelector('a[href="/households/235"]')).not.toBeNull();
    expect(container.textContent).toContain("1 persoon gevonden.");
    expect(window.location.search).toBe(
      "?q=%D0%9E%D0%BB%D0%B5%D0%BA%D1%81%D0%B0%D0%BD%D0%B4%D1%80",
    );
  });

  it("keeps the answer to the latest search when an earlier one answers later", async () => {
    const api = fakeApi([hit]);
    let answerFirst: (hits: SearchHit[]) => void = () => {};
    vi.mocked(api.search)
      .mockImplementationOnce(() => new Promise((resolve) => (answerFirst = resolve)))
      .mockResolvedValueOnce([hit]);
    const { container } = await render(<SearchPage api={api} />);
    await settle();
    const input = inputByLabel(container, "Naam, BSN of V-nummer");
    await type(input, "Nobody");
    await submit(container.querySelector("form"));
    await type(input, "Олександр");
    await submit(container.querySelector("form"));
    answerFirst([]);
    await settle();
    expect(container.querySelector('[data-testid="search-results"]')?.textContent).toContain(
      "Гаврилюк",
    );
    expect(container.querySelector('[data-testid="search-no-results"]')).toBeNull();
  });

  it("says clearly when nothing is found", async () => {
    const { container } = await render(<SearchPage api={fakeApi([])} />, { language: "en" });
    await settle();
    await type(inputByLabel(container, "Name, BSN or V-number"), "Nobody");
    await submit(container.querySelector("form"));
    expect(container.querySelector('[data-testid="search-no-results"]')?.textContent).toContain(
      "No persons found.",
    );
  });

  it("asks for a search term instead of sending an empty search", async () => {
    const api = fakeApi([]);
    const { container } = await render(<SearchPage api={api} />);
    await settle();
    await submit(container.querySelector("form"));
    expect(api.search).not.toHaveBeenCalled();
    expect(container.textContent).toContain(
      "Vul een naam, BSN of V-nummer in, of kies een locatie.",
    );
  });
});
