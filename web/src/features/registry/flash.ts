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

/**
 * A notice for the households list, about a household that has no page of ours any more:
 * transferred to another municipality (`from` an ISO date, formatted where it is shown, so
 * it follows the reader's language). Read and cleared as the flashes above.
 */
export interface ListFlash {
  kind: "transferred";
  label: string;
  gemeente: string;
  from: string;
}

let listFlash: ListFlash | null = null;

export function setListFlash(flash: ListFlash): void {
  listFlash = flash;
}

export function peekListFlash(): ListFlash | null {
  return listFlash;
}

export function clearListFlash(): void {
  listFlash = null;
}
