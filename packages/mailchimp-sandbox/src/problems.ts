import type { Response } from "express"
import { STATUS_CODES } from "http"
import { ERROR_DOC_URL } from "./constants"
import { randomUuid } from "./hash"

export interface FieldError {
  field: string
  message: string
}

export interface ProblemDocument {
  type: string
  title: string
  status: number
  detail: string
  instance: string
  errors?: FieldError[]
  [extra: string]: unknown
}

/** An answer in Mailchimp's error format, thrown by handlers and rendered by the error handler. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>
  ) {
    super(`${status} ${title}: ${detail}`)
    this.name = "ApiError"
  }
}

export function problemBody(
  status: number,
  title: string,
  detail: string,
  errors?: FieldError[],
  extra?: Record<string, unknown>
): ProblemDocument {
  const body: ProblemDocument = { type: ERROR_DOC_URL, title, status, detail, instance: randomUuid() }
  if (errors) body.errors = errors
  if (extra) Object.assign(body, extra)
  return body
}

export function sendProblem(res: Response, error: ApiError): void {
  if (res.headersSent) return
  res
    .status(error.status)
    .type("application/problem+json")
    .json(problemBody(error.status, error.title, error.detail, error.errors, error.extra))
}

/** Mailchimp's error glossary: key (code), status, title, detail. */
interface CatalogueEntry {
  code: string
  status: number
  title: string
  detail: string
}

const CATALOGUE: CatalogueEntry[] = [
  { code: "BadRequest", status: 400, title: "Bad Request", detail: "Your request could not be processed." },
  {
    code: "InvalidAction",
    status: 400,
    title: "Invalid Action",
    detail: "The action requested was not valid for this resource.",
  },
  {
    code: "InvalidResource",
    status: 400,
    title: "Invalid Resource",
    detail: "The resource submitted could not be validated. For field-specific details, see the 'errors' array.",
  },
  {
    code: "JSONParseError",
    status: 400,
    title: "JSON Parse Error",
    detail: "We encountered an unspecified JSON parsing error.",
  },
  {
    code: "MemberExists",
    status: 400,
    title: "Member Exists",
    detail: "The address is already a list member. Use PUT to insert or update list members.",
  },
  {
    code: "MemberInComplianceState",
    status: 400,
    title: "Member In Compliance State",
    detail:
      "The address is already a list member in compliance state due to unsubscribe, bounce, or compliance review and cannot be subscribed.",
  },
  {
    code: "ForgottenEmailNotSubscribed",
    status: 400,
    title: "Forgotten Email Not Subscribed",
    detail:
      "The address was permanently deleted and cannot be re-imported. The contact must re-subscribe to get back on the list.",
  },
  { code: "APIKeyMissing", status: 401, title: "API Key Missing", detail: "Your request did not include an API key." },
  {
    code: "APIKeyInvalid",
    status: 401,
    title: "API Key Invalid",
    detail: "Your API key may be invalid, or you've attempted to access the wrong datacenter.",
  },
  { code: "Forbidden", status: 403, title: "Forbidden", detail: "You don't have permission to access this resource." },
  {
    code: "UserDisabled",
    status: 403,
    title: "User Disabled",
    detail: "This account has been disabled.",
  },
  {
    code: "WrongDatacenter",
    status: 403,
    title: "Wrong Datacenter",
    detail: "The API key provided is linked to a different datacenter.",
  },
  {
    code: "ResourceNotFound",
    status: 404,
    title: "Resource Not Found",
    detail: "The requested resource could not be found.",
  },
  {
    code: "MethodNotAllowed",
    status: 405,
    title: "Method Not Allowed",
    detail: "The requested method and resource are not compatible. See the Allow header for this resource's available methods.",
  },
  {
    code: "ResourceNestingTooDeep",
    status: 414,
    title: "Resource Nesting Too Deep",
    detail: "The sub-resource requested is nested too deeply.",
  },
  {
    code: "InvalidMethodOverride",
    status: 422,
    title: "Invalid Method Override",
    detail: "You can only use the X-HTTP-Method-Override header with the POST method.",
  },
  {
    code: "RequestedFieldsInvalid",
    status: 422,
    title: "Requested Fields Invalid",
    detail: "The fields requested from this resource are invalid.",
  },
  {
    code: "TooManyRequests",
    status: 429,
    title: "Too Many Requests",
    detail: "You have exceeded the limit of 10 simultaneous connections.",
  },
  {
    code: "InternalServerError",
    status: 500,
    title: "Internal Server Error",
    detail: "An unexpected internal error has occurred. Please contact Support for more information.",
  },
  {
    code: "ComplianceRelated",
    status: 503,
    title: "Compliance Related",
    detail: "This method has been disabled.",
  },
  { code: "ServiceUnavailable", status: 503, title: "Service Unavailable", detail: "The service is temporarily unavailable." },
]

