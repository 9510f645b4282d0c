/**
 * The demo data generator: realistic synthetic displaced persons, households, locations,
 * placements and incomes, identical for the same seed on every machine and database.
 *
 * Everything is first built in memory (a few hundred thousand small records even at the
 * national scale), then written table by table with array-unnest inserts (bulk.ts), one
 * transaction per table. Ids are allocated here rather than returned by the database, so
 * rows can refer to each other before anything is written.
 *
 * The demo world is fixed on 31 October 2026 ("today" below), never the clock, so the
 * same seed gives the same data whenever it runs.
 */
import { sql } from "drizzle-orm";
import { completeBsn } from "../../domain/bsn";
import type { LOCATION_KINDS } from "../../domain/enums";
import type { MembershipReason, PlacementReason } from "../../domain/reasons";
import { transliterate } from "../../domain/transliteration";
import { type Db, query } from "../connection";
import { type Column, insertColumns, syncIdentity } from "./bulk";
import { addMonths, addYears, day, iso } from "./days";
import { insertFundingDemo } from "./funding";
import { BUILT_IN_BY_CODE, BUILT_IN_GEMEENTEN, VEILIGHEIDSREGIOS } from "./gemeenten";
import {
  type HistoryFactory,
  HistorySimulation,
  type HistoryTargets,
  historyTargets,
} from "./history";
import {
  EMPLOYERS,
  FAMILY_NAMES,
  FEMALE_ADULT_NAMES,
  FEMALE_CHILD_NAMES,
  GENERIC_NEIGHBOURHOODS,
  HOST_FAMILY_NAMES,
  HOTEL_NAMES,
  MALE_ADULT_NAMES,
  MALE_CHILD_NAMES,
  NEIGHBOURHOODS,
  SHIP_NAMES,
  STREETS,
} from "./names";
import { bankAccounts, gemeenteSettings } from "./payments";
import { Random } from "./random";
import { insertHistoricTargets } from "./targets";
import { readTimeseries } from "./timeseries";
import { transitionFacts } from "./transition";
import {
  type Address,
  type Household,
  LOCATION_SIZES,
  type Location,
  type Muni,
  type Person,
  type Role,
  type Segment,
} from "./world";

export type DemoScale = "demo" | "national" | "history";

export interface GenerateOptions {
  scale: DemoScale;
  seed: number;
  onProgress?: (message: string) => void;
  /**
   * History scale only: the published series to follow (default
   * ../shared/data/nl_ukraine_reception_timeseries.csv) and the fraction of its counts to
   * build (default 1; tests on PGlite build a tenth: same curves, a tenth of the people).
   */
  timeseriesFile?: string;
  historyFraction?: number;
}

export interface GenerateResult {
  /** Municipalities that received persons and locations. */
  gemeenten: number;
  locations: number;
  /** Realised GOO places today (capacity of realised locations). */
  places: number;
  households: number;
  persons: number;
  incomes: number;
  placements: number;
}

/** The demo world's "today". */
export const DEMO_TODAY = "2026-10-31";
const TODAY = day(DEMO_TODAY);
const RTB_START = day("2022-03-04");
const INCOME_MONTHS = 6;

interface ScaleConfig {
  persons: number;
  /** Fixed shares per municipality (demo), or null to spread over all by size. */
  shares: [string, number][] | null;
  /** Share of households that seek a GOO place (the rest go to private reception). */
  gooShare: number;
  /**
   * Room made per GOO-seeking person while placing; the capacity finally reported follows
   * the occupancy (see finishLocations), so slack here only lets households fit.
   */
  placesPerGooPerson: number;
}

const SCALES: Record<DemoScale, ScaleConfig> = {
  demo: {
    persons: 2_000,
    // Utrecht and Amsterdam host the demo accounts: they get the most.
    shares: [
      ["GM0344", 0.34],
      ["GM0363", 0.31],
      ["GM0599", 0.14],
      ["GM0307", 0.12],
      ["GM0014", 0.09],
    ],
    gooShare: 0.8,
    placesPerGooPerson: 1.1,
  },
  national: {
    persons: 150_000,
    shares: null,
    // 97,000 places at ~97% occupancy hold ~94,000 of 150,000 persons: about 63% in GOO
    // (DOMAIN §1's three quarters cannot hold together with both totals; places win).
    gooShare: 0.645,
    placesPerGooPerson: 1.1,
  },
  // The national history from March 2022 (history.ts): how many arrive, leave, register and
  // live in GOO on each day follows the published series; `persons` only weighs the
  // municipalities, and an arriving household seeks a GOO place with `gooShare` (the others
  // live with a host; GOO holds about 70% of those registered throughout).
  history: {
    persons: 150_000,
    shares: null,
    gooShare: 0.72,
    placesPerGooPerson: 1,
  },
};

// Arrival curve: cumulative share of persons registered by a date (DOMAIN §1 figures,
// scaled so that everybody has arrived by "today").
const ARRIVALS: [number, number][] = [
  [day("2022-03-04"), 0],
  [day("2022-04-25"), 0.3],
  [day("2023-07-01"), 0.63],
  [day("2024-01-19"), 0.71],
  [day("2024-12-15"), 0.82],
  [day("2025-10-31"), 0.9],
  [TODAY, 1],
];

/** Household sizes and their weights. */
const HOUSEHOLD_SIZES: [number, number][] = [
  [1, 19],
  [2, 26],
  [3, 24],
  [4, 16],
  [5, 7.5],
  [6, 4],
  [7, 1.7],
  [8, 0.8],
];

const OTHER_NATIONALITIES: [string, number][] = [
  ["0041", 3], // Russian (family members of Ukrainians)
  ["0038", 2], // Belarusian
  ["0036", 2], // Moldovan
  ["0030", 1], // Georgian
  ["0039", 1], // Azerbaijani
  ["0499", 1], // stateless
];

type LocationKind = (typeof LOCATION_KINDS)[number];

/** Phase 1: arrival; 2: a planned move; 3: another try for a GOO place. */
type Request = { h: Household; start: number; phase: 1 | 2 | 3 };

