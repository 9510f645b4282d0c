import { describeCatalogs } from "../../../test/catalogs";
import en from "./en.json";
import nl from "./nl.json";
import uk from "./uk.json";

describeCatalogs("users catalogs", { nl, uk, en });