const normalise = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "")

/** The error for an X-Trigger-Error value or a fault status: a status code, a code or a title. */
export function catalogueError(value: string | number): ApiError | undefined {
  const text = String(value).trim()
  if (/^\d{3}$/.test(text)) {
    const status = Number(text)
    if (status < 400 || status > 599) return undefined
    const entry = CATALOGUE.find((e) => e.status === status)
    if (entry) return new ApiError(entry.status, entry.title, entry.detail)
    return new ApiError(status, httpTitle(status), `The sandbox answered ${status} as asked.`)
  }
  const key = normalise(text)
  const entry = CATALOGUE.find((e) => normalise(e.code) === key || normalise(e.title) === key)
  return entry ? new ApiError(entry.status, entry.title, entry.detail) : undefined
}

function httpTitle(status: number): string {
  return STATUS_CODES[status] ?? "Error"
}

export const errors = {
  notFound: () =>
    new ApiError(404, "Resource Not Found", "The requested resource could not be found."),
  invalidResource: (fieldErrors: FieldError[], detail?: string) =>
    new ApiError(
      400,
      "Invalid Resource",
      detail ?? "The resource submitted could not be validated. For field-specific details, see the 'errors' array.",
      fieldErrors
    ),
  mergeFields: (fieldErrors: FieldError[]) =>
    new ApiError(400, "Invalid Resource", "Your merge fields were invalid.", fieldErrors),
  memberExists: (email: string) =>
    new ApiError(
      400,
      "Member Exists",
      `${email} is already a list member. Use PUT to insert or update list members.`
    ),
  compliance: (email: string) =>
    new ApiError(
      400,
      "Member In Compliance State",
      `${email} is already a list member in compliance state due to unsubscribe, bounce, or compliance review and cannot be subscribed.`
    ),
  // mc4wp #506, #771 quote the whole answer: title "Invalid Resource", no errors[].
  antiAbuse: (email: string) =>
    new ApiError(400, "Invalid Resource", `${email} has signed up to a lot of lists very recently; we're not allowing more signups for now`),
  // mc-magento #879, mc-woocommerce #454: an order's campaign_id that is not a campaign of the store's audience.
  unknownCampaign: () =>
    new ApiError(400, "Invalid Resource", "A campaign with the provided ID does not exist in the account for this list."),
  forgotten: (email: string) =>
    new ApiError(
      400,
      "Forgotten Email Not Subscribed",
      `${email} was permanently deleted and cannot be re-imported. The contact must re-subscribe to get back on the list.`
    ),
  tooManyRequests: (max: number) =>
    new ApiError(429, "Too Many Requests", `You have exceeded the limit of ${max} simultaneous connections.`),
  internal: () =>
    new ApiError(
      500,
      "Internal Server Error",
      "An unexpected internal error has occurred. Please contact Support for more information."
    ),
  jsonParse: () => new ApiError(400, "JSON Parse Error", "We encountered an unspecified JSON parsing error."),
}