export async function generateDemo(db: Db, opts: GenerateOptions): Promise<GenerateResult> {
  const progress = opts.onProgress ?? (() => {});
  const config = SCALES[opts.scale];
  const rng = new Random(opts.seed);

  const [existing] = await query<{ n: number }>(db, sql`select count(*)::int as n from person`);
  if ((existing?.n ?? 0) > 0) {
    throw new Error("demo data needs an empty person table; this database already holds persons");
  }
  await ensureReferenceData(db, progress);
  const munis = await chooseMunicipalities(db, config, rng);

  let history: HistoryTargets | null = null;
  if (opts.scale === "history") {
    const rows = readTimeseries(opts.timeseriesFile);
    history = historyTargets(rows, {
      fraction: opts.historyFraction ?? 1,
      first: RTB_START,
      today: TODAY,
      // Its own stream: the week-to-week variation of the curves.
      rng: new Random((opts.seed ^ 0x4157_2022) >>> 0),
    });
    progress(
      `generating the history ${iso(RTB_START)} to ${DEMO_TODAY} from ${rows.length} published rows in ${munis.length} municipalities`,
    );
  } else {
    progress(`generating ${config.persons} persons in ${munis.length} municipalities`);
  }
  const ids = await nextIds(db);
  const world = new World(rng, ids);
  if (history) {
    world.populateHistory(munis, config, history, progress);
  } else {
    for (const muni of munis) world.populate(muni, config);
    world.finishLocations();
  }
  const incomes = world.makeIncomes();
  const recentWork = new Set<number>();
  incomes.kind.forEach((kind, i) => {
    if (kind === "work" && incomes.month[i]! >= "2026-08-01") recentWork.add(incomes.personId[i]!);
  });
  // The history's published BRP counts stay as they were: a work permit (which ends
  // temporary protection) starts only after the last of them.
  const transition = transitionFacts(
    world.households,
    recentWork,
    TODAY,
    opts.seed,
    history ? { permitDaysBack: [30, TODAY - history.lastPublished - 1] } : undefined,
  );

  await writeAll(db, world, incomes, progress);
  for (const [table, columns] of [
    ["residence_status", transition.residenceStatus],
    ["person_transition", transition.personTransition],
    ["health_insurance", transition.healthInsurance],
    ["household_transition", transition.householdTransition],
    ["gemeente_settings", gemeenteSettings(munis, opts.seed)],
    ["household_bank_account", bankAccounts(world.households, opts.seed)],
  ] as const) {
    progress(table);
    await db.transaction((tx) => insertColumns(tx, table, columns));
  }
  progress("place_target");
  await insertHistoricTargets(db);
  progress("funding");
  await insertFundingDemo(db);
  await db.execute(
    sql`insert into seed_run (scale, seed) values (${opts.scale}, ${opts.seed}) on conflict do nothing`,
  );
  const places = world.locations
    .filter((l) => !l.planned && l.closedFrom === null)
    .reduce((sum, l) => sum + l.places, 0);
  return {
    gemeenten: munis.length,
    locations: world.locations.length,
    places,
    households: world.households.length,
    persons: world.persons.length,
    incomes: incomes.personId.length,
    placements: world.placementCount(),
  };
}

// --- Reference data ---------------------------------------------------------------------

