import { LoaderOptions } from "@medusajs/framework/types"
import { parseCampaignOptions } from "../options"

// Fails the boot with a message naming each bad option, before anything else runs.
export default async function validateCampaignOptionsLoader({ options }: LoaderOptions<Record<string, unknown>>) {
  parseCampaignOptions(options ?? {})
}
