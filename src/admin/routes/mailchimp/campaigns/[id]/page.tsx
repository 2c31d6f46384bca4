import { Alert, Button, Container, Heading, Input, Label, Text, toast, usePrompt } from "@medusajs/ui"
import { useState } from "react"
import { Link, useNavigate, useParams } from "react-router-dom"
import { CampaignDrawer } from "../../../../components/campaign-drawer"
import { CampaignStatusBadge, CampaignSyncBadge } from "../../../../components/campaign-status"
import { FieldError } from "../../../../components/field-error"
import { HtmlPreview } from "../../../../components/html-preview"
import { SectionRow } from "../../../../components/section-row"
import { errorMessage } from "../../../../lib/api"
import { isEmail } from "../../../../lib/campaign-form"
import {
  Campaign,
  type CampaignAnswer,
  useCampaign,
  useCampaignAction,
  useScheduleCampaign,
  useSegmentOptions,
  useTestCampaign,
} from "../../../../lib/campaigns-api"
import { count, dateTime } from "../../../../lib/format"
import { PageQueryState } from "../../../../components/query-state"

function done(text: string, data: CampaignAnswer) {
  if (data.queued) toast.warning(`${text}: not confirmed yet`, { description: data.message })
  else toast.success(text)
}

function TestSend({ campaign }: { campaign: Campaign }) {
  const [emails, setEmails] = useState("")
  const [error, setError] = useState<string>()
  const [sentTo, setSentTo] = useState<string[]>()
  const test = useTestCampaign(campaign.id)
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    const list = emails
      .split(/[\s,;]+/)
      .map((s) => s.trim())
      .filter(Boolean)
    if (!list.length) return setError("Give at least one address")
    const bad = list.filter((a) => !isEmail(a))
    if (bad.length) return setError(`Not an email address: ${bad.join(", ")}`)
    if (list.length > 10) return setError("At most 10 addresses")
    setError(undefined)
    test.mutate(list, {
      onSuccess: (data) => {
        setSentTo(list)
        done(`Test sent to ${list.join(", ")}`, data)
      },
      onError: (err) => setError(errorMessage(err)),
    })
  }
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-y-2 px-6 py-4" data-testid="mailchimp-campaign-test">
      <Label htmlFor="campaign-test-emails" size="small" weight="plus">
        Send a test
      </Label>
      <div className="flex gap-x-2">
        <Input
          id="campaign-test-emails"
          size="small"
          placeholder="you@shop.example, colleague@shop.example"
          value={emails}
          onChange={(e) => setEmails(e.target.value)}
          aria-invalid={!!error}
          aria-describedby={error ? "campaign-test-error" : undefined}
        />
        <Button size="small" variant="secondary" type="submit" isLoading={test.isPending}>
          Send test
        </Button>
      </div>
      <FieldError id="campaign-test-error" message={error} />
      {sentTo && !error && (
        <Text size="small" className="text-ui-fg-subtle" data-testid="mailchimp-campaign-test-done">
          Test sent to {sentTo.join(", ")}.
        </Text>
      )}
    </form>
  )
}

/** A datetime-local value (the browser's time zone) as an ISO time, or undefined when it is not one. */
function isoOf(local: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)) return undefined
  const d = new Date(local)
  return isNaN(d.getTime()) ? undefined : d.toISOString()
}

