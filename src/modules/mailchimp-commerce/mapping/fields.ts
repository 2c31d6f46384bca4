/** The fields read with `query.graph` for each kind of object: only what the mappings use. */

export const PRODUCT_FIELDS = [
  "id",
  "title",
  "handle",
  "description",
  "status",
  "thumbnail",
  "created_at",
  "updated_at",
  "collection.title",
  "type.value",
  "images.id",
  "images.url",
  "variants.id",
  "variants.title",
  "variants.sku",
  "variants.manage_inventory",
  "variants.allow_backorder",
  "variants.prices.amount",
  "variants.prices.currency_code",
]

export const PRODUCT_FILING_FIELDS = ["id", "collection_id", "categories.id"]

export const CUSTOMER_FIELDS = [
  "id",
  "email",
  "first_name",
  "last_name",
  "company_name",
  "phone",
  "created_at",
  "addresses.first_name",
  "addresses.last_name",
  "addresses.address_1",
  "addresses.address_2",
  "addresses.city",
  "addresses.province",
  "addresses.postal_code",
  "addresses.country_code",
  "addresses.is_default_billing",
  "addresses.is_default_shipping",
]
