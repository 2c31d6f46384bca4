import { z } from "zod"
import type { EditableSettings, SettingsChange } from "./api"

const mergeTag = z
  .string()
  .trim()
  .regex(/^[A-Z0-9_]{1,10}$/, "Capital letters, digits and _, at most 10 characters")

/** The same rules the server applies, checked before anything is sent. */
export const settingsFormSchema = z.object({
  audience_id: z.string().trim().min(1, "Choose an audience"),
  double_opt_in: z.enum(["audience", "on", "off"]),
  checkout_label: z.string().trim().min(1, "The label cannot be empty").max(500, "At most 500 characters"),
  tags: z
    .string()
    .transform((s) => s.split(",").map((t) => t.trim()).filter(Boolean))
    .pipe(
      z
        .array(z.string().max(100, "A tag has at most 100 characters"))
        .max(50, "At most 50 tags")
        .refine((tags) => new Set(tags.map((t) => t.toLowerCase())).size === tags.length, "A tag is listed twice")
    ),
  merge_fields: z
    .object({ first_name: mergeTag, last_name: mergeTag, phone: mergeTag, address: mergeTag })
    .refine((m) => new Set(Object.values(m)).size === 4, "Two fields use the same merge tag"),
})

export type SettingsFormValues = {
  audience_id: string
  double_opt_in: "audience" | "on" | "off"
  checkout_label: string
  tags: string
  merge_fields: EditableSettings["merge_fields"]
}

export function formValuesOf(settings: EditableSettings): SettingsFormValues {
  return { ...settings, tags: settings.tags.join(", "), merge_fields: { ...settings.merge_fields } }
}

export type FormErrors = Record<string, string>

/** Checks the form; answers its errors by field ("merge_fields.phone"), or the change to send. */
export function checkSettingsForm(
  values: SettingsFormValues,
  current: EditableSettings
): { errors: FormErrors; change?: SettingsChange } {
  const parsed = settingsFormSchema.safeParse(values)
  if (!parsed.success) {
    const errors: FormErrors = {}
    for (const issue of parsed.error.issues) errors[issue.path.join(".") || "form"] ??= issue.message
    return { errors }
  }
  const next = parsed.data
  const change: SettingsChange = {}
  if (next.audience_id !== current.audience_id) change.audience_id = next.audience_id
  if (next.double_opt_in !== current.double_opt_in) change.double_opt_in = next.double_opt_in
  if (next.checkout_label !== current.checkout_label) change.checkout_label = next.checkout_label
  if (next.tags.join("\u0000") !== current.tags.join("\u0000")) change.tags = next.tags
  if (JSON.stringify(next.merge_fields) !== JSON.stringify(current.merge_fields)) change.merge_fields = next.merge_fields
  return Object.keys(change).length ? { errors: {}, change } : { errors: { form: "Nothing changed" } }
}

/** Puts a server error on the field it names ("checkout_label: …"), or on the form. */
export function serverErrors(message: string): FormErrors {
  const errors: FormErrors = {}
  for (const part of message.replace(/^Invalid request:\s*/, "").split(/;\s*/)) {
    const field = /(audience_id|double_opt_in|checkout_label|tags|merge_fields(?:\.[a-z_]+)?)/.exec(part)?.[1]
    const key = field ?? "form"
    errors[key] = errors[key] ? `${errors[key]}; ${part}` : part
  }
  return errors
}
