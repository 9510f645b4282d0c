/** User management: the administrators' page of accounts (lazy-loaded with the `users` texts). */
export { UsersPage } from "./UsersPage";
