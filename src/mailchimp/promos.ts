import type {
  PromoCode,
  PromoCodeBody,
  PromoCodesPage,
  PromoCodeUpdateBody,
  PromoRule,
  PromoRuleBody,
  PromoRulesPage,
  PromoRuleUpdateBody,
} from "./promo-types"
import type { FieldsQuery, PageQuery, Requester } from "./request-types"
import { apiPath } from "./url"

/** Promo rules have no PUT in the API: create, then update. Deleting a rule also deletes its codes. */
export class PromoRulesApi {
  constructor(private readonly http: Requester) {}

  list(storeId: string, query?: PageQuery): Promise<PromoRulesPage> {
    return this.http.request("GET", apiPath`/ecommerce/stores/${storeId}/promo-rules`, { query })
  }

  get(storeId: string, ruleId: string, query?: FieldsQuery): Promise<PromoRule> {
    return this.http.request("GET", apiPath`/ecommerce/stores/${storeId}/promo-rules/${ruleId}`, { query })
  }

  create(storeId: string, body: PromoRuleBody): Promise<PromoRule> {
    return this.http.request("POST", apiPath`/ecommerce/stores/${storeId}/promo-rules`, { body })
  }

  update(storeId: string, ruleId: string, body: PromoRuleUpdateBody): Promise<PromoRule> {
    return this.http.request("PATCH", apiPath`/ecommerce/stores/${storeId}/promo-rules/${ruleId}`, { body })
  }

  delete(storeId: string, ruleId: string): Promise<void> {
    return this.http.request("DELETE", apiPath`/ecommerce/stores/${storeId}/promo-rules/${ruleId}`)
  }
}

/** A rule's promo codes: no PUT either. */
export class PromoCodesApi {
  constructor(private readonly http: Requester) {}

  list(storeId: string, ruleId: string, query?: PageQuery): Promise<PromoCodesPage> {
    return this.http.request("GET", apiPath`/ecommerce/stores/${storeId}/promo-rules/${ruleId}/promo-codes`, { query })
  }

  get(storeId: string, ruleId: string, codeId: string, query?: FieldsQuery): Promise<PromoCode> {
    return this.http.request("GET", apiPath`/ecommerce/stores/${storeId}/promo-rules/${ruleId}/promo-codes/${codeId}`, { query })
  }

  create(storeId: string, ruleId: string, body: PromoCodeBody): Promise<PromoCode> {
    return this.http.request("POST", apiPath`/ecommerce/stores/${storeId}/promo-rules/${ruleId}/promo-codes`, { body })
  }

  update(storeId: string, ruleId: string, codeId: string, body: PromoCodeUpdateBody): Promise<PromoCode> {
    return this.http.request("PATCH", apiPath`/ecommerce/stores/${storeId}/promo-rules/${ruleId}/promo-codes/${codeId}`, { body })
  }

  delete(storeId: string, ruleId: string, codeId: string): Promise<void> {
    return this.http.request("DELETE", apiPath`/ecommerce/stores/${storeId}/promo-rules/${ruleId}/promo-codes/${codeId}`)
  }
}
