import type {
  Customer,
  CustomerBody,
  CustomersPage,
  CustomerUpdateBody,
  Order,
  OrderCreateBody,
  OrdersPage,
  OrderUpdateBody,
  Product,
  ProductCreateBody,
  ProductsPage,
  ProductUpdateBody,
  ProductVariant,
  ProductVariantBody,
  ProductVariantsPage,
  ProductVariantUpdateBody,
  Store,
  StoreCreateBody,
  StoresPage,
  StoreUpdateBody,
} from "./ecommerce-types"
import { PromoCodesApi, PromoRulesApi } from "./promos"
import type { FieldsQuery, PageQuery, Requester } from "./request-types"
import { apiPath } from "./url"
import { CartsApi } from "./ecommerce-carts"

export class StoresApi {
  constructor(private readonly http: Requester) {}

  list(query?: PageQuery): Promise<StoresPage> {
    return this.http.request("GET", "/ecommerce/stores", { query })
  }

  get(storeId: string, query?: FieldsQuery): Promise<Store> {
    return this.http.request("GET", apiPath`/ecommerce/stores/${storeId}`, { query })
  }

  create(body: StoreCreateBody): Promise<Store> {
    return this.http.request("POST", "/ecommerce/stores", { body })
  }

  update(storeId: string, body: StoreUpdateBody): Promise<Store> {
    return this.http.request("PATCH", apiPath`/ecommerce/stores/${storeId}`, { body })
  }

  /** Also deletes the store's customers, products, orders and carts. */
  delete(storeId: string): Promise<void> {
    return this.http.request("DELETE", apiPath`/ecommerce/stores/${storeId}`)
  }
}

export class CustomersApi {
  constructor(private readonly http: Requester) {}

  list(storeId: string, query?: PageQuery & { email_address?: string }): Promise<CustomersPage> {
    return this.http.request("GET", apiPath`/ecommerce/stores/${storeId}/customers`, { query })
  }

  get(storeId: string, customerId: string, query?: FieldsQuery): Promise<Customer> {
    return this.http.request("GET", apiPath`/ecommerce/stores/${storeId}/customers/${customerId}`, { query })
  }

  create(storeId: string, body: CustomerBody): Promise<Customer> {
    return this.http.request("POST", apiPath`/ecommerce/stores/${storeId}/customers`, { body })
  }

  upsert(storeId: string, customerId: string, body: CustomerBody): Promise<Customer> {
    return this.http.request("PUT", apiPath`/ecommerce/stores/${storeId}/customers/${customerId}`, { body })
  }

  update(storeId: string, customerId: string, body: CustomerUpdateBody): Promise<Customer> {
    return this.http.request("PATCH", apiPath`/ecommerce/stores/${storeId}/customers/${customerId}`, { body })
  }

  delete(storeId: string, customerId: string): Promise<void> {
    return this.http.request("DELETE", apiPath`/ecommerce/stores/${storeId}/customers/${customerId}`)
  }
}

/** Products have no PUT in the API: create, then update. */
export class ProductsApi {
  constructor(private readonly http: Requester) {}

  list(storeId: string, query?: PageQuery): Promise<ProductsPage> {
    return this.http.request("GET", apiPath`/ecommerce/stores/${storeId}/products`, { query })
  }

  get(storeId: string, productId: string, query?: FieldsQuery): Promise<Product> {
    return this.http.request("GET", apiPath`/ecommerce/stores/${storeId}/products/${productId}`, { query })
  }

  create(storeId: string, body: ProductCreateBody): Promise<Product> {
    return this.http.request("POST", apiPath`/ecommerce/stores/${storeId}/products`, { body })
  }

  update(storeId: string, productId: string, body: ProductUpdateBody): Promise<Product> {
    return this.http.request("PATCH", apiPath`/ecommerce/stores/${storeId}/products/${productId}`, { body })
  }

  delete(storeId: string, productId: string): Promise<void> {
    return this.http.request("DELETE", apiPath`/ecommerce/stores/${storeId}/products/${productId}`)
  }
}

export class ProductVariantsApi {
  constructor(private readonly http: Requester) {}

  list(storeId: string, productId: string, query?: PageQuery): Promise<ProductVariantsPage> {
    return this.http.request("GET", variantsPath(storeId, productId), { query })
  }

  get(storeId: string, productId: string, variantId: string, query?: FieldsQuery): Promise<ProductVariant> {
    return this.http.request("GET", variantPath(storeId, productId, variantId), { query })
  }

  create(storeId: string, productId: string, body: ProductVariantBody): Promise<ProductVariant> {
    return this.http.request("POST", variantsPath(storeId, productId), { body })
  }

  upsert(storeId: string, productId: string, variantId: string, body: ProductVariantBody): Promise<ProductVariant> {
    return this.http.request("PUT", variantPath(storeId, productId, variantId), { body })
  }

  update(
    storeId: string,
    productId: string,
    variantId: string,
    body: ProductVariantUpdateBody
  ): Promise<ProductVariant> {
    return this.http.request("PATCH", variantPath(storeId, productId, variantId), { body })
  }

  delete(storeId: string, productId: string, variantId: string): Promise<void> {
    return this.http.request("DELETE", variantPath(storeId, productId, variantId))
  }
}

export type ListOrdersQuery = PageQuery & {
  customer_id?: string
  has_outreach?: boolean
  campaign_id?: string
  outreach_id?: string
}

/** Orders have no PUT in the API: create, then update. */
export class OrdersApi {
  constructor(private readonly http: Requester) {}

  list(storeId: string, query?: ListOrdersQuery): Promise<OrdersPage> {
    return this.http.request("GET", apiPath`/ecommerce/stores/${storeId}/orders`, { query })
  }

  get(storeId: string, orderId: string, query?: FieldsQuery): Promise<Order> {
    return this.http.request("GET", apiPath`/ecommerce/stores/${storeId}/orders/${orderId}`, { query })
  }

  create(storeId: string, body: OrderCreateBody): Promise<Order> {
    return this.http.request("POST", apiPath`/ecommerce/stores/${storeId}/orders`, { body })
  }

  update(storeId: string, orderId: string, body: OrderUpdateBody): Promise<Order> {
    return this.http.request("PATCH", apiPath`/ecommerce/stores/${storeId}/orders/${orderId}`, { body })
  }

  delete(storeId: string, orderId: string): Promise<void> {
    return this.http.request("DELETE", apiPath`/ecommerce/stores/${storeId}/orders/${orderId}`)
  }
}

export class EcommerceApi {
  readonly stores: StoresApi
  readonly customers: CustomersApi
  readonly products: ProductsApi
  readonly variants: ProductVariantsApi
  readonly orders: OrdersApi
  readonly carts: CartsApi
  readonly promoRules: PromoRulesApi
  readonly promoCodes: PromoCodesApi

  constructor(http: Requester) {
    this.stores = new StoresApi(http)
    this.customers = new CustomersApi(http)
    this.products = new ProductsApi(http)
    this.variants = new ProductVariantsApi(http)
    this.orders = new OrdersApi(http)
    this.carts = new CartsApi(http)
    this.promoRules = new PromoRulesApi(http)
    this.promoCodes = new PromoCodesApi(http)
  }
}

function variantsPath(storeId: string, productId: string): string {
  return apiPath`/ecommerce/stores/${storeId}/products/${productId}/variants`
}

function variantPath(storeId: string, productId: string, variantId: string): string {
  return apiPath`/ecommerce/stores/${storeId}/products/${productId}/variants/${variantId}`
}
