import { LoaderOptions } from "@medusajs/framework/types"
import { parsePluginOptions } from "../../../options"

// Fails the boot with a message naming each bad option, before anything else runs.
export default async function validateOptionsLoader({ options }: LoaderOptions<Record<string, unknown>>) {
  parsePluginOptions(options ?? {}, "redis://unused")
}
