/**
 * Checks every API request makes before its route sees it, from what the OpenAPI document
 * declares about the operation:
 *
 * - a write whose JSON body the schema does not mark `required` still needs one: without a
 *   body (and without a Content-Type) the route's validator is skipped and the handler would
 *   see `{}`, so the request answers 400 `body_required` instead of failing in the service;
 * - a JSON body that does not parse answers 400 `invalid_json`, naming `body`;
 * - no text input may hold the NUL character (U+0000): PostgreSQL cannot store it in text
 *   (22021), so a body, query or path value with one answers 400 naming where it is.
 *
 * A caller who may not use the operation is left to the route (401 or 403), so these
 * answers never tell an anonymous caller more than that.
 */
import type { MiddlewareHandler } from "hono";
import type { Issue } from "../domain/errors";
import type { Access } from "./access";
import type { AppEnv } from "./context";
import { errorBody } from "./errors";

export interface OperationInfo {
  method: string;
  pattern: RegExp;
  paramNames: string[];
  /** A JSON request body that the route's validator does not require by itself. */
  optionalJsonBody: boolean;
  access?: Access;
}

type Doc = {
  paths?: Record<
    string,
    Record<
      string,
      {
        "x-opvang-access"?: Access;
        requestBody?: { required?: boolean; content?: Record<string, unknown> };
      }
    >
  >;
};

/** The operations of an OpenAPI document, with a pattern that matches their paths. */
export function operationsOf(document: unknown): OperationInfo[] {
  const doc = document as Doc;
  const out: OperationInfo[] = [];
  for (const [template, methods] of Object.entries(doc.paths ?? {})) {
    const paramNames: string[] = [];
    const source = template
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const m = /^\{([^}]+)\}$/.exec(part);
        if (!m) return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
        paramNames.push(m[1]!);
        return "([^/]+)";
      })
      .join("");
    const pattern = new RegExp(`^${source}/?$`);
    for (const [method, op] of Object.entries(methods)) {
      const content = Object.keys(op.requestBody?.content ?? {});
      out.push({
        method: method.toUpperCase(),
        pattern,
        paramNames,
        optionalJsonBody:
          content.length > 0 &&
          content.every((t) => /^application\/json$/i.test(t)) &&
          op.requestBody?.required !== true,
        access: op["x-opvang-access"],
      });
    }
  }
  return out;
}

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const NUL = "\u0000";
const MAX_ISSUES = 20;

const nulIssue = (path: string): Issue => ({
  path,
  code: "nul_character",
  message: "must not contain the NUL character (U+0000)",
});

/** Paths of every string (and key) in a parsed JSON value that holds U+0000. */
export function nulPaths(value: unknown, max = MAX_ISSUES): string[] {
  const found: string[] = [];
  // Iterative: a deeply nested body must not exhaust the stack.
  const stack: [unknown, string][] = [[value, ""]];
  while (stack.length && found.length < max) {
    const [v, path] = stack.pop()!;
    const at = (k: string) => (path ? `${path}.${k}` : k);
    if (typeof v === "string") {
      if (v.includes(NUL)) found.push(path || "body");
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], at(String(i))]);
    } else if (v && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        if (k.includes(NUL)) found.push(at(k));
        stack.push([child, at(k)]);
      }
    }
  }
  return found;
}

function refuse(issues: Issue[], code = "validation_error") {
  return errorBody(code, issues.map((i) => `${i.path}: ${i.message}`).join("; "), { issues });
}

export function requestChecks(operations: () => OperationInfo[]): MiddlewareHandler<AppEnv> {
  let ops: OperationInfo[] | undefined;
  return async (c, next) => {
    ops ??= operations();
    const method = c.req.method;
    let params: string[] = [];
    const op = ops.find((o) => {
      if (o.method !== method) return false;
      const m = o.pattern.exec(c.req.path);
      if (m) params = m.slice(1);
      return !!m;
    });
    if (!op) return next();
    if (op.access && op.access.scope !== "public") {
      const user = c.get("user");
      if (!user || !op.access.roles.includes(user.role)) return next();
    }

    const issues: Issue[] = [];
    op.paramNames.forEach((name, i) => {
      let value = params[i] ?? "";
      try {
        value = decodeURIComponent(value);
      } catch {
        // Left to the route's validator.
      }
      if (value.includes(NUL)) issues.push(nulIssue(name));
    });
    for (const [key, values] of Object.entries(c.req.queries())) {
      if (key.includes(NUL) || values.some((v) => v.includes(NUL))) issues.push(nulIssue(key));
    }
    if (issues.length) return c.json(refuse(issues), 400);

    if (!WRITES.has(method) || !op.optionalJsonBody) return next();
    const type = c.req.header("content-type");
    const isJson = !!type && /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type);
    if (type && !isJson) return next(); // the route answers 415
    const text = await c.req.text();
    if (!text.trim()) {
      return c.json(
        refuse([{ path: "body", code: "body_required", message: "a JSON body is required" }]),
        400,
      );
    }
    if (!type) return next(); // a body without Content-Type: the route answers 415
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return c.json(
        refuse(
          [{ path: "body", code: "invalid_json", message: "the request body is not valid JSON" }],
          "invalid_json",
        ),
        400,
      );
    }
    const nul = text.includes("\\u0000") ? nulPaths(parsed) : [];
    if (nul.length) return c.json(refuse(nul.map(nulIssue)), 400);
    return next();
  };
}
