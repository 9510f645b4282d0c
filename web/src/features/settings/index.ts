import "./settings.css";

/** The municipality settings (texts in the `settings` namespace): the /settings page. */
export { SettingsPage } from "./SettingsPage";
