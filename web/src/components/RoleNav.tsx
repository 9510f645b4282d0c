import { NavBar, NavList, NavListLink } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import type { Role } from "../api";
import { linkHandler } from "../links";
import { navigationFor } from "../navigation";

export interface RoleNavProps {
  userRole: Role;
  currentPath: string;
}

/** The main menu: only the pages the role may open, the current one marked. */
export function RoleNav({ userRole, currentPath }: RoleNavProps) {
  const { t } = useTranslation();
  return (
    <NavBar className="opvang-nav" aria-label={t("nav.label")} data-testid="main-nav">
      <div className="opvang-container">
        <NavList className="opvang-nav__list">
          {navigationFor(userRole).map((item) => (
            <NavListLink
              key={item.id}
              href={item.path}
              aria-current={item.path === currentPath ? "page" : undefined}
              onClick={linkHandler(item.path)}
            >
              {t(`pages.${item.id}.nav`)}
            </NavListLink>
          ))}
        </NavList>
      </div>
    </NavBar>
  );
}
