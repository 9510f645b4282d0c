import { defineConfig } from "vitest/config";

// Three test speeds (DESIGN.md): pure unit tests beside the code, database tests
// (*.db.test.ts) that run on PGlite or on PostgreSQL when TEST_DATABASE_URL is set,
// and web component tests in happy-dom. Browser tests live in test/e2e (Playwright).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "law/**/*.test.ts"],
          exclude: ["src/**/*.db.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "db",
          include: ["src/**/*.db.test.ts", "test/**/*.db.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "web",
          include: ["web/**/*.test.tsx", "web/**/*.test.ts"],
          environment: "happy-dom",
          // A page test renders, clicks and re-renders many times: on a busy 2-core machine
          // the longest (the national drill-down) takes 5 s, vitest's default limit.
          testTimeout: 20_000,
        },
      },
    ],
  },
});
