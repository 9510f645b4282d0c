import { describe, expect, it } from "vitest";
import {
  addYears,
  dateNlOf,
  daysBetween,
  fromBrpCompact,
  parseBrpDate,
  parseIsoDate,
  utcSecondsOf,
} from "./dates";
import { ValidationError } from "./errors";

const issueOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e.issues[0];
    throw e;
  }
  throw new Error("no error thrown");
};

describe("dates", () => {
  it("parses ISO dates and refuses ones that do not exist, naming the field", () => {
    expect(parseIsoDate("2024-02-29", "d")).toBe("2024-02-29");
    expect(issueOf(() => parseIsoDate("2023-02-29", "validFrom"))).toMatchObject({
      path: "validFrom",
      code: "date_nonexistent",
    });
    expect(issueOf(() => parseIsoDate("29-02-2024", "x"))?.code).toBe("date_format");
  });

  it("accepts partly unknown BRP dates but not impossible ones", () => {
    expect(parseBrpDate("1968-00-00", "b")).toBe("1968-00-00");
    expect(parseBrpDate("1971-04-00", "b")).toBe("1971-04-00");
    expect(parseBrpDate("0000-00-00", "b")).toBe("0000-00-00");
    expect(issueOf(() => parseBrpDate("1968-00-12", "b"))?.code).toBe("date_nonexistent");
    expect(issueOf(() => parseBrpDate("1968-13-01", "b"))?.code).toBe("date_nonexistent");
    expect(issueOf(() => parseBrpDate("1990-04-31", "b"))?.code).toBe("date_nonexistent");
  });

  it("converts BRP compact dates", () => {
    expect(fromBrpCompact("19680000")).toBe("1968-00-00");
  });
});

describe("addYears and daysBetween", () => {
  it("keeps the calendar day, and takes 29 February to 28 February in a common year", () => {
    expect(addYears("2027-03-05", 3)).toBe("2030-03-05");
    expect(addYears("2028-02-29", 3)).toBe("2031-02-28");
  });

  it("counts calendar days between dates, across a leap day", () => {
    expect(daysBetween("2026-12-04", "2027-03-04")).toBe(90);
    expect(daysBetween("2028-02-28", "2028-03-01")).toBe(2);
    expect(daysBetween("2027-03-04", "2026-12-04")).toBe(-90);
  });
});

describe("timestamps of the database", () => {
  it("gives the Dutch day and the UTC second of a timestamp in either form", () => {
    expect(dateNlOf("2027-01-03 23:30:00+00")).toBe("2027-01-04");
    expect(dateNlOf("2027-07-03T21:59:59.5Z")).toBe("2027-07-03");
    expect(utcSecondsOf("2026-12-05 02:36:13.99+00")).toBe("2026-12-05T02:36:13Z");
    expect(utcSecondsOf("2026-12-05T02:36:13Z")).toBe("2026-12-05T02:36:13Z");
  });
});
