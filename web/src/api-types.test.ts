// @vitest-environment node
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { API_TYPES_FILE, generateApiTypes } from "../../scripts/api-types";

describe("the generated API types (web/src/api-types.ts)", () => {
  it("match the OpenAPI document of the routes as they are (else: npm run generate:api)", async () => {
    const expected = await generateApiTypes();
    const actual = readFileSync(API_TYPES_FILE, "utf8");
    // Not toBe: a diff of ten thousand lines would bury the one instruction that helps.
    if (actual !== expected) {
      expect.fail(
        "web/src/api-types.ts is out of date with the routes' schemas: run `npm run generate:api` and commit the result",
      );
    }
  }, 120_000);
});
