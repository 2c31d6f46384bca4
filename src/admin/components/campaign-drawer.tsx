import { Alert, Button, Drawer, Input, Label, Select, Text, Textarea, toast } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { errorMessage } from "../lib/api"
import {
  campaignFormValues,
  CampaignFormErrors,
  CampaignFormValues,
  campaignServerErrors,
  checkCampaignForm,
  EMPTY_CAMPAIGN,
  KEEP_STATIC,
  WHOLE_AUDIENCE,
} from "../lib/campaign-form"
import { Campaign, useCreateCampaign, useSegmentOptions, useUpdateCampaign } from "../lib/campaigns-api"
import { count } from "../lib/format"
import { AudienceSelect } from "./audience-select"
import { FieldError } from "./field-error"
import { HtmlPreview } from "./html-preview"

type Props = {
  open: boolean
  onOpenChange: (open: boolean) => void
  /** The campaign to edit; none: a new one. */
  campaign?: Campaign
  onSaved?: (campaign: Campaign) => void
  /** The audiences in use (the plugin's first): with more than one, a new campaign's audience is chosen. */
  audienceIds?: string[]
}

/** The campaign form (create or edit): checked here first, then by the server, whose error is shown too. */
export function CampaignDrawer({ open, onOpenChange, campaign, onSaved, audienceIds = [] }: Props) {
  const [values, setValues] = useState<CampaignFormValues>(() => (campaign ? campaignFormValues(campaign) : EMPTY_CAMPAIGN))
  const [errors, setErrors] = useState<CampaignFormErrors>({})
  const [preview, setPreview] = useState(false)
  const segments = useSegmentOptions(open)
  const create = useCreateCampaign()
  const update = useUpdateCampaign(campaign?.id ?? "")
  const saving = create.isPending || update.isPending

  useEffect(() => {
    if (open) {
      setValues(campaign ? campaignFormValues(campaign) : { ...EMPTY_CAMPAIGN, audience: audienceIds.length > 1 ? audienceIds[0] : "" })
      setErrors({})
      setPreview(false)
    }
  }, [open])

  const set = <K extends keyof CampaignFormValues>(key: K, value: CampaignFormValues[K]) => setValues((v) => ({ ...v, [key]: value }))
  const described = (field: keyof CampaignFormValues) =>
    errors[field] ? { "aria-invalid": true, "aria-describedby": `campaign-${field}-error` } : {}

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    const checked = checkCampaignForm(values, campaign)
    setErrors(checked.errors)
    if (!checked.body) return
    const options = {
      onSuccess: (data: { campaign: Campaign; queued?: boolean; message?: string }) => {
        toast.success(campaign ? "Campaign saved" : "Campaign created", {
          description: data.queued ? "Mailchimp has not answered yet: the queue goes on trying." : undefined,
        })
        onOpenChange(false)
        onSaved?.(data.campaign)
      },
      onError: (err: unknown) => setErrors(campaignServerErrors(errorMessage(err))),
    }
    if (campaign) update.mutate(checked.body, options)
    else create.mutate(checked.body, options)
  }

  const choosesAudience = !campaign && audienceIds.length > 1
  // Only the segments of the campaign's audience can be its recipients (with one audience in use: every segment).
  const audience = campaign?.audience_id ?? values.audience
  const list = (segments.data ?? []).filter((s) => !audience || s.audience_id === audience)
  const knownSegment = values.target === WHOLE_AUDIENCE || values.target === KEEP_STATIC || list.some((s) => s.id === values.target)

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content aria-describedby={undefined} className="max-w-[720px]">
        <form onSubmit={submit} noValidate className="flex h-full flex-col" data-testid="mailchimp-campaign-form">
          <Drawer.Header>
            <Drawer.Title>{campaign ? "Edit campaign" : "New campaign"}</Drawer.Title>
          </Drawer.Header>
          <Drawer.Body className="flex flex-1 flex-col gap-y-5 overflow-y-auto">
            {errors.form && (
              <Alert variant="error" data-testid="mailchimp-campaign-form-error">
                {errors.form}
              </Alert>
            )}
            <Field label="Subject line" id="subject" error={errors.subject}>
              <Input id="campaign-subject" value={values.subject} onChange={(e) => set("subject", e.target.value)} {...described("subject")} />
            </Field>
            <Field label="Preview text (optional)" id="preview_text" error={errors.preview_text} hint="Shown after the subject in most inboxes.">
              <Input
                id="campaign-preview_text"
                value={values.preview_text}
                onChange={(e) => set("preview_text", e.target.value)}
                {...described("preview_text")}
              />
            </Field>
            <div className="grid grid-cols-2 gap-4">
              <Field label="From name" id="from_name" error={errors.from_name}>
                <Input
                  id="campaign-from_name"
                  value={values.from_name}
                  onChange={(e) => set("from_name", e.target.value)}
                  {...described("from_name")}
                />
              </Field>
              <Field label="Reply-to address" id="reply_to" error={errors.reply_to}>
                <Input
                  id="campaign-reply_to"
                  type="email"
                  value={values.reply_to}
                  onChange={(e) => set("reply_to", e.target.value)}
                  {...described("reply_to")}
                />
              </Field>
            </div>
            <Field label="Internal title (optional)" id="title" error={errors.title} hint="Only you see it, in Mailchimp's list.">
              <Input id="campaign-title" value={values.title} onChange={(e) => set("title", e.target.value)} {...described("title")} />
            </Field>
            {choosesAudience && (
              <Field label="Audience" id="audience" error={errors.audience}>
                <AudienceSelect
                  id="campaign-audience"
                  testId="mailchimp-campaign-audience"
                  value={values.audience}
                  audienceIds={audienceIds}
                  onChange={(v) => setValues((x) => ({ ...x, audience: v, target: WHOLE_AUDIENCE }))}
                />
              </Field>
            )}
            <Field label="Recipients" id="target" error={errors.target} hint="The whole audience, or one of the store's segments once it is in Mailchimp.">
              <Select value={values.target} onValueChange={(v) => set("target", v)}>
                <Select.Trigger id="campaign-target" {...described("target")}>
                  <Select.Value placeholder={segments.isLoading ? "Loading the segments…" : "Choose the recipients"} />
                </Select.Trigger>
                <Select.Content>
                  <Select.Item value={WHOLE_AUDIENCE}>The whole audience</Select.Item>
                  {campaign?.mailchimp_segment_id != null && !campaign.segment_id && (
                    <Select.Item value={KEEP_STATIC}>Mailchimp segment #{campaign.mailchimp_segment_id}</Select.Item>
                  )}
                  {!knownSegment && <Select.Item value={values.target}>{values.target}</Select.Item>}
                  {list.map((s) => (
                    <Select.Item key={s.id} value={s.id} disabled={s.mailchimp_segment_id == null}>
                      {s.name} · {count(s.member_count)} members
                      {s.mailchimp_segment_id == null ? " (not in Mailchimp yet: sync it first)" : ""}
                    </Select.Item>
                  ))}
                </Select.Content>
              </Select>
              {segments.isError && (
                <Text size="small" className="text-ui-fg-error">
                  {errorMessage(segments.error)}
                </Text>
              )}
            </Field>
            {campaign && campaign.content_type !== "html" ? (
              <Text size="small" className="text-ui-fg-subtle">
                This campaign's content is a {campaign.content_type === "template" ? `Mailchimp template (#${campaign.template_id})` : "plain-text email"}
                ; write HTML below to replace it.
              </Text>
            ) : null}
            <div className="flex flex-col gap-y-2">
              <div className="flex items-center justify-between">
                <Label htmlFor="campaign-html" weight="plus">
                  HTML content
                </Label>
                <Button size="small" variant="transparent" type="button" onClick={() => setPreview((p) => !p)}>
                  {preview ? "Hide preview" : "Preview"}
                </Button>
              </div>
              <Textarea
                id="campaign-html"
                rows={10}
                className="font-mono"
                value={values.html}
                placeholder="<h1>Spring sale</h1><p>…</p>"
                onChange={(e) => set("html", e.target.value)}
                {...described("html")}
              />
              <FieldError id="campaign-html-error" message={errors.html} />
              {preview && <HtmlPreview html={values.html} title="Content preview" />}
            </div>
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                Cancel
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={saving}>
              {campaign ? "Save" : "Create"}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}

function Field({ label, id, error, hint, children }: { label: string; id: string; error?: string; hint?: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-y-2">
      <Label htmlFor={`campaign-${id}`} weight="plus">
        {label}
      </Label>
      {children}
      {hint && (
        <Text size="small" className="text-ui-fg-subtle">
          {hint}
        </Text>
      )}
      <FieldError id={`campaign-${id}-error`} message={error} />
    </div>
  )
}
