/** Accounts, sign-in and sessions: what http and the CLI may use. */
export { authRoutes } from "./auth.routes";
export { type CreateUserInput, createUser } from "./auth.service";
export { findLiveSession, hashToken, SESSION_HOURS } from "./session.repository";
export { findLiveSessionUser, findSessionUser } from "./user.repository";
export { userRoutes } from "./users.routes";
