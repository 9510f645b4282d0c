import { createContext, type ReactNode, useContext, useMemo } from "react";
import type { Permission, User } from "./api";

/**
 * The signed-in user and what they may do. Permissions come from the server
 * (GET /api/auth/me, derived there from the access each route declares); components ask
 * `can("households.write")` and never compare roles.
 */
export interface Session {
  user: User;
  can(permission: Permission): boolean;
}

const SessionContext = createContext<Session | null>(null);

export function sessionOf(user: User): Session {
  const granted = new Set(user.permissions ?? []);
  return { user, can: (permission) => granted.has(permission) };
}

export function SessionProvider({ user, children }: { user: User; children: ReactNode }) {
  const session = useMemo(() => sessionOf(user), [user]);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The signed-in session; pages render only inside one. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("Opvang: useSession outside a signed-in page");
  return session;
}

/** `const can = useCan(); can("incomes.write")`. */
export function useCan(): Session["can"] {
  return useSession().can;
}
