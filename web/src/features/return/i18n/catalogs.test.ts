import { describeCatalogs } from "../../../test/catalogs";
import en from "./en.json";
import nl from "./nl.json";
import uk from "./uk.json";

/** Placeholders only: purpose and state are translated where they are put in. */
describeCatalogs("return catalogs", { nl, uk, en }, new Set(["consent.line"]));
