import { type FormEvent, useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "../api";
import { byText, cleanup, click, inputByLabel, render, submit, type } from "../test/render";
import {
  CheckboxField,
  type ErrorCatalog,
  ErrorSummary,
  errorsFromApi,
  FormActions,
  SelectField,
  TextField,
  topLevelField,
  useForm,
} from "./form";

/** The registry's texts serve as any feature's catalog here. */
const CATALOG: ErrorCatalog = {
  ns: "registry",
  field: "errors",
  form: "apiErrors",
  summary: "form.errorSummary",
};

const FIELDS = ["name", "kind", "agree"] as const;
type Field = (typeof FIELDS)[number];

/** A small form on the shared pieces: `send` plays the server. */
function TestForm({ send }: { send: () => Promise<void> }) {
  const form = useForm<Field>(CATALOG);
  const [name, setName] = useState("");
  const [kind, setKind] = useState("a");
  const [agree, setAgree] = useState(false);
  const id = (field: Field) => `test-${field}`;
  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!name.trim()) return form.fail({ name: { key: "errors.required" } });
    await form.run(send, topLevelField(FIELDS));
  }
  return (
    <form noValidate onSubmit={handleSubmit}>
      <ErrorSummary {...form.summary({ name: "Naam", kind: "Soort", agree: "Akkoord" }, id)} />
      <TextField
        id={id("name")}
        label="Naam"
        description="Zoals in het paspoort."
        value={name}
        onChange={setName}
        error={form.error("name")}
      />
      <SelectField
        id={id("kind")}
        label="Soort"
        value={kind}
        onChange={setKind}
        options={[
          { value: "a", label: "A" },
          { value: "b", label: "B" },
        ]}
        error={form.error("kind")}
      />
      <CheckboxField
        id={id("agree")}
        label="Akkoord"
        description="Vink aan om door te gaan."
        checked={agree}
        onChange={setAgree}
        error={form.error("agree")}
      />
      <FormActions busy={form.busy} submit="Opslaan" />
    </form>
  );
}

const serverErrors = new ApiError(400, "validation_error", "…", [
  { path: "agree", code: "some_new_code", message: "server says no" },
  { path: "name.first", code: "date_future", message: "in the future" },
  { path: "name", code: "required", message: "second issue for the same field" },
  { path: "other", code: "required", message: "not a field of this form" },
]);

describe("errorsFromApi", () => {
  it("spreads issues over the fields (first per field) and keeps the rest for the form", () => {
    const { fields, form } = errorsFromApi(serverErrors, topLevelField(FIELDS), CATALOG);
    expect(fields).toEqual({
      agree: { key: "errors.some_new_code", fallback: "server says no" },
      name: { key: "errors.date_future", fallback: "in the future" },
    });
    expect(form).toEqual([{ key: "errors.required", fallback: "not a field of this form" }]);
  });

  it("makes an error without issues, or not from the API, a form error", () => {
    const conflict = new ApiError(409, "conflict", "changed by someone else");
    expect(errorsFromApi(conflict, () => null, CATALOG).form).toEqual([
      { key: "apiErrors.conflict", fallback: "changed by someone else" },
    ]);
    expect(errorsFromApi(new TypeError("x is undefined"), () => null, CATALOG).form).toEqual([
      { key: "apiErrors.unknown" },
    ]);
  });
});

