import { Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../../components/PageTitle";
import { navigate } from "../../../links";
import { NotAvailablePage } from "../../../pages/NoticePage";
import { useSession } from "../../../session";
import { locationsApi } from "../api";
import { AppLink } from "../components/Common";
import { LocationForm } from "../components/LocationForm";

/** /locations/new: register a location (caseworker). */
export function NewLocationPage() {
  const { t } = useTranslation("locations");
  const { user, can } = useSession();
  if (!can("locations.write")) return <NotAvailablePage userRole={user.role} />;
  return (
    <div className="opvang-loc-page" data-testid="page-location-new">
      <Paragraph>
        <AppLink to="/locations">{t("common.backToList")}</AppLink>
      </Paragraph>
      <PageTitle>{t("form.createTitle")}</PageTitle>
      <Paragraph>{t("form.createIntro")}</Paragraph>
      <LocationForm
        mode="create"
        onSubmit={async (input) => {
          const location = await locationsApi.create(input);
          navigate(`/locations/${location.id}?registered=1`);
        }}
        onCancel={() => navigate("/locations")}
      />
    </div>
  );
}
