import fs from "fs"
import path from "path"

// Mailchimp's published description is test data kept outside the repo (../shared/mailchimp).
export function mailchimpOpenApiPath(): string {
  const candidates = [
    process.env.MAILCHIMP_OPENAPI,
    path.resolve(process.cwd(), "../shared/mailchimp/marketing-api-3.0.76.validator.openapi.yaml"),
  ].filter((p): p is string => !!p)
  const found = candidates.find((p) => fs.existsSync(p))
  if (!found) {
    throw new Error(
      `Mailchimp's API description not found (looked in: ${candidates.join(", ")}). Set MAILCHIMP_OPENAPI.`
    )
  }
  return found
}