describe("shared form pieces", () => {
  afterEach(cleanup);

  it("links description and error to the input and focuses the summary on a failed submit", async () => {
    const { container } = await render(<TestForm send={async () => {}} />);
    const name = inputByLabel(container, "Naam");
    expect(name?.getAttribute("aria-describedby")).toBe("test-name-description");
    expect(name?.getAttribute("aria-invalid")).toBeNull();
    expect(container.querySelector('[data-testid="error-summary"]')).toBeNull();

    await submit(container.querySelector("form"));
    expect(name?.getAttribute("aria-invalid")).toBe("true");
    expect(name?.getAttribute("aria-describedby")).toBe("test-name-description test-name-error");
    expect(container.querySelector("#test-name-error")?.textContent).toBe("Dit veld is verplicht.");
    expect(container.querySelector('[data-testid="field-test-name"]')).not.toBeNull();

    const summary = container.querySelector<HTMLElement>('[data-testid="error-summary"]');
    expect(document.activeElement).toBe(summary);
    expect(summary?.querySelector('[role="alert"]')).not.toBeNull();
    expect(summary?.textContent).toContain("Er is 1 probleem met het formulier");
    const link = summary?.querySelector("a");
    expect(link?.getAttribute("href")).toBe("#test-name");
    expect(link?.textContent).toBe("Naam: Dit veld is verplicht.");
    await click(link);
    expect(document.activeElement).toBe(name);
  });

  it("translates server issues by code, falls back to the server's message, lists them in page order", async () => {
    const { container } = await render(
      <TestForm
        send={async () => {
          throw serverErrors;
        }}
      />,
    );
    await type(inputByLabel(container, "Naam"), "Olena");
    await submit(container.querySelector("form"));

    expect(container.querySelector("#test-name-error")?.textContent).toBe(
      "Deze datum ligt in de toekomst.",
    );
    expect(container.querySelector("#test-agree-error")?.textContent).toBe("server says no");
    const checkbox = container.querySelector("#test-agree");
    expect(checkbox?.getAttribute("aria-invalid")).toBe("true");
    expect(checkbox?.getAttribute("aria-describedby")).toBe(
      "test-agree-description test-agree-error",
    );

    const summary = container.querySelector('[data-testid="error-summary"]');
    expect(document.activeElement).toBe(summary);
    const items = [...(summary?.querySelectorAll("li") ?? [])];
    // The form-level problem first (no link), then the fields as they stand on the page.
    expect(items.map((li) => li.querySelector("a")?.getAttribute("href") ?? null)).toEqual([
      null,
      "#test-name",
      "#test-agree",
    ]);
    expect(items[0]?.textContent).toBe("Dit veld is verplicht.");
    expect(byText(container, "button", "Opslaan")).toBeDefined();
  });

  it("clears the errors once the form is sent", async () => {
    let fail = true;
    const { container } = await render(
      <TestForm
        send={async () => {
          if (fail) throw serverErrors;
        }}
      />,
    );
    await type(inputByLabel(container, "Naam"), "Olena");
    await submit(container.querySelector("form"));
    expect(container.querySelector('[data-testid="error-summary"]')).not.toBeNull();
    fail = false;
    await submit(container.querySelector("form"));
    expect(container.querySelector('[data-testid="error-summary"]')).toBeNull();
    expect(container.querySelector("#test-name-error")).toBeNull();
  });

  it("marks a required field in its label, in the page's language, and as aria-required", async () => {
    const field = (
      <>
        <TextField id="r-name" label="Naam" value="" onChange={() => {}} required />
        <SelectField
          id="r-kind"
          label="Soort"
          value="a"
          onChange={() => {}}
          options={[{ value: "a", label: "A" }]}
          required
        />
        <TextField id="r-note" label="Toelichting" value="" onChange={() => {}} />
      </>
    );
    const nl = await render(field);
    // The mark stands beside the label: the label stays the control's name.
    const shown = (id: string) =>
      nl.container.querySelector(`[data-field="${id}"] .utrecht-form-field__label`)?.textContent;
    expect(shown("r-name")).toBe("Naam (verplicht)");
    expect(shown("r-kind")).toBe("Soort (verplicht)");
    expect(shown("r-note")).toBe("Toelichting");
    expect(nl.container.querySelector('label[for="r-name"]')?.textContent).toBe("Naam");
    // Screen readers hear "required" from the control; the visible mark is not read twice.
    const mark = nl.container.querySelector('[data-field="r-name"] [data-testid="required-mark"]');
    expect(mark?.getAttribute("aria-hidden")).toBe("true");
    expect(nl.container.querySelector("#r-name")?.getAttribute("aria-required")).toBe("true");
    expect(nl.container.querySelector("#r-kind")?.getAttribute("aria-required")).toBe("true");
    expect(nl.container.querySelector("#r-note")?.hasAttribute("aria-required")).toBe(false);
    expect(inputByLabel(nl.container, "Naam")).not.toBeNull();
    cleanup();
    const uk = await render(field, { language: "uk" });
    expect(
      uk.container.querySelector('[data-field="r-name"] .utrecht-form-field__label')?.textContent,
    ).toBe("Naam (обов’язково)");
  });
});