async function ensureReferenceData(db: Db, progress: (m: string) => void): Promise<void> {
  const [row] = await query<{ n: number }>(db, sql`select count(*)::int as n from gemeente`);
  if ((row?.n ?? 0) > 0) return;
  progress(`reference data: ${BUILT_IN_GEMEENTEN.length} built-in municipalities`);
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into veiligheidsregio (code, name) select * from unnest(${sql.param(
        VEILIGHEIDSREGIOS.map((v) => v.code),
      )}::text[], ${sql.param(VEILIGHEIDSREGIOS.map((v) => v.name))}::text[]) on conflict do nothing`,
    );
    await insertColumns(tx, "gemeente", [
      { name: "code", type: "text", values: BUILT_IN_GEMEENTEN.map((g) => g.code) },
      { name: "name", type: "text", values: BUILT_IN_GEMEENTEN.map((g) => g.name) },
      {
        name: "province_code",
        type: "text",
        values: BUILT_IN_GEMEENTEN.map((g) => g.provinceCode),
      },
      {
        name: "province_name",
        type: "text",
        values: BUILT_IN_GEMEENTEN.map((g) => g.provinceName),
      },
    ]);
    await insertColumns(tx, "gemeente_veiligheidsregio", [
      { name: "gemeente_code", type: "text", values: BUILT_IN_GEMEENTEN.map((g) => g.code) },
      {
        name: "veiligheidsregio_code",
        type: "text",
        values: BUILT_IN_GEMEENTEN.map((g) => g.veiligheidsregioCode),
      },
      { name: "valid_from", type: "date", values: BUILT_IN_GEMEENTEN.map(() => "2023-01-01") },
    ]);
  });
}

async function chooseMunicipalities(db: Db, config: ScaleConfig, rng: Random): Promise<Muni[]> {
  const rows = await query<{ code: string; name: string }>(
    db,
    sql`select code, name from gemeente where valid_to is null order by code`,
  );
  const prefix = (code: string) =>
    BUILT_IN_BY_CODE.get(code)?.postcodePrefix ?? String(10 + (Number(code.slice(2)) % 90));
  if (config.shares) {
    const present = new Map(rows.map((r) => [r.code, r.name]));
    let shares = config.shares.filter(([code]) => present.has(code));
    // A database with other municipalities only: take the first few instead.
    if (shares.length === 0) shares = rows.slice(0, 4).map((r) => [r.code, 0.25]);
    const total = shares.reduce((s, [, w]) => s + w, 0);
    return shares.map(([code, w]) => ({
      code,
      name: present.get(code)!,
      postcodePrefix: prefix(code),
      persons: Math.round((config.persons * w) / total),
    }));
  }
  // Size proxy: known inhabitants for the built-in cities, a plausible small-town size for
  // the others (the CBS classification carries no population).
  const weights = rows.map((r) => BUILT_IN_BY_CODE.get(r.code)?.inhabitantsK ?? rng.bell(12, 70));
  const total = weights.reduce((s, w) => s + w, 0);
  return rows.map((r, i) => ({
    code: r.code,
    name: r.name,
    postcodePrefix: prefix(r.code),
    persons: Math.max(20, Math.round((config.persons * weights[i]!) / total)),
  }));
}

async function nextIds(db: Db): Promise<{ person: number; household: number; location: number }> {
  const [row] = await query<{ p: number; h: number; l: number }>(
    db,
    sql`select (select coalesce(max(id), 0)::int from person) as p,
               (select coalesce(max(id), 0)::int from household) as h,
               (select coalesce(max(id), 0)::int from location) as l`,
  );
  return { person: (row?.p ?? 0) + 1, household: (row?.h ?? 0) + 1, location: (row?.l ?? 0) + 1 };
}

// --- The synthetic world ----------------------------------------------------------------

class World {
  readonly persons: Person[] = [];
  readonly households: Household[] = [];
  readonly locations: Location[] = [];
  private nextPerson: number;
  private nextHousehold: number;
  private nextLocation: number;
  private bsnCounter = 0;
  private vCounter = 0;
  private readonly bsnOffset: number;
  private readonly vOffset: number;
  private readonly familyNames: (readonly [[string, string], number])[];
  /** History scale: persons are registered by the simulation (history.ts). */
  historyMode = false;
  /** History scale: the simulation, with its figures of every day. */
  history: HistorySimulation | null = null;

  constructor(
    private readonly rng: Random,
    ids: { person: number; household: number; location: number },
  ) {
    this.nextPerson = ids.person;
    this.nextHousehold = ids.household;
    this.nextLocation = ids.location;
    this.bsnOffset = rng.int(0, 999_999);
    this.vOffset = rng.int(0, 999_999_999);
    this.familyNames = FAMILY_NAMES.map(([m, f, w]) => [[m, f], w] as const);
  }

  populate(muni: Muni, config: ScaleConfig): void {
    const rng = this.rng;
    const households: Household[] = [];
    let persons = 0;
    while (persons < muni.persons) {
      const h = this.makeHousehold(muni, config);
      households.push(h);
      persons += h.members.length;
    }
    const gooPersons = households
      .filter((h) => h.seeksGoo)
      .reduce((s, h) => s + h.members.length, 0);
    const locations = this.makeLocations(muni, Math.round(gooPersons * config.placesPerGooPerson));
    const closed = locations.find((l) => l.closedFrom !== null);
    for (const h of households) {
      if (closed && h.seeksGoo && !h.move && h.departure === null) {
        h.prefersClosed =
          h.arrival >= closed.open && h.arrival < closed.closedFrom! - 60 && rng.chance(0.35);
      }
    }
    this.place(households, locations);
    // Children who turned 18 get their own household (DOMAIN §2): split after placing.
    for (const h of households) this.households.push(h, ...this.splitAdultChildren(h));
  }

  /**
   * The history scale: the simulation (history.ts) makes households, locations and
   * placements day by day after the published series; then children who turned 18 get
   * their own household, as in `populate`.
   */
  populateHistory(
    munis: Muni[],
    config: ScaleConfig,
    targets: HistoryTargets,
    progress: (m: string) => void,
  ): void {
    this.historyMode = true;
    const names = new Map<Muni, Set<string>>();
    const factory: HistoryFactory = {
      rng: this.rng,
      household: (muni, arrival, maxSize) => this.makeHousehold(muni, config, { arrival, maxSize }),
      location: (muni, kind, places, open) => {
        let used = names.get(muni);
        if (!used) {
          used = new Set();
          names.set(muni, used);
        }
        const l = this.makeLocation(muni, kind, places, used);
        l.open = open;
        l.schedule = [[open, places]];
        this.locations.push(l);
        return l;
      },
      pooAddress: (muni) => this.pooAddress(muni),
      nextBsn: () => this.nextBsn(),
      otherNationality: () => this.rng.weighted(OTHER_NATIONALITIES),
    };
    const simulation = new HistorySimulation(factory, munis, targets, progress);
    this.history = simulation;
    const households = simulation.run();
    for (const h of households) this.households.push(h, ...this.splitAdultChildren(h));
  }

  // Households ----------------------------------------------------------------------------

  /**
   * A household arriving in the municipality. `at` (history scale): on that day, with at
   * most `maxSize` members, and without the departure or move the other scales draw here.
   */
  private makeHousehold(
    muni: Muni,
    config: ScaleConfig,
    at?: { arrival: number; maxSize: number },
  ): Household {
    const rng = this.rng;
    const size = rng.weighted<number>(
      at ? HOUSEHOLD_SIZES.filter(([n]) => n <= at.maxSize) : HOUSEHOLD_SIZES,
    );
    const entry = at ? at.arrival : this.arrivalDay();
    const arrival = at ? at.arrival : Math.min(TODAY, entry + rng.int(0, 14));
    const family = rng.weighted(this.familyNames);
    const members: Household["members"] = [];
    const adult = (sex: "M" | "V", ageMin: number, ageMax: number, role: Role): Person => {
      const birth = arrival - Math.floor(rng.next() * (ageMax - ageMin) * 365.25 + ageMin * 365.25);
      const p = this.makePerson(muni, family, sex, birth, entry, arrival, false);
      members.push({ person: p, role });
      return p;
    };
    const children = (parent: Person, count: number) => {
      // Born while the parent was 18–45 and less than 18 years before arrival.
      const from = Math.max(addYears(parent.birth, 18), addYears(arrival, -18) + 1);
      const to = Math.min(addYears(parent.birth, 45), arrival - 1);
      for (let i = 0; i < count; i++) {
        const birth = rng.int(from, Math.max(from, to));
        const sex = rng.chance(0.51) ? "M" : "V";
        members.push({
          person: this.makePerson(muni, family, sex, birth, entry, arrival, true),
          role: "child",
        });
      }
    };
    const kind = rng.next();
    if (size === 1) {
      const age = rng.weighted<[number, number]>([
        [[18, 30], 25],
        [[30, 60], 45],
        [[60, 75], 30],
      ]);
      adult(rng.chance(0.35) ? "M" : "V", age[0], age[1], "head");
    } else if (size === 2 && kind < 0.4) {
      const man = adult("M", 20, 74, "head");
      const age = Math.min(74, Math.max(19, (arrival - man.birth) / 365.25 + rng.int(-6, 3)));
      adult("V", age, age + 1, "partner");
    } else if (kind < 0.12 && size <= 4) {
      // A grandparent caring for grandchildren: a guardian, not a parent.
      const g = adult(rng.chance(0.85) ? "V" : "M", 50, 72, "guardian");
      children({ ...g, birth: addYears(g.birth, 20) }, size - 1);
    } else if (kind < 0.6 || size === 2) {
      const single = adult(rng.chance(0.92) ? "V" : "M", 22 + Math.min(size, 6), 50, "head");
      children(single, size - 1);
    } else {
      const man = adult("M", 24 + Math.min(size, 6), 55, "head");
      const age = Math.min(50, Math.max(22 + size, (arrival - man.birth) / 365.25 - rng.int(0, 5)));
      const woman = adult("V", age, age + 1, "partner");
      children(woman, size - 2);
    }
    const head = members[0]!.person;
    const h: Household = {
      id: this.nextHousehold++,
      muni,
      label: transliterate(head.familyCyr),
      members,
      arrival,
      departure: null,
      seeksGoo: rng.chance(config.gooShare),
      move: null,
      prefersClosed: false,
      segments: [],
    };
    if (at) return h;
    if (rng.chance(0.012) && arrival + 60 < TODAY - 1) {
      h.departure = rng.int(arrival + 60, TODAY - 1);
    } else if (h.seeksGoo && rng.chance(0.05) && arrival + 90 < TODAY - 30) {
      h.move = {
        day: rng.int(arrival + 90, TODAY - 30),
        reason: rng.pick<PlacementReason>([
          "moved_better_fit",
          "moved_within_municipality",
          "medical",
          "nuisance",
        ]),
      };
    }
    return h;
  }

  private arrivalDay(): number {
    const u = this.rng.next();
    for (let i = 1; i < ARRIVALS.length; i++) {
      const [d1, c1] = ARRIVALS[i]!;
      const [d0, c0] = ARRIVALS[i - 1]!;
      if (u <= c1) return Math.round(d0 + ((u - c0) / (c1 - c0)) * (d1 - d0));
    }
    return TODAY;
  }

  private makePerson(
    muni: Muni,
    family: [string, string],
    sex: "M" | "V",
    birth: number,
    entry: number,
    arrival: number,
    child: boolean,
  ): Person {
    const rng = this.rng;
    const givenPool = child
      ? sex === "M"
        ? MALE_CHILD_NAMES
        : FEMALE_CHILD_NAMES
      : sex === "M"
        ? MALE_ADULT_NAMES
        : FEMALE_ADULT_NAMES;
    let birthText = iso(birth);
    // About 1 in 200 adults has a partly unknown birth date, as the BRP allows.
    if (!child && rng.chance(0.01)) {
      birthText = rng.chance(0.5)
        ? `${birthText.slice(0, 4)}-00-00`
        : `${birthText.slice(0, 7)}-00`;
    }
    const brp = arrival + rng.int(1, 21);
    // The history registers persons as its days pass (history.ts), not here.
    const registered = !this.historyMode && brp <= TODAY && rng.chance(0.98);
    return {
      id: this.nextPerson++,
      gemeente: muni.code,
      bsn: registered ? this.nextBsn() : null,
      vNumber: this.vNumber(),
      familyCyr: sex === "M" ? family[0] : family[1],
      givenCyr: rng.pick(givenPool),
      birth,
      birthText,
      sex,
      nationality: !child && rng.chance(0.02) ? rng.weighted(OTHER_NATIONALITIES) : "0034",
      protectionStart: Math.max(RTB_START, entry),
      brpDate: registered ? brp : null,
      language: rng.weighted<"uk" | "nl" | "en">([
        ["uk", 85],
        ["nl", 8],
        ["en", 7],
      ]),
    };
  }

  /** Unique synthetic BSNs in the 99xxxxxxx range: a bijection of a counter, 11-check valid. */
  private nextBsn(): string {
    for (;;) {
      const n = (this.bsnOffset + this.bsnCounter++ * 7919) % 1_000_000;
      const bsn = completeBsn(`99${String(n).padStart(6, "0")}`);
      if (bsn) return bsn;
    }
  }

  /** Unique 10-digit V-numbers: the same bijection idea over 10^9. */
  private vNumber(): string {
    const n = (this.vOffset + this.vCounter++ * 104_729) % 1_000_000_000;
    return `2${String(n).padStart(9, "0")}`;
  }

  private splitAdultChildren(h: Household): Household[] {
    const out: Household[] = [];
    const end = h.departure ?? TODAY;
    for (const m of h.members) {
      this.persons.push(m.person);
      if (m.role !== "child") continue;
      const eighteen = addYears(m.person.birth, 18);
      if (eighteen <= h.arrival || eighteen > end) continue;
      // Membership in the parents' household ends the day before; the own one starts then.
      out.push({
        id: this.nextHousehold++,
        muni: h.muni,
        label: transliterate(m.person.familyCyr),
        members: [{ person: m.person, role: "head" }],
        arrival: eighteen,
        departure: h.departure,
        seeksGoo: h.seeksGoo,
        move: null,
        prefersClosed: false,
        segments: [],
      });
      m.until = eighteen - 1;
    }
    return out;
  }

  // Locations -----------------------------------------------------------------------------

  private makeLocations(muni: Muni, places: number): Location[] {
    const rng = this.rng;
    const out: Location[] = [];
    const names = new Set<string>();
    const big = places > 300;
    let remaining = places;
    while (remaining > 0) {
      const kind = rng.weighted<LocationKind>([
        ["flex_homes", 25],
        ["houses", 30],
        ["hotel", big ? 12 : 6],
        ["emergency_hall", big ? 10 : 4],
        ["ship", big ? 5 : 0],
        ["other", 18],
      ]);
      const [min, max] = LOCATION_SIZES[kind];
      let size = rng.int(min, max);
      if (remaining - size < 4) size = remaining;
      remaining -= size;
      const location = this.makeLocation(muni, kind, size, names);
      location.open = this.openDay(kind);
      if (rng.chance(0.4) && location.open + 90 < TODAY - 60) {
        location.growthDay = rng.int(location.open + 90, TODAY - 60);
      }
      out.push(location);
    }
    // One early location that has closed since (an emergency hall or a hotel), so that
    // households have moved: only where the municipality receives enough people.
    if (places >= 120) {
      const kind = rng.chance(0.6) ? "emergency_hall" : rng.chance(0.5) ? "hotel" : "ship";
      const closed = this.makeLocation(muni, kind, rng.int(40, Math.min(250, places)), names);
      closed.open = RTB_START + rng.int(0, 20);
      closed.closedFrom = rng.int(day("2023-03-01"), day("2025-06-30"));
      out.push(closed);
    }
    if (rng.chance(places > 200 ? 0.5 : 0.1)) {
      const planned = this.makeLocation(muni, "flex_homes", rng.int(40, 160), names);
      planned.planned = true;
      planned.open = rng.int(day("2027-01-01"), day("2027-09-01"));
      out.push(planned);
    }
    this.locations.push(...out);
    return out;
  }

  private makeLocation(
    muni: Muni,
    kind: LocationKind,
    places: number,
    names: Set<string>,
  ): Location {
    const rng = this.rng;
    const area = rng.pick(NEIGHBOURHOODS[muni.code] ?? GENERIC_NEIGHBOURHOODS);
    const address = this.address(muni, null);
    let name = {
      flex_homes: `Flexwoningen ${area}`,
      houses: `Woningen ${address.street}`,
      hotel: `Hotel ${rng.pick(HOTEL_NAMES)}`,
      emergency_hall: `Noodopvang ${rng.pick(["Sporthal", "Evenementenhal", "Beurshal"])} ${area}`,
      // No draw of its own: the demo has no crisis location, and its sequence stays as it was.
      crisis_emergency: `Crisisnoodopvang ${area}`,
      ship: `Opvangschip ${rng.pick(SHIP_NAMES)}`,
      other: `${rng.pick(["Voormalig kantoorpand", "Voormalig verpleeghuis", "Voormalige school", "Klooster"])} ${area}`,
    }[kind];
    for (let n = 2; names.has(name); n++) name = `${name.replace(/ \d+$/, "")} ${n}`;
    names.add(name);
    return {
      id: this.nextLocation++,
      muni,
      kind,
      name,
      address,
      catering:
        kind === "hotel" || kind === "ship" || (kind === "emergency_hall" && rng.chance(0.5)),
      places,
      open: RTB_START,
      closedFrom: null,
      planned: false,
      growthDay: null,
      peakBeforeGrowth: 0,
      occupied: 0,
    };
  }

  private openDay(kind: LocationKind): number {
    const rng = this.rng;
    const early = () => RTB_START + rng.int(0, 60);
    switch (kind) {
      case "flex_homes":
        return rng.chance(0.2) ? early() : rng.int(day("2022-09-01"), day("2025-12-01"));
      case "houses":
        return rng.chance(0.5) ? early() : rng.int(day("2022-05-01"), day("2025-06-01"));
      default:
        return rng.chance(0.7) ? early() : rng.int(day("2022-05-15"), day("2024-06-01"));
    }
  }

  private address(muni: Muni, hostName: string | null): Address {
    const rng = this.rng;
    const letters = "ABCEGHJKLMNPRTVWXZ";
    return {
      street: rng.pick(STREETS),
      houseNumber: String(rng.int(1, 240)) + (rng.chance(0.1) ? rng.pick(["A", "B", "bis"]) : ""),
      postcode: `${muni.postcodePrefix}${rng.int(10, 99)} ${rng.pick([...letters])}${rng.pick([...letters])}`,
      city: muni.name,
      hostName,
    };
  }

  private pooAddress(muni: Muni): Address {
    const rng = this.rng;
    const host = rng.pick(HOST_FAMILY_NAMES);
    return this.address(
      muni,
      rng.chance(0.5) ? `Familie ${host}` : `${rng.pick([..."ABCDEHJKLMPRSTW"])}. ${host}`,
    );
  }

  // Placements ----------------------------------------------------------------------------

  /**
   * Places households in time order: a location takes a household only when it is open
   * and has room for all members on that day, counting who has left by then. So no
   * location is ever over capacity; who finds no room lives in private reception.
   */
  private place(households: Household[], locations: Location[]): void {
    const requests: Request[] = [];
    for (const h of households) {
      requests.push({ h, start: h.arrival, phase: 1 });
      if (h.move) requests.push({ h, start: h.move.day, phase: 2 });
    }
    requests.sort((a, b) => a.start - b.start || a.h.id - b.h.id || a.phase - b.phase);
    const releases = new ReleaseQueue();
    const closed = locations.find((l) => l.closedFrom !== null);
    for (const r of requests) {
      releases.releaseUntil(r.start);
      const h = r.h;
      const n = h.members.length;
      if (r.phase === 2) {
        const first = h.segments[0];
        // A planned move happens only from the GOO place the household actually got.
        if (!h.move || !first?.location || first.end === null) continue;
        const target = this.pickLocation(locations, r.start, n, first.location);
        this.occupy(h, target, r.start, h.departure, releases, h.move!.reason, n);
        continue;
      }
      if (r.phase === 3) {
        // Waited in private reception for a GOO place.
        const target = this.pickLocation(locations, r.start, n, null);
        if (target) {
          h.segments[h.segments.length - 1]!.end = r.start - 1;
          this.occupy(h, target, r.start, h.departure, releases, "moved_from_private_reception", n);
        } else {
          this.retryLater(requests, h, r.start);
        }
        continue;
      }
      if (!h.seeksGoo) {
        h.segments.push(this.pooSegment(h, r.start, h.departure, "arrival"));
        continue;
      }
      if (h.prefersClosed && closed && closed.places - closed.occupied >= n) {
        // Lived in the early location until it closed, then moved on that day.
        h.move = { day: closed.closedFrom!, reason: "location_closed" };
        this.occupy(h, closed, r.start, closed.closedFrom! - 1, releases, "arrival", n);
        insertSorted(requests, { h, start: closed.closedFrom!, phase: 2 });
        continue;
      }
      const end = h.move ? h.move.day - 1 : h.departure;
      const target = this.pickLocation(locations, r.start, n, null);
      this.occupy(h, target, r.start, target ? end : h.departure, releases, "arrival", n);
      if (!target) {
        h.move = null;
        this.retryLater(requests, h, r.start);
      }
    }
  }

  /** No room yet: the household lives with a host and asks again in a few months. */
  private retryLater(requests: Request[], h: Household, from: number): void {
    const again = from + this.rng.int(30, 150);
    if (again < (h.departure ?? TODAY) - 1 && h.segments.length < 2) {
      insertSorted(requests, { h, start: again, phase: 3 });
    }
  }

  private pickLocation(
    locations: Location[],
    start: number,
    n: number,
    not: Location | null,
  ): Location | null {
    let total = 0;
    const fits: Location[] = [];
    for (const l of locations) {
      if (l === not || l.planned || l.closedFrom !== null || l.open > start) continue;
      const free = l.places - l.occupied;
      if (free < n) continue;
      fits.push(l);
      total += free;
    }
    if (fits.length === 0) return null;
    let r = this.rng.next() * total;
    for (const l of fits) {
      r -= l.places - l.occupied;
      if (r < 0) return l;
    }
    return fits[fits.length - 1]!;
  }

  private occupy(
    h: Household,
    location: Location | null,
    start: number,
    end: number | null,
    releases: ReleaseQueue,
    reason: PlacementReason,
    n: number,
  ): void {
    if (!location) {
      h.segments.push(
        this.pooSegment(
          h,
          start,
          h.departure,
          reason === "arrival" ? "arrival" : "moved_to_private_reception",
        ),
      );
      return;
    }
    location.occupied += n;
    if (end !== null) releases.add(end + 1, location, n);
    h.segments.push({ start, end, location, address: null, reason });
  }

  private pooSegment(
    h: Household,
    start: number,
    end: number | null,
    reason: PlacementReason,
  ): Segment {
    return { start, end, location: null, address: this.pooAddress(h.muni), reason };
  }

  /**
   * Sets the capacity a location reports from who actually lived there: the figure never
   * falls below the occupancy on any day of its period, and lies a few percent above
   * today's occupancy, so national occupancy stays high as in DOMAIN §1. Where capacity
   * grew, the earlier figure still held everybody who lived there before.
   */
  finishLocations(): void {
    const events = new Map<Location, [number, number][]>();
    for (const h of this.households) {
      for (const s of h.segments) {
        if (!s.location) continue;
        let list = events.get(s.location);
        if (!list) {
          list = [];
          events.set(s.location, list);
        }
        list.push([s.start, h.members.length]);
        if (s.end !== null) list.push([s.end + 1, -h.members.length]);
      }
    }
    for (const l of this.locations) {
      if (l.planned || l.closedFrom !== null) continue;
      const list = (events.get(l) ?? []).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
      let occupied = 0;
      let peakBefore = 0;
      let peakAfter = 0;
      for (let i = 0; i < list.length; i++) {
        const [when, delta] = list[i]!;
        occupied += delta;
        // Count a day's level only after all of that day's changes.
        if (i + 1 < list.length && list[i + 1]![0] === when) continue;
        if (l.growthDay !== null && when < l.growthDay) peakBefore = Math.max(peakBefore, occupied);
        else peakAfter = Math.max(peakAfter, occupied);
      }
      if (l.growthDay !== null) {
        // The level on the growth day itself comes from the changes before it.
        const atGrowth = list.filter(([w]) => w <= l.growthDay!).reduce((s, [, d]) => s + d, 0);
        peakAfter = Math.max(peakAfter, atGrowth);
      }
      const target = Math.max(4, Math.round(occupied * this.rng.bell(1.0, 1.06)));
      const places = Math.max(peakAfter, target);
      if (l.growthDay === null) {
        l.places = Math.max(places, peakBefore);
        continue;
      }
      const earlier = Math.max(peakBefore, Math.round(places * this.rng.bell(0.5, 0.9)));
      if (earlier >= places) {
        l.places = earlier;
        l.growthDay = null;
      } else {
        l.places = places;
        l.peakBeforeGrowth = earlier;
      }
    }
  }

  placementCount(): number {
    let n = 0;
    for (const h of this.households) n += h.segments.length * h.members.length;
    return n;
  }

  // Incomes -------------------------------------------------------------------------------

  makeIncomes(): IncomeColumns {
    const rng = this.rng;
    const cols: IncomeColumns = {
      personId: [],
      month: [],
      netCents: [],
      kind: [],
      source: [],
      payer: [],
      receivedAt: [],
    };
    const done = new Set<number>();
    const firstMonth = addMonths(TODAY, -(INCOME_MONTHS - 1));
    const lastMonth = addMonths(TODAY, 0);
    for (const h of this.households) {
      if (h.departure !== null || h.arrival >= firstMonth) continue;
      for (const { person, role } of h.members) {
        if (role === "child" && addYears(person.birth, 18) > firstMonth) continue;
        if (done.has(person.id)) continue;
        done.add(person.id);
        if (addYears(person.birth, 18) > firstMonth || !rng.chance(0.68)) continue;
        const kind = rng.weighted<"work" | "wage_replacement" | "toeslagenwet">([
          ["work", 88],
          ["wage_replacement", 9],
          ["toeslagenwet", 3],
        ]);
        const base =
          kind === "work"
            ? rng.bell(600, 2400)
            : kind === "wage_replacement"
              ? rng.bell(700, 1500)
              : 0;
        const employer = rng.pick(EMPLOYERS);
        for (let m = firstMonth; m <= lastMonth; m = addMonths(m, 1)) {
          // The Inlichtingenbureau delivers after the month: the current month is self-reported.
          const fromBureau = m < lastMonth;
          const push = (k: string, cents: number, payer: string) => {
            cols.personId.push(person.id);
            cols.month.push(iso(m));
            cols.netCents.push(cents);
            cols.kind.push(k);
            cols.source.push(fromBureau ? "inlichtingenbureau" : "self_reported");
            cols.payer.push(payer);
            cols.receivedAt.push(`${iso(fromBureau ? addMonths(m, 1) + 14 : m + 24)}T06:00:00Z`);
          };
          if (kind === "toeslagenwet") {
            // A Toeslagenwet supplement tops up a low wage replacement benefit.
            push("wage_replacement", Math.round(rng.bell(700, 1000) * 100), "UWV");
            push("toeslagenwet", Math.round(rng.bell(100, 300) * 100), "UWV");
          } else {
            const cents = Math.round(base * rng.bell(0.9, 1.1) * 100);
            push(kind, cents, kind === "work" ? employer : "UWV");
          }
        }
      }
    }
    return cols;
  }
}

interface IncomeColumns {
  personId: number[];
  month: string[];
  netCents: number[];
  kind: string[];
  source: string[];
  payer: string[];
  receivedAt: string[];
}

/** Places freed on a day, in day order (a binary heap). */
class ReleaseQueue {
  private heap: { day: number; location: Location; n: number }[] = [];

  add(dayNumber: number, location: Location, n: number): void {
    const heap = this.heap;
    heap.push({ day: dayNumber, location, n });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.day <= heap[i]!.day) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }

  releaseUntil(dayNumber: number): void {
    const heap = this.heap;
    while (heap.length > 0 && heap[0]!.day <= dayNumber) {
      const top = heap[0]!;
      top.location.occupied -= top.n;
      const last = heap.pop()!;
      if (heap.length === 0) break;
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l]!.day < heap[m]!.day) m = l;
        if (r < heap.length && heap[r]!.day < heap[m]!.day) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i]!, heap[m]!];
        i = m;
      }
    }
  }
}

function insertSorted<T extends { start: number }>(list: T[], item: T): void {
  // Only called for a day after the current request, so the loop position stays valid.
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.start <= item.start) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, item);
}

// --- Writing ----------------------------------------------------------------------------

async function writeAll(
  db: Db,
  world: World,
  incomes: IncomeColumns,
  progress: (m: string) => void,
): Promise<void> {
  const write = async (table: string, columns: Column[], withIds: boolean) => {
    const total = columns[0]?.values.length ?? 0;
    await db.transaction(async (tx) => {
      await insertColumns(tx, table, columns, {
        overridingSystemValue: withIds,
        onChunk: (done) => progress(`${table} ${done}/${total}`),
      });
      if (withIds) await syncIdentity(tx, table);
    });
  };
  const locations = world.locations;
  await write(
    "location",
    [
      { name: "id", type: "int", values: locations.map((l) => l.id) },
      { name: "gemeente_code", type: "text", values: locations.map((l) => l.muni.code) },
      { name: "name", type: "text", values: locations.map((l) => l.name) },
      { name: "street", type: "text", values: locations.map((l) => l.address.street) },
      { name: "house_number", type: "text", values: locations.map((l) => l.address.houseNumber) },
      { name: "postcode", type: "text", values: locations.map((l) => l.address.postcode) },
      { name: "city", type: "text", values: locations.map((l) => l.address.city) },
      { name: "kind", type: "text", values: locations.map((l) => l.kind) },
    ],
    true,
  );

  const cap = dated();
  const status = { ...dated(), status: [] as string[] };
  // Each location's catering holds from its first status or capacity.
  const firstDay = new Map<number, number>();
  const seen = (l: Location, from: number) =>
    firstDay.set(l.id, Math.min(from, firstDay.get(l.id) ?? from));
  const addStatus = (l: Location, s: string, from: number, to: number | null) => {
    seen(l, from);
    status.location.push(l.id);
    status.status.push(s);
    status.from.push(iso(from));
    status.to.push(to === null ? null : iso(to));
  };
  const addCap = (l: Location, places: number, from: number, to: number | null) => {
    seen(l, from);
    cap.location.push(l.id);
    cap.places.push(places);
    cap.from.push(iso(from));
    cap.to.push(to === null ? null : iso(to));
  };
  for (const l of locations) {
    if (l.schedule) {
      // History: planned for months before it opened (purpose-built homes), realised until
      // it closed, with the capacity of each period.
      const plannedFrom = l.open - 150;
      if ((l.kind === "flex_homes" || l.kind === "houses") && plannedFrom > RTB_START) {
        addStatus(l, "planned", plannedFrom, l.open - 1);
      }
      const end = l.closedFrom;
      addStatus(l, "realised", l.open, end === null ? null : end - 1);
      if (end !== null) addStatus(l, "closed", end, null);
      l.schedule.forEach(([from, places], i) => {
        const next = l.schedule![i + 1]?.[0] ?? end;
        addCap(l, places, from, next === null ? null : next - 1);
      });
    } else if (l.planned) {
      addStatus(l, "planned", TODAY - 200 + (l.id % 150), null);
      addCap(l, l.places, l.open, null);
    } else if (l.closedFrom !== null) {
      addStatus(l, "realised", l.open, l.closedFrom - 1);
      addStatus(l, "closed", l.closedFrom, null);
      addCap(l, l.places, l.open, l.closedFrom - 1);
    } else {
      // Purpose-built homes were planned for months before they opened.
      const plannedFrom = l.open - 150;
      if ((l.kind === "flex_homes" || l.kind === "houses") && plannedFrom > RTB_START) {
        addStatus(l, "planned", plannedFrom, l.open - 1);
      }
      addStatus(l, "realised", l.open, null);
      if (l.growthDay !== null) {
        addCap(l, l.peakBeforeGrowth, l.open, l.growthDay - 1);
        addCap(l, l.places, l.growthDay, null);
      } else {
        addCap(l, l.places, l.open, null);
      }
    }
  }
  await write(
    "location_capacity",
    [
      { name: "location_id", type: "int", values: cap.location },
      { name: "places", type: "int", values: cap.places },
      { name: "valid_from", type: "date", values: cap.from },
      { name: "valid_to", type: "date", values: cap.to },
    ],
    false,
  );
  await write(
    "location_status",
    [
      { name: "location_id", type: "int", values: status.location },
      { name: "status", type: "text", values: status.status },
      { name: "valid_from", type: "date", values: status.from },
      { name: "valid_to", type: "date", values: status.to },
    ],
    false,
  );
  await write(
    "location_catering",
    [
      { name: "location_id", type: "int", values: locations.map((l) => l.id) },
      { name: "catering", type: "boolean", values: locations.map((l) => l.catering) },
      { name: "valid_from", type: "date", values: locations.map((l) => iso(firstDay.get(l.id)!)) },
    ],
    false,
  );

  const hs = world.households;
  await write(
    "household",
    [
      { name: "id", type: "int", values: hs.map((h) => h.id) },
      { name: "gemeente_code", type: "text", values: hs.map((h) => h.muni.code) },
      { name: "label", type: "text", values: hs.map((h) => h.label) },
    ],
    true,
  );

  const ps = world.persons;
  await write(
    "person",
    [
      { name: "id", type: "int", values: ps.map((p) => p.id) },
      { name: "gemeente_code", type: "text", values: ps.map((p) => p.gemeente) },
      { name: "bsn", type: "text", values: ps.map((p) => p.bsn) },
      { name: "v_number", type: "text", values: ps.map((p) => p.vNumber) },
      { name: "family_name", type: "text", values: ps.map((p) => transliterate(p.familyCyr)) },
      { name: "given_names", type: "text", values: ps.map((p) => transliterate(p.givenCyr)) },
      { name: "family_name_cyrillic", type: "text", values: ps.map((p) => p.familyCyr) },
      { name: "given_names_cyrillic", type: "text", values: ps.map((p) => p.givenCyr) },
      { name: "birth_date", type: "text", values: ps.map((p) => p.birthText) },
      { name: "sex", type: "text", values: ps.map((p) => p.sex) },
      { name: "nationality_code", type: "text", values: ps.map((p) => p.nationality) },
      { name: "protection_start", type: "date", values: ps.map((p) => iso(p.protectionStart)) },
      {
        name: "brp_registration_date",
        type: "date",
        values: ps.map((p) => (p.brpDate === null ? null : iso(p.brpDate))),
      },
      {
        name: "brp_gemeente_code",
        type: "text",
        values: ps.map((p) => (p.brpDate === null ? null : p.gemeente.slice(2))),
      },
      { name: "contact_language", type: "text", values: ps.map((p) => p.language) },
    ],
    true,
  );

  const ms = {
    household: [] as number[],
    person: [] as number[],
    role: [] as string[],
    from: [] as string[],
    to: [] as (string | null)[],
    reason: [] as MembershipReason[],
  };
  const pl = {
    person: [] as number[],
    kind: [] as string[],
    location: [] as (number | null)[],
    street: [] as (string | null)[],
    houseNumber: [] as (string | null)[],
    postcode: [] as (string | null)[],
    city: [] as (string | null)[],
    host: [] as (string | null)[],
    gemeente: [] as string[],
    from: [] as string[],
    to: [] as (string | null)[],
    reason: [] as PlacementReason[],
  };
  for (const h of hs) {
    for (const m of h.members) {
      const until = m.until ?? h.departure;
      ms.household.push(h.id);
      ms.person.push(m.person.id);
      ms.role.push(m.role);
      ms.from.push(iso(h.arrival));
      ms.to.push(until === null ? null : iso(until));
      const adultChild = m.until !== undefined;
      ms.reason.push(
        adultChild
          ? "turned_18_own_household"
          : h.departure !== null
            ? "departure"
            : h.arrival === addYears(m.person.birth, 18)
              ? "turned_18"
              : "arrival",
      );
    }
    // Placements belong to the household as it arrived; a split-off adult child keeps
    // living at the same place, so their placements are written once, with the parents.
    if (h.segments.length === 0) continue;
    for (const m of h.members) {
      for (const s of h.segments) {
        pl.person.push(m.person.id);
        pl.kind.push(s.location ? "goo" : "poo");
        pl.location.push(s.location?.id ?? null);
        pl.street.push(s.address?.street ?? null);
        pl.houseNumber.push(s.address?.houseNumber ?? null);
        pl.postcode.push(s.address?.postcode ?? null);
        pl.city.push(s.address?.city ?? null);
        pl.host.push(s.address?.hostName ?? null);
        pl.gemeente.push(h.muni.code);
        pl.from.push(iso(s.start));
        pl.to.push(s.end === null ? null : iso(s.end));
        pl.reason.push(s.reason);
      }
    }
  }
  await write(
    "household_membership",
    [
      { name: "household_id", type: "int", values: ms.household },
      { name: "person_id", type: "int", values: ms.person },
      { name: "role", type: "text", values: ms.role },
      { name: "valid_from", type: "date", values: ms.from },
      { name: "valid_to", type: "date", values: ms.to },
      { name: "reason", type: "text", values: ms.reason },
    ],
    false,
  );
  await write(
    "placement",
    [
      { name: "person_id", type: "int", values: pl.person },
      { name: "kind", type: "text", values: pl.kind },
      { name: "location_id", type: "int", values: pl.location },
      { name: "street", type: "text", values: pl.street },
      { name: "house_number", type: "text", values: pl.houseNumber },
      { name: "postcode", type: "text", values: pl.postcode },
      { name: "city", type: "text", values: pl.city },
      { name: "host_name", type: "text", values: pl.host },
      { name: "gemeente_code", type: "text", values: pl.gemeente },
      { name: "valid_from", type: "date", values: pl.from },
      { name: "valid_to", type: "date", values: pl.to },
      { name: "reason", type: "text", values: pl.reason },
    ],
    false,
  );
  await write(
    "income",
    [
      { name: "person_id", type: "int", values: incomes.personId },
      { name: "month", type: "date", values: incomes.month },
      { name: "net_cents", type: "int", values: incomes.netCents },
      { name: "kind", type: "text", values: incomes.kind },
      { name: "source", type: "text", values: incomes.source },
      { name: "payer", type: "text", values: incomes.payer },
      { name: "received_at", type: "timestamptz", values: incomes.receivedAt },
    ],
    false,
  );
  progress("analyze");
  await db.execute(sql`analyze`);
}

function dated() {
  return {
    location: [] as number[],
    places: [] as number[],
    from: [] as string[],
    to: [] as (string | null)[],
  };
}