function Schedule({ campaign }: { campaign: Campaign }) {
  const [at, setAt] = useState("")
  const [error, setError] = useState<string>()
  const schedule = useScheduleCampaign(campaign.id)
  const unschedule = useCampaignAction(campaign.id, "unschedule")
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone

  if (campaign.status === "schedule") {
    return (
      <div className="flex items-center justify-between px-6 py-4" data-testid="mailchimp-campaign-schedule">
        <Text size="small">
          Scheduled for <span data-testid="mailchimp-campaign-scheduled-at">{dateTime(campaign.scheduled_at)}</span>
        </Text>
        <Button
          size="small"
          variant="secondary"
          isLoading={unschedule.isPending}
          onClick={() =>
            unschedule.mutate(undefined, {
              onSuccess: (data) => done("Unscheduled: a draft again", data),
              onError: (err) => setError(errorMessage(err)),
            })
          }
        >
          Unschedule
        </Button>
        <FieldError id="campaign-schedule-error" message={error} />
      </div>
    )
  }

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    const iso = isoOf(at)
    if (!at) return setError("Choose the date and time")
    if (!iso) return setError("Not a date and time")
    if (new Date(iso).getTime() <= Date.now()) return setError("The time is in the past")
    setError(undefined)
    // Whether it falls on a quarter hour is Mailchimp's rule, checked by the server: its message is shown.
    schedule.mutate(iso, {
      onSuccess: (data) => {
        setAt("")
        done(`Scheduled for ${dateTime(data.campaign.scheduled_at ?? iso)}`, data)
      },
      onError: (err) => setError(errorMessage(err)),
    })
  }
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-y-2 px-6 py-4" data-testid="mailchimp-campaign-schedule">
      <Label htmlFor="campaign-schedule-at" size="small" weight="plus">
        Schedule
      </Label>
      <div className="flex gap-x-2">
        <Input
          id="campaign-schedule-at"
          size="small"
          type="datetime-local"
          step={900}
          value={at}
          onChange={(e) => setAt(e.target.value)}
          aria-invalid={!!error}
          aria-describedby={error ? "campaign-schedule-error" : "campaign-schedule-hint"}
        />
        <Button size="small" variant="secondary" type="submit" isLoading={schedule.isPending}>
          Schedule
        </Button>
      </div>
      <Text id="campaign-schedule-hint" size="xsmall" className="text-ui-fg-subtle">
        Your time zone ({zone}). Mailchimp sends on quarter hours only (:00, :15, :30, :45).
      </Text>
      <FieldError id="campaign-schedule-error" message={error} />
    </form>
  )
}

function Actions({ campaign }: { campaign: Campaign }) {
  const prompt = usePrompt()
  const navigate = useNavigate()
  const send = useCampaignAction(campaign.id, "send")
  const replicate = useCampaignAction(campaign.id, "replicate")
  const [error, setError] = useState<string>()
  const draft = campaign.status === "save" || campaign.status === "paused"

  const onSend = async () => {
    const ok = await prompt({
      title: "Send this campaign now?",
      description: `“${campaign.subject}” goes to its recipients at once. This cannot be undone.`,
      confirmText: "Send now",
      cancelText: "Cancel",
    })
    if (!ok) return
    setError(undefined)
    send.mutate(undefined, { onSuccess: (data) => done("Campaign sent", data), onError: (err) => setError(errorMessage(err)) })
  }
  const onReplicate = () => {
    setError(undefined)
    replicate.mutate(undefined, {
      onSuccess: (data) => {
        done("Campaign copied: a new draft", data)
        navigate(`/mailchimp/campaigns/${data.campaign.id}`)
      },
      onError: (err) => setError(errorMessage(err)),
    })
  }
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4" data-testid="mailchimp-campaign-actions">
      <div className="flex flex-wrap gap-2">
        {draft && (
          <Button size="small" onClick={onSend} isLoading={send.isPending} disabled={!campaign.mailchimp_campaign_id}>
            Send now
          </Button>
        )}
        <Button size="small" variant="secondary" onClick={onReplicate} isLoading={replicate.isPending} disabled={!campaign.mailchimp_campaign_id}>
          Replicate
        </Button>
        {(campaign.status === "sent" || campaign.status === "sending") && (
          <Button size="small" variant="secondary" asChild>
            <Link to={`/mailchimp/campaigns/${campaign.id}/report`}>View report</Link>
          </Button>
        )}
      </div>
      {error && (
        <Alert variant="error" data-testid="mailchimp-campaign-action-error">
          {error}
        </Alert>
      )}
    </div>
  )
}

