import type { Config } from "../config";
import type { Database } from "../db/connection";
import type { Role } from "../db/schema";

/** The signed-in user as every route sees it. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** Null for national roles. */
  gemeenteCode: string | null;
  gemeenteName: string | null;
  /** Residents: their own person. */
  personId: number | null;
  language: "nl" | "uk" | "en";
}

export interface AppEnv {
  Variables: {
    user: SessionUser | null;
    session: { idHash: string; csrfToken: string } | null;
  };
}

export interface AppDeps {
  database: Database;
  config: Config;
}
