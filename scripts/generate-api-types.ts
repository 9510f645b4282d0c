/**
 * `npm run generate:api`: writes web/src/api-types.ts, the web's types of the API, from the
 * OpenAPI document of the routes as they are (no database or server needed).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { API_TYPES_FILE, generateApiTypes, ROOT } from "./api-types";

const text = await generateApiTypes();
const name = path.relative(ROOT, API_TYPES_FILE);
let before = "";
try {
  before = readFileSync(API_TYPES_FILE, "utf8");
} catch {
  // Not generated yet.
}
if (before === text) {
  console.log(`${name} is up to date`);
} else {
  writeFileSync(API_TYPES_FILE, text);
  console.log(`${name} written`);
}