function Recipients({ campaign }: { campaign: Campaign }) {
  const segments = useSegmentOptions(!!campaign.segment_id)
  if (campaign.segment_id) {
    const s = segments.data?.find((x) => x.id === campaign.segment_id)
    return <>{s ? `Segment “${s.name}” (${count(s.member_count)} members)` : `Segment ${campaign.segment_id}`}</>
  }
  if (campaign.mailchimp_segment_id != null) return <>Mailchimp segment #{campaign.mailchimp_segment_id}</>
  return <>The whole audience</>
}

const CampaignPage = () => {
  const { id = "" } = useParams()
  const { data, isLoading, isError, error } = useCampaign(id)
  const [editing, setEditing] = useState(false)
  const campaign = data?.campaign
  const draft = campaign && (campaign.status === "save" || campaign.status === "paused")

  return (
    <div className="flex flex-col gap-y-3">
      <PageQueryState isLoading={isLoading} isError={isError} error={error} />
      {campaign && (
        <>
          <Container className="divide-y p-0" data-testid="mailchimp-campaign">
            <div className="flex items-center justify-between px-6 py-4">
              <div className="flex flex-col">
                <Text size="small" className="text-ui-fg-subtle">
                  <Link to="/mailchimp/campaigns">Campaigns</Link> ›
                </Text>
                <Heading data-testid="mailchimp-campaign-subject">{campaign.subject}</Heading>
              </div>
              <div className="flex items-center gap-x-2">
                <CampaignStatusBadge status={campaign.status} />
                <CampaignSyncBadge status={campaign.sync_status} />
                {draft && (
                  <Button size="small" variant="secondary" onClick={() => setEditing(true)}>
                    Edit
                  </Button>
                )}
              </div>
            </div>
            {campaign.error && campaign.sync_status === "failed" && (
              <div className="px-6 py-4">
                <Alert variant="error">
                  Mailchimp refused the last {campaign.error.action ?? "change"}: {campaign.error.detail || campaign.error.title}
                </Alert>
              </div>
            )}
            <SectionRow title="Preview text" value={campaign.preview_text || "–"} />
            <SectionRow title="From" value={`${campaign.from_name} <${campaign.reply_to}>`} />
            <SectionRow title="Audience" value={campaign.audience_id} testId="mailchimp-campaign-audience" />
            <SectionRow title="Recipients" value={<Recipients campaign={campaign} />} />
            {campaign.title && <SectionRow title="Internal title" value={campaign.title} />}
            <SectionRow title="Created" value={dateTime(campaign.created_at)} />
            {campaign.scheduled_at && <SectionRow title="Scheduled for" value={dateTime(campaign.scheduled_at)} />}
            {campaign.sent_at && (
              <SectionRow
                title="Sent"
                value={`${dateTime(campaign.sent_at)}${campaign.emails_sent != null ? ` to ${count(campaign.emails_sent)} addresses` : ""}`}
              />
            )}
            {campaign.replicated_from && (
              <SectionRow
                title="Copied from"
                value={<Link to={`/mailchimp/campaigns/${campaign.replicated_from}`}>{campaign.replicated_from}</Link>}
              />
            )}
            <Actions campaign={campaign} />
            {draft && <TestSend campaign={campaign} />}
            {(draft || campaign.status === "schedule") && <Schedule campaign={campaign} />}
          </Container>
          <Container className="divide-y p-0">
            <div className="px-6 py-4">
              <Heading level="h2">Content</Heading>
            </div>
            <div className="px-6 py-4">
              {campaign.content_type === "html" ? (
                <HtmlPreview html={campaign.html ?? ""} title="Campaign content" height={520} />
              ) : campaign.content_type === "plain" ? (
                <pre className="txt-small whitespace-pre-wrap">{campaign.plain_text}</pre>
              ) : (
                <Text size="small">Mailchimp template #{campaign.template_id}</Text>
              )}
            </div>
          </Container>
          <CampaignDrawer open={editing} onOpenChange={setEditing} campaign={campaign} />
        </>
      )}
    </div>
  )
}

export default CampaignPage
