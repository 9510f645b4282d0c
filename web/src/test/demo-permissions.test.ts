// @vitest-environment node
import { describe, expect, it } from "vitest";
import { grantedPermissions } from "../../../scripts/api-types";
import { DEMO_PERMISSIONS } from "./render";

describe("the web tests' permissions (DEMO_PERMISSIONS)", () => {
  it("are what the server grants each role from the routes' declared access", async () => {
    const granted = await grantedPermissions();
    for (const [role, permissions] of Object.entries(DEMO_PERMISSIONS)) {
      expect([...permissions].sort(), role).toEqual(
        [...granted[role as keyof typeof granted]].sort(),
      );
    }
  }, 120_000);
});
