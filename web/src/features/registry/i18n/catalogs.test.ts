import { describeCatalogs } from "../../../test/catalogs";
import en from "./en.json";
import nl from "./nl.json";
import uk from "./uk.json";

/** Names and codes that stay as they are in every language. */
describeCatalogs(
  "registry catalogs",
  { nl, uk, en },
  new Set([
    "placement.kindsShort.goo",
    "placement.kindsShort.poo",
    "search.col.bsn",
    "incomes.sources.inlichtingenbureau",
  ]),
);
