import { Button } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { LANGUAGE_NAMES, LANGUAGES, type Language } from "../i18n";

export interface LanguageSwitchProps {
  language: Language;
  onChange: (language: Language) => void;
}

/**
 * One button per language, each named in its own language (with its own `lang`, so a
 * screen reader pronounces "Українська" in Ukrainian). The current one is pressed.
 */
export function LanguageSwitch({ language, onChange }: LanguageSwitchProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="opvang-language-switch">
      <legend className="opvang-visually-hidden">{t("language.label")}</legend>
      {LANGUAGES.map((code) => (
        <Button
          key={code}
          appearance="subtle-button"
          className="opvang-language-switch__button"
          lang={code}
          pressed={code === language}
          data-testid={`language-${code}`}
          onClick={() => {
            if (code !== language) onChange(code);
          }}
        >
          {LANGUAGE_NAMES[code]}
        </Button>
      ))}
    </fieldset>
  );
}
