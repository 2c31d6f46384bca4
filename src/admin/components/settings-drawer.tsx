import { Alert, Button, Drawer, Input, Label, Select, Text, Textarea, toast } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { errorMessage, MailchimpSettingsView, useMailchimpAudiences, useUpdateMailchimpSettings } from "../lib/api"
import { count } from "../lib/format"
import { checkSettingsForm, FormErrors, formValuesOf, serverErrors, SettingsFormValues } from "../lib/settings-form"
import { FieldError } from "./field-error"

const MERGE_FIELDS: { key: keyof SettingsFormValues["merge_fields"]; label: string }[] = [
  { key: "first_name", label: "First name" },
  { key: "last_name", label: "Last name" },
  { key: "phone", label: "Phone" },
  { key: "address", label: "Address" },
]

type Props = { open: boolean; onOpenChange: (open: boolean) => void; view: MailchimpSettingsView }

/** The opt-in settings form: checked here first, then by the server, whose error is shown too. */
export function SettingsDrawer({ open, onOpenChange, view }: Props) {
  const [values, setValues] = useState<SettingsFormValues>(() => formValuesOf(view.settings))
  const [errors, setErrors] = useState<FormErrors>({})
  const audiences = useMailchimpAudiences(open)
  const update = useUpdateMailchimpSettings()

  useEffect(() => {
    if (open) {
      setValues(formValuesOf(view.settings))
      setErrors({})
    }
  }, [open])

  const set = <K extends keyof SettingsFormValues>(key: K, value: SettingsFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }))

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    const checked = checkSettingsForm(values, view.settings)
    setErrors(checked.errors)
    if (!checked.change) return
    update.mutate(checked.change, {
      onSuccess: () => {
        toast.success("Mailchimp settings saved")
        onOpenChange(false)
      },
      onError: (err) => setErrors(serverErrors(errorMessage(err))),
    })
  }

  const described = (field: string) => (errors[field] ? { "aria-invalid": true, "aria-describedby": `${field}-error` } : {})
  const audienceList = audiences.data?.audiences ?? []
  const knownAudience = audienceList.some((a) => a.id === values.audience_id)

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content aria-describedby={undefined}>
        <form onSubmit={submit} noValidate className="flex h-full flex-col" data-testid="mailchimp-settings-form">
          <Drawer.Header>
            <Drawer.Title>Edit opt-in settings</Drawer.Title>
          </Drawer.Header>
          <Drawer.Body className="flex flex-1 flex-col gap-y-6 overflow-y-auto">
            {errors.form && (
              <Alert variant="error" data-testid="mailchimp-settings-form-error">
                {errors.form}
              </Alert>
            )}

            <div className="flex flex-col gap-y-2">
              <Label htmlFor="audience_id" weight="plus">
                Audience
              </Label>
              <Select value={values.audience_id} onValueChange={(v) => set("audience_id", v)}>
                <Select.Trigger id="audience_id" {...described("audience_id")}>
                  <Select.Value placeholder={audiences.isLoading ? "Loading the audiences…" : "Choose an audience"} />
                </Select.Trigger>
                <Select.Content>
                  {!knownAudience && values.audience_id && (
                    <Select.Item value={values.audience_id}>{values.audience_id}</Select.Item>
                  )}
                  {audienceList.map((a) => (
                    <Select.Item key={a.id} value={a.id}>
                      {a.name} · {count(a.member_count)} members, {count(a.unsubscribe_count)} unsubscribed,{" "}
                      {count(a.cleaned_count)} cleaned
                    </Select.Item>
                  ))}
                </Select.Content>
              </Select>
              {audiences.isError && <Text size="small" className="text-ui-fg-error">{errorMessage(audiences.error)}</Text>}
              <Text size="small" className="text-ui-fg-subtle">
                Opt-ins from now on go to this audience; members already sent stay where they are. Register the webhook
                again after a change.
              </Text>
              <FieldError id="audience_id-error" message={errors.audience_id} />
            </div>

            <div className="flex flex-col gap-y-2">
              <Label htmlFor="double_opt_in" weight="plus">
                Double opt-in
              </Label>
              <Select value={values.double_opt_in} onValueChange={(v) => set("double_opt_in", v as SettingsFormValues["double_opt_in"])}>
                <Select.Trigger id="double_opt_in" {...described("double_opt_in")}>
                  <Select.Value />
                </Select.Trigger>
                <Select.Content>
                  <Select.Item value="audience">As the audience says</Select.Item>
                  <Select.Item value="on">Always: new members confirm by email</Select.Item>
                  <Select.Item value="off">Never</Select.Item>
                </Select.Content>
              </Select>
              <FieldError id="double_opt_in-error" message={errors.double_opt_in} />
            </div>

            <div className="flex flex-col gap-y-2">
              <Label htmlFor="checkout_label" weight="plus">
                Checkout label
              </Label>
              <Textarea
                id="checkout_label"
                value={values.checkout_label}
                onChange={(e) => set("checkout_label", e.target.value)}
                rows={2}
                {...described("checkout_label")}
              />
              <Text size="small" className="text-ui-fg-subtle">
                Shown beside the box at checkout, and kept with each consent as the text the shopper saw.
              </Text>
              <FieldError id="checkout_label-error" message={errors.checkout_label} />
            </div>

            <div className="flex flex-col gap-y-2">
              <Label htmlFor="tags" weight="plus">
                Tags
              </Label>
              <Input
                id="tags"
                value={values.tags}
                placeholder="store, checkout"
                onChange={(e) => set("tags", e.target.value)}
                {...described("tags")}
              />
              <Text size="small" className="text-ui-fg-subtle">
                Comma-separated; added to the members the store subscribes.
              </Text>
              <FieldError id="tags-error" message={errors.tags} />
            </div>

            <fieldset className="flex flex-col gap-y-2">
              <legend className="txt-compact-small-plus mb-2">Merge fields</legend>
              <div className="grid grid-cols-2 gap-3">
                {MERGE_FIELDS.map(({ key, label }) => (
                  <div key={key} className="flex flex-col gap-y-1">
                    <Label htmlFor={`merge_fields.${key}`} size="small">
                      {label}
                    </Label>
                    <Input
                      id={`merge_fields.${key}`}
                      value={values.merge_fields[key]}
                      onChange={(e) => set("merge_fields", { ...values.merge_fields, [key]: e.target.value.toUpperCase() })}
                      {...described(`merge_fields.${key}`)}
                    />
                    <FieldError id={`merge_fields.${key}-error`} message={errors[`merge_fields.${key}`]} />
                  </div>
                ))}
              </div>
              <Text size="small" className="text-ui-fg-subtle">
                The audience's merge tags the store fills in; each must exist in the audience.
              </Text>
              <FieldError id="merge_fields-error" message={errors.merge_fields} />
            </fieldset>
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                Cancel
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={update.isPending}>
              Save
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
