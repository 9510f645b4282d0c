/**
 * A notice for the next page: the intake navigates to the new household's page and that
 * page confirms the registration. Kept in memory per household id until the page has shown
 * it (read with `peekFlash`, then `clearFlash` once shown, so a double render in React's
 * strict mode still finds it).
 */
export type Flash = "registered";

const flashes = new Map<number, Flash>();

export function setFlash(householdId: number, flash: Flash): void {
  flashes.set(householdId, flash);
}

export function peekFlash(householdId: number): Flash | null {
  return flashes.get(householdId) ?? null;
}

export function clearFlash(householdId: number): void {
  flashes.delete(householdId);
}
