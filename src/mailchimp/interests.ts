import type { PageQuery, Requester } from "./request-types"
import { apiPath } from "./url"

export type InterestCategoryType = "checkboxes" | "dropdown" | "radio" | "hidden"

/** A "group title" of Mailchimp's app. */
export type InterestCategory = { id: string; list_id: string; title: string; display_order?: number; type: InterestCategoryType }

/** A "group name": members name it by id in their `interests` map; webhooks name it by `name`. */
export type Interest = { id: string; category_id: string; list_id: string; name: string; display_order?: number; subscriber_count?: string }

export type InterestCategoriesPage = { list_id: string; categories: InterestCategory[]; total_items: number }
export type InterestsPage = { list_id: string; category_id: string; interests: Interest[]; total_items: number }

/** An audience's interest categories and their interests. */
export class InterestsApi {
  constructor(private readonly http: Requester) {}

  listCategories(listId: string, query?: PageQuery): Promise<InterestCategoriesPage> {
    return this.http.request("GET", apiPath`/lists/${listId}/interest-categories`, { query })
  }

  createCategory(listId: string, body: { title: string; type: InterestCategoryType; display_order?: number }): Promise<InterestCategory> {
    return this.http.request("POST", apiPath`/lists/${listId}/interest-categories`, { body })
  }

  listInterests(listId: string, categoryId: string, query?: PageQuery): Promise<InterestsPage> {
    return this.http.request("GET", apiPath`/lists/${listId}/interest-categories/${categoryId}/interests`, { query })
  }

  createInterest(listId: string, categoryId: string, body: { name: string; display_order?: number }): Promise<Interest> {
    return this.http.request("POST", apiPath`/lists/${listId}/interest-categories/${categoryId}/interests`, { body })
  }
}
