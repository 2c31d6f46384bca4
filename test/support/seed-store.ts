import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createInventoryLevelsWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createShippingOptionsWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"

export type SeededStore = {
  publishableKey: string
  regionId: string
  salesChannelId: string
  variantIds: string[]
  productIds: string[]
  shippingOptionId: string
}

/** A store that can sell: one region (USD, US), a warehouse, a shipping option, products, a publishable key. */
export async function seedStore(container: MedusaContainer, opts: { products?: number } = {}): Promise<SeededStore> {
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const storeModule = container.resolve(Modules.STORE)
  const salesChannelModule = container.resolve(Modules.SALES_CHANNEL)
  const fulfillmentModule = container.resolve(Modules.FULFILLMENT)

  const [store] = await storeModule.listStores()
  let [channel] = await salesChannelModule.listSalesChannels({ name: "Default Sales Channel" })
  if (!channel) {
    channel = await salesChannelModule.createSalesChannels({ name: "Default Sales Channel" })
  }
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: {
        supported_currencies: [{ currency_code: "usd", is_default: true }],
        default_sales_channel_id: channel.id,
      },
    },
  })

  const { result: regions } = await createRegionsWorkflow(container).run({
    input: {
      regions: [{ name: "United States", currency_code: "usd", countries: ["us"], payment_providers: ["pp_system_default"] }],
    },
  })
  const region = regions[0]
  await createTaxRegionsWorkflow(container).run({ input: [{ country_code: "us", provider_id: "tp_system" }] })

  const { result: locations } = await createStockLocationsWorkflow(container).run({
    input: { locations: [{ name: "Warehouse", address: { city: "Austin", country_code: "US", address_1: "1 Main St" } }] },
  })
  const location = locations[0]
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })

  let [profile] = await fulfillmentModule.listShippingProfiles({ type: "default" })
  if (!profile) {
    profile = await fulfillmentModule.createShippingProfiles({ name: "Default Shipping Profile", type: "default" })
  }
  const fulfillmentSet = await fulfillmentModule.createFulfillmentSets({
    name: "Warehouse delivery",
    type: "shipping",
    service_zones: [{ name: "US", geo_zones: [{ country_code: "us", type: "country" }] }],
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
  })
  const { result: shippingOptions } = await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: "Standard Shipping",
        price_type: "flat",
        provider_id: "manual_manual",
        service_zone_id: fulfillmentSet.service_zones[0].id,
        shipping_profile_id: profile.id,
        type: { label: "Standard", description: "Ship in 2-3 days.", code: "standard" },
        prices: [
          { currency_code: "usd", amount: 10 },
          { region_id: region.id, amount: 10 },
        ],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" },
          { attribute: "is_return", value: "false", operator: "eq" },
        ],
      },
    ],
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: location.id, add: [channel.id] } })

  const { result: keys } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: "Storefront", type: "publishable", created_by: "" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: keys[0].id, add: [channel.id] } })

  const count = opts.products ?? 1
  const { result: products } = await createProductsWorkflow(container).run({
    input: {
      products: Array.from({ length: count }, (_, i) => ({
        title: `Medusa T-Shirt ${i + 1}`,
        handle: `t-shirt-${i + 1}`,
        status: ProductStatus.PUBLISHED,
        shipping_profile_id: profile.id,
        options: [{ title: "Size", values: ["M"] }],
        variants: [{ title: "M", sku: `SHIRT-${i + 1}-M`, options: { Size: "M" }, prices: [{ amount: 25, currency_code: "usd" }] }],
        sales_channels: [{ id: channel.id }],
      })),
    },
  })
  const variantIds = products.flatMap((p) => p.variants.map((v) => v.id))

  const inventory = container.resolve(Modules.INVENTORY)
  const items = await inventory.listInventoryItems({ sku: products.flatMap((p) => p.variants.map((v) => v.sku!)) })
  await createInventoryLevelsWorkflow(container).run({
    input: {
      inventory_levels: items.map((item) => ({ location_id: location.id, stocked_quantity: 1_000_000, inventory_item_id: item.id })),
    },
  })

  return {
    publishableKey: keys[0].token,
    regionId: region.id,
    salesChannelId: channel.id,
    variantIds,
    productIds: products.map((p) => p.id),
    shippingOptionId: shippingOptions[0].id,
  }
}
