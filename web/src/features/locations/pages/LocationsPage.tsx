import { useTranslation } from "react-i18next";
import { NotAvailablePage } from "../../../pages/NoticePage";
import type { FeaturePageProps } from "../../types";
import { LocationDetailPage, LocationNotFound } from "./LocationDetailPage";
import { LocationListPage } from "./LocationListPage";
import { NewLocationPage } from "./NewLocationPage";

/** /locations, /locations/new and /locations/{id}. */
export function LocationsPage({ user, path }: FeaturePageProps) {
  useTranslation("locations");
  const rest = path.replace(/^\/locations\/?/, "").replace(/\/+$/, "");
  if (rest === "") return <LocationListPage user={user} />;
  if (rest === "new") {
    return user.role === "caseworker" ? (
      <NewLocationPage />
    ) : (
      <NotAvailablePage userRole={user.role} />
    );
  }
  if (/^\d{1,9}$/.test(rest) && Number(rest) > 0) {
    const id = Number(rest);
    return <LocationDetailPage key={id} user={user} id={id} />;
  }
  return <LocationNotFound />;
}
