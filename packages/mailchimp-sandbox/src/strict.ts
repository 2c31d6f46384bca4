import yaml from "js-yaml"
import type { NextFunction, Request, RequestHandler, Response } from "express"
import * as OpenApiValidator from "express-openapi-validator"
import fs from "fs"
import path from "path"
import { errors as problems, type FieldError } from "./problems"

/**
 * Strict mode: requests and responses under /3.0 are checked against Mailchimp's published API description
 * with express-openapi-validator. Compiling the description costs about 2 s, so one validator per file is kept
 * for the whole process and shared by every sandbox app.
 */
export interface StrictValidator {
  /** Route metadata and response validation: mounted before faults and auth, so that every answer is checked. */
  early: RequestHandler[]
  /** Request validation (body, query, path) plus the unknown-field check: mounted after auth. */
  request: RequestHandler[]
  doc: OpenApiDocument
}

type Schema = Record<string, any>
interface OpenApiDocument {
  servers?: Array<{ url: string }>
  components?: { schemas?: Record<string, Schema>; requestBodies?: Record<string, Schema> }
  [key: string]: unknown
}

const cache = new Map<string, StrictValidator>()

function loadYaml(text: string): unknown {
  return yaml.load(text)
}

export function loadOpenApiDocument(file: string): OpenApiDocument {
  const text = fs.readFileSync(file, "utf8")
  const doc = (file.endsWith(".json") ? JSON.parse(text) : loadYaml(text)) as OpenApiDocument
  // The description's paths have no /3.0 prefix; its server is https://server.api.mailchimp.com/3.0.
  doc.servers = [{ url: "/3.0" }]
  return doc
}

export function strictValidator(file: string): StrictValidator {
  const key = path.resolve(file)
  const cached = cache.get(key)
  if (cached) return cached
  const doc = loadOpenApiDocument(key)
  const handlers = OpenApiValidator.middleware({
    apiSpec: doc as any,
    validateRequests: { allowUnknownQueryParameters: false, coerceTypes: false },
    validateResponses: { removeAdditional: false, coerceTypes: false },
    validateSecurity: false,
    validateApiSpec: false,
    validateFormats: true,
    ignoreUndocumented: false,
    fileUploader: false,
  }) as unknown as RequestHandler[]
  const byName = (name: string) => {
    const h = handlers.find((fn) => fn.name === name)
    if (!h) throw new Error(`express-openapi-validator: middleware ${name} not found`)
    return h
  }
  const validator: StrictValidator = {
    early: [byName("pathParamsMiddleware"), byName("metadataMiddleware"), byName("responseMiddleware")],
    request: [byName("requestMiddleware"), unknownFieldsMiddleware(doc)],
    doc,
  }
  cache.set(key, validator)
  return validator
}

// ---------- unknown fields ----------

function resolve(doc: OpenApiDocument, schema: Schema | undefined, depth = 0): Schema | undefined {
  let s = schema
  while (s && typeof s.$ref === "string" && depth < 50) {
    const parts = (s.$ref as string).replace(/^#\//, "").split("/")
    let target: any = doc
    for (const p of parts) target = target?.[decodeURIComponent(p.replace(/~1/g, "/").replace(/~0/g, "~"))]
    s = target
    depth += 1
  }
  return s
}

/**
 * Fields the description does not name. Mailchimp's schemas allow extra properties, and Mailchimp ignores
 * them; strict mode refuses them, so that a misspelt field in the plugin fails its tests instead of being
 * silently dropped in production. Free-form objects (merge_fields, interests, and objects that name no property,
 * like a batch operation's `params`) are not checked here.
 */
export function unknownFields(doc: OpenApiDocument, schema: Schema | undefined, value: unknown, at: string): FieldError[] {
  const s = resolve(doc, schema)
  if (!s || value === null || typeof value !== "object") return []
  if (Array.isArray(value)) {
    if (!s.items) return []
    return value.flatMap((v, i) => unknownFields(doc, s.items, v, at ? `${at}.${i}` : String(i)))
  }
  if (s.allOf || s.anyOf || s.oneOf) return []
  // No named properties (`type: object, properties: {}`, e.g. a batch operation's `params`): free-form.
  if (!s.properties || Object.keys(s.properties).length === 0) return []
  if (s.additionalProperties !== undefined && s.additionalProperties !== false) return []
  const out: FieldError[] = []
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const field = at ? `${at}.${k}` : k
    const prop = s.properties[k]
    if (!prop) {
      out.push({
        field,
        message: `${field} is not a field of this operation in Mailchimp's API description (Mailchimp would ignore it; the sandbox's strict mode refuses it)`,
      })
    } else out.push(...unknownFields(doc, prop, v, field))
  }
  return out
}

function unknownFieldsMiddleware(doc: OpenApiDocument): RequestHandler {
  return function unknownFieldsMiddleware(req: Request, _res: Response, next: NextFunction) {
    const operation = (req as Request & { openapi?: { schema?: Schema } }).openapi?.schema
    const requestBody = resolve(doc, operation?.requestBody)
    const schema = requestBody?.content?.["application/json"]?.schema
    if (!schema || req.body === undefined) return next()
    const found = unknownFields(doc, schema, req.body, "")
    if (found.length) return next(problems.invalidResource(found))
    next()
  }
}

// ---------- validator errors ----------

type ValidatorError = Error & { status?: number; errors?: Array<{ path?: string; message?: string }>; headers?: Record<string, string> }

export function isValidatorError(err: unknown): err is ValidatorError {
  return (
    err instanceof OpenApiValidator.error.BadRequest ||
    err instanceof OpenApiValidator.error.NotFound ||
    err instanceof OpenApiValidator.error.MethodNotAllowed ||
    err instanceof OpenApiValidator.error.UnsupportedMediaType ||
    err instanceof OpenApiValidator.error.RequestEntityTooLarge ||
    err instanceof OpenApiValidator.error.NotAcceptable ||
    err instanceof OpenApiValidator.error.InternalServerError ||
    err instanceof OpenApiValidator.error.Unauthorized ||
    err instanceof OpenApiValidator.error.Forbidden
  )
}

export function isResponseViolation(err: unknown): boolean {
  return err instanceof OpenApiValidator.error.InternalServerError
}

/** `/body/members/0/status` → `members.0.status`; `/query/count` → `query.count`. */
export function fieldName(p: string | undefined): string {
  if (!p) return ""
  const parts = p.replace(/^\//, "").split("/")
  if (parts[0] === "body") parts.shift()
  return parts.join(".")
}
