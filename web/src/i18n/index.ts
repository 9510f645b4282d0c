import i18next, { type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
import nl from "./nl.json";
import uk from "./uk.json";

export const LANGUAGES = ["nl", "uk", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "nl";

/** Where the choice made before sign-in is kept. */
export const LANGUAGE_STORAGE_KEY = "opvang.lang";

/** Each language's name in its own language, as the switch shows it. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  nl: "Nederlands",
  uk: "Українська",
  en: "English",
};

/** The shell's texts (menu, sign-in, notices): always there. */
export const resources = {
  nl: { translation: nl },
  uk: { translation: uk },
  en: { translation: en },
} as const;

/**
 * One namespace per feature (useTranslation("registry")), so features own their texts. A
 * feature's catalogs are separate chunks, loaded with its page (all three languages at once,
 * so the language switch never waits): see `loadNamespaces`.
 */
const FEATURE_CATALOGS = import.meta.glob<{ default: Record<string, unknown> }>(
  "../features/*/i18n/{nl,uk,en}.json",
);

export const NAMESPACES = [
  ...new Set(Object.keys(FEATURE_CATALOGS).map((path) => path.split("/")[2] as string)),
].sort();

/** Loads the catalogs of these feature namespaces into the instance (once per instance). */
export async function loadNamespaces(
  instance: I18n,
  namespaces: readonly string[] = NAMESPACES,
): Promise<void> {
  const loads: Promise<void>[] = [];
  for (const namespace of namespaces) {
    for (const language of LANGUAGES) {
      if (instance.hasResourceBundle(language, namespace)) continue;
      const load = FEATURE_CATALOGS[`../features/${namespace}/i18n/${language}.json`];
      if (!load) throw new Error(`Opvang: no catalog ${namespace}/${language}`);
      loads.push(
        load().then((catalog) => {
          instance.addResourceBundle(language, namespace, catalog.default, true, true);
        }),
      );
    }
  }
  await Promise.all(loads);
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

export function readStoredLanguage(): Language | null {
  try {
    const value = globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null; // storage blocked (private mode, strict settings)
  }
}

function storeLanguage(language: Language): void {
  try {
    globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // The choice then lasts for this page only.
  }
}

/** The language of the i18n instance, narrowed to one Opvang supports. */
export function currentLanguage(instance: I18n): Language {
  const language = instance.resolvedLanguage ?? instance.language;
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
}

/**
 * A fresh i18next instance. Every language change is written to localStorage and to
 * `<html lang>`, so screen readers pronounce the texts in the right language.
 */
export function createI18n(language: Language = readStoredLanguage() ?? DEFAULT_LANGUAGE): I18n {
  const instance = i18next.createInstance();
  instance.on("languageChanged", (changed) => {
    if (!isLanguage(changed)) return;
    storeLanguage(changed);
    if (typeof document !== "undefined") document.documentElement.lang = changed;
  });
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
    returnNull: false,
  });
  return instance;
}
