import { LoaderOptions } from "@medusajs/framework/types"
import { parseCommerceOptions } from "../options"

// Fails the boot with a message naming each bad option, before anything else runs.
export default async function validateCommerceOptionsLoader({ options }: LoaderOptions<Record<string, unknown>>) {
  parseCommerceOptions(options ?? {})
}
