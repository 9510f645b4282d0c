import { useRef } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "../api";
import { byText, cleanup, click, render, settle } from "../test/render";
import type { ErrorCatalog } from "./form";
import { useLatestSearch } from "./useLatestSearch";

const CATALOG: ErrorCatalog = {
  ns: "registry",
  field: "errors",
  form: "apiErrors",
  summary: "form.errorSummary",
};

/** Searches whose answers the test hands out, in any order. */
function server() {
  const pending = new Map<
    string,
    { resolve: (hits: string[]) => void; reject: (e: Error) => void }
  >();
  return {
    search: (q: string) =>
      new Promise<string[]>((resolve, reject) => pending.set(q, { resolve, reject })),
    answer: (q: string, hits: string[]) => pending.get(q)?.resolve(hits),
    refuse: (q: string, error: Error) => pending.get(q)?.reject(error),
  };
}

function Probe({ search }: { search: (q: string) => Promise<string[]> }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const { state, run, fieldError } = useLatestSearch({ search, catalog: CATALOG, inputRef });
  return (
    <div>
      <input ref={inputRef} aria-label="q" />
      <button type="button" onClick={() => void run("first")}>
        first
      </button>
      <button type="button" onClick={() => void run("second")}>
        second
      </button>
      <output data-testid="state">
        {state.status === "done" ? `${state.request}: ${state.hits.join(",")}` : state.status}
        {state.status === "error" ? ` ${state.error.key}` : ""}
      </output>
      <output data-testid="field">{fieldError?.key ?? ""}</output>
    </div>
  );
}

describe("useLatestSearch", () => {
  afterEach(cleanup);

  it("keeps the answer to the latest search when an earlier one answers later", async () => {
    const s = server();
    const { container } = await render(<Probe search={s.search} />);
    const state = () => container.querySelector('[data-testid="state"]')?.textContent;
    await click(byText(container, "button", "first"));
    await click(byText(container, "button", "second"));
    expect(state()).toBe("loading");
    s.answer("second", ["b"]);
    await settle();
    expect(state()).toBe("second: b");
    s.answer("first", ["a"]);
    await settle();
    expect(state()).toBe("second: b");
  });

  it("puts a refusal naming a field on the search box, and any other failure on the search", async () => {
    const s = server();
    const { container } = await render(<Probe search={s.search} />);
    const state = () => container.querySelector('[data-testid="state"]')?.textContent;
    const field = () => container.querySelector('[data-testid="field"]')?.textContent;
    await click(byText(container, "button", "first"));
    s.refuse(
      "first",
      new ApiError(400, "validation_failed", "bad", [
        { path: "q", code: "too_short", message: "too short" },
      ]),
    );
    await settle();
    expect(state()).toBe("idle");
    expect(field()).toBe("errors.too_short");
    expect(document.activeElement).toBe(container.querySelector("input"));
    await click(byText(container, "button", "second"));
    s.refuse("second", new ApiError(503, "unavailable", "down"));
    await settle();
    expect(state()).toBe("error apiErrors.unavailable");
  });
});
