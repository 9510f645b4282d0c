import { describe, expect, it } from "vitest";
import { bezettingsgraad, figuresOf } from "./occupancy.service";

describe("bezettingsgraad", () => {
  it("matches the published national figures (DOMAIN.md §1)", () => {
    expect(bezettingsgraad(88_910, 89_500)).toBe(99.3); // 2024-01-19
    expect(bezettingsgraad(31_782, 42_374)).toBe(75.0); // 2022-04-25
    expect(bezettingsgraad(92_730, 93_200)).toBe(99.5); // 2024-12-15
  });

  it("rounds half up to one decimal, without binary fractions tipping it", () => {
    expect(bezettingsgraad(1, 16)).toBe(6.3); // 6.25
    expect(bezettingsgraad(3, 16)).toBe(18.8); // 18.75
    expect(bezettingsgraad(1, 3)).toBe(33.3);
    expect(bezettingsgraad(2, 3)).toBe(66.7);
  });

  it("is null without realised places and can exceed 100 when over capacity", () => {
    expect(bezettingsgraad(0, 0)).toBeNull();
    expect(bezettingsgraad(5, 0)).toBeNull();
    expect(bezettingsgraad(5, 4)).toBe(125);
  });

  it("free places never go below zero", () => {
    expect(figuresOf(4, 5)).toEqual({
      realisedPlaces: 4,
      occupied: 5,
      free: 0,
      bezettingsgraad: 125,
    });
    expect(figuresOf(89_500, 88_910).free).toBe(590);
  });
});
