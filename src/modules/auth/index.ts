/** Accounts, sign-in and sessions: what http and the CLI may use. */
export { authRoutes } from "./auth.routes";
export { type CreateUserInput, createUser } from "./auth.service";
export { findLiveSession, SESSION_HOURS } from "./session.repository";
export { findSessionUser } from "./user.repository";
