import { useQueries, useQueryClient } from "@tanstack/react-query";
import { BreadcrumbNav, BreadcrumbNavLink } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { linkHandler } from "../../../links";
import type { Level, NationalApi, NationalFigures } from "../api";
import { FIGURES_KEY, figuresQuery } from "../queries";
import { ancestorsOf, NATION, type View, viewHref } from "../view";

/** A unit's name from any figures already in the cache (a parent lists its units). */
function cachedName(
  queryClient: ReturnType<typeof useQueryClient>,
  level: Level,
  code: string,
): string | null {
  for (const [, data] of queryClient.getQueriesData<NationalFigures>({ queryKey: FIGURES_KEY })) {
    if (!data) continue;
    for (const unit of [data.total, ...data.units]) {
      if (unit.level === level && unit.code === code && unit.name) return unit.name;
    }
  }
  return null;
}

/**
 * Where the coordinator is: Nederland › province › region › municipality › location, each
 * a link back up; the last is the page's own unit. The names of the units above come from
 * the figures already read on the way down; a view opened from a link reads them once.
 */
export function Breadcrumb({
  api,
  view,
  on,
  currentName,
}: {
  api: NationalApi;
  view: View;
  /** The date shown (the view's or today). */
  on: string;
  /** The current unit's name; null while it loads. */
  currentName: string | null;
}) {
  const { t } = useTranslation("national");
  const queryClient = useQueryClient();
  const ancestors = ancestorsOf(view);
  const known = ancestors.map((a) => cachedName(queryClient, a.level, a.code));
  const asked = useQueries({
    queries: ancestors.map((a, index) => ({
      ...figuresQuery(api, { on, level: a.level, code: a.code }),
      enabled: known[index] === null,
    })),
  });
  const items = [
    { key: "nation", href: viewHref({ ...NATION, on: view.on }), label: t("names.nation") },
    ...ancestors.map((a, index) => {
      const name = known[index] ?? asked[index]?.data?.name ?? null;
      return {
        key: `${a.level}-${a.code}`,
        href: viewHref({ on: view.on, level: a.level, code: a.code, trail: a.trail }),
        label: name ? t(`breadcrumb.${a.level}`, { name }) : t(`breadcrumb.unnamed.${a.level}`),
      };
    }),
    ...(view.level === "nation"
      ? []
      : [
          {
            key: `${view.level}-${view.code}`,
            href: viewHref(view),
            label: currentName
              ? t(`breadcrumb.${view.level}`, { name: currentName })
              : t(`breadcrumb.unnamed.${view.level}`),
          },
        ]),
  ];
  return (
    <BreadcrumbNav
      className="opvang-nat-breadcrumb"
      aria-label={t("breadcrumb.label")}
      data-testid="breadcrumb"
    >
      {items.map((item, index) => {
        const current = index === items.length - 1;
        return (
          <BreadcrumbNavLink
            key={item.key}
            href={item.href}
            index={index}
            current={current}
            onClick={linkHandler(item.href)}
            data-testid={current ? "breadcrumb-current" : "breadcrumb-link"}
          >
            {item.label}
          </BreadcrumbNavLink>
        );
      })}
    </BreadcrumbNav>
  );
}
