import fs from "fs"
import path from "path"

const DESCRIPTION = "shared/mailchimp/marketing-api-3.0.76.validator.openapi.yaml"

/**
 * Mailchimp's published description is test data kept outside the repository (`../shared/mailchimp` beside the
 * repository root): MAILCHIMP_OPENAPI, else beside the directory the command runs from, else beside this
 * repository (so a test run from inside packages/mailchimp-sandbox finds it too).
 */
export function mailchimpOpenApiPath(): string {
  const candidates = [
    process.env.MAILCHIMP_OPENAPI,
    path.resolve(process.cwd(), "..", DESCRIPTION),
    path.resolve(__dirname, "../../../..", DESCRIPTION),
  ].filter((p): p is string => !!p)
  const found = candidates.find((p) => fs.existsSync(p))
  if (!found) {
    throw new Error(
      `Mailchimp's API description not found (looked in: ${candidates.join(", ")}). Set MAILCHIMP_OPENAPI.`
    )
  }
  return found
}
