import type { Config } from "../config";
import type { Database } from "../db/connection";
import type { SessionUser } from "../domain/access";

export type { SessionUser };

export interface AppEnv {
  Variables: {
    user: SessionUser | null;
    session: { idHash: string; csrfToken: string } | null;
    /** The client's address behind any trusted proxies (rate-limit.ts clientAddress). */
    clientAddress: string;
  };
}

export interface AppDeps {
  database: Database;
  config: Config;
}
