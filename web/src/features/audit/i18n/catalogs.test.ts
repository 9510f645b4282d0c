import { describeCatalogs } from "../../../test/catalogs";
import en from "./en.json";
import nl from "./nl.json";
import uk from "./uk.json";

/** Names and codes that stay as they are in every language. */
describeCatalogs(
  "audit catalogs",
  { nl, uk, en },
  new Set(["search.col.bsn", "fields.bsn", "log.recordWithId"]),
);
