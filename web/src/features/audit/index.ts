import type { FeaturePages } from "../types";
import { AuditPage } from "./AuditPage";

/** The pages this feature provides: the municipal admin's access log per person. */
export const auditPages: FeaturePages = { audit: AuditPage };
