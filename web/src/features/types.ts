import type { ComponentType } from "react";
import type { User } from "../api";
import type { PageId } from "../navigation";

/** What a feature page gets: the signed-in user and the full path (for sub-pages). */
export interface FeaturePageProps {
  user: User;
  path: string;
}

export type FeaturePages = Partial<Record<PageId, ComponentType<FeaturePageProps>>>;
