import { z } from "@medusajs/framework/zod"

// Medusa's 400 shows a custom message without its path, so each message names its field.
const mergeTag = (field: string) =>
  z
    .string()
    .trim()
    .regex(/^[A-Z0-9_]{1,10}$/, `merge_fields.${field}: a merge tag: capital letters, digits and _, at most 10 characters`)

/** A change to the merchant's settings; null puts a setting back to its plugin option. */
export const AdminUpdateMailchimpSettings = z
  .object({
    audience_id: z.string().trim().min(1, "audience_id: choose an audience").max(100).nullable().optional(),
    double_opt_in: z.enum(["audience", "on", "off"]).nullable().optional(),
    checkout_label: z.string().trim().min(1, "checkout_label: the label cannot be empty").max(500, "checkout_label: at most 500 characters").nullable().optional(),
    tags: z
      .array(z.string().trim().min(1, "tags: a tag cannot be empty").max(100, "tags: a tag has at most 100 characters"))
      .max(50, "tags: at most 50 tags")
      .refine((tags) => new Set(tags.map((t) => t.toLowerCase())).size === tags.length, "tags: a tag is listed twice")
      .nullable()
      .optional(),
    merge_fields: z
      .object({
        first_name: mergeTag("first_name"),
        last_name: mergeTag("last_name"),
        phone: mergeTag("phone"),
        address: mergeTag("address"),
      })
      .partial()
      .strict()
      .refine((m) => new Set(Object.values(m)).size === Object.values(m).length, "merge_fields: two fields use the same merge tag")
      .nullable()
      .optional(),
    // The interest categories (ids) of the audience in force that a shopper may choose from.
    interest_categories: z
      .array(z.string().trim().min(1, "interest_categories: an id cannot be empty").max(100, "interest_categories: an id has at most 100 characters"))
      .max(50, "interest_categories: at most 50 categories")
      .refine((ids) => new Set(ids).size === ids.length, "interest_categories: a category is listed twice")
      .nullable()
      .optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, "nothing to change")

export type AdminUpdateMailchimpSettingsType = z.infer<typeof AdminUpdateMailchimpSettings>
