import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Alert, Badge, Button, Container, Heading, StatusBadge, Text, toast, usePrompt } from "@medusajs/ui"
import { useState } from "react"
import { Figure } from "../../../components/figure"
import { HealthSection } from "../../../components/health-section"
import { InterestsSection } from "../../../components/interests-section"
import { JourneysSection } from "../../../components/journeys-section"
import { SalesChannelsMappingSection } from "../../../components/sales-channels-mapping-section"
import { SectionRow } from "../../../components/section-row"
import {
  EditableSettings,
  errorMessage,
  MailchimpSettingsView,
  useMailchimpSettings,
  useRegisterWebhook,
  useUpdateMailchimpSettings,
} from "../../../lib/api"
import { count, dateTime } from "../../../lib/format"
import { SettingsDrawer } from "../../../components/settings-drawer"
import { PageQueryState } from "../../../components/query-state"

const DOUBLE_OPT_IN_TEXT: Record<EditableSettings["double_opt_in"], string> = {
  audience: "As the audience says",
  on: "Always (new members confirm by email)",
  off: "Never",
}

const SETTING_TITLES: Record<keyof EditableSettings, string> = {
  audience_id: "Audience",
  double_opt_in: "Double opt-in",
  checkout_label: "Checkout label",
  tags: "Tags",
  merge_fields: "Merge fields",
  interest_categories: "Interest categories",
}

function ConnectionSection({ view }: { view: MailchimpSettingsView }) {
  const c = view.connection
  return (
    <Container className="divide-y p-0" data-testid="mailchimp-connection">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Connection</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            The Mailchimp account this store talks to. The API key is set in the plugin options only.
          </Text>
        </div>
        <StatusBadge color={c.ok ? "green" : "red"}>{c.ok ? "Connected" : "Not connected"}</StatusBadge>
      </div>
      {c.error && (
        <div className="px-6 py-4">
          <Alert variant="error">
            Mailchimp answered {c.error.status ?? "nothing"}: {c.error.title}. {c.error.detail}
          </Alert>
        </div>
      )}
      <SectionRow title="Account" value={c.account ? c.account.name : "–"} />
      <SectionRow title="Data centre" value={c.data_center ?? "–"} />
      <SectionRow title="API key" value={c.api_key} testId="mailchimp-api-key" />
      {c.api_url && <SectionRow title="API address" value={c.api_url} />}
      {c.health_status && <SectionRow title="Ping" value={c.health_status} />}
    </Container>
  )
}

function AudienceSection({ view }: { view: MailchimpSettingsView }) {
  const a = view.audience
  return (
    <Container className="divide-y p-0" data-testid="mailchimp-audience">
      <div className="px-6 py-4">
        <Heading level="h2">Audience</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Where the store's opt-ins go.
        </Text>
      </div>
      {a.error ? (
        <div className="px-6 py-4">
          <Alert variant="error">
            The audience {a.id} could not be read: {a.error.title}. {a.error.detail}
          </Alert>
        </div>
      ) : (
        <>
          <SectionRow title="Name" value={`${a.name} (${a.id})`} testId="mailchimp-audience-name" />
          <div className="grid grid-cols-3 divide-x">
            <Figure label="Members" value={count(a.member_count)} />
            <Figure label="Unsubscribed" value={count(a.unsubscribe_count)} />
            <Figure label="Cleaned" value={count(a.cleaned_count)} />
          </div>
          <SectionRow title="Audience's double opt-in" value={a.double_optin ? "On" : "Off"} />
        </>
      )}
    </Container>
  )
}

function SettingsSection({ view }: { view: MailchimpSettingsView }) {
  const [open, setOpen] = useState(false)
  const update = useUpdateMailchimpSettings()
  const prompt = usePrompt()
  const s = view.settings
  const origin = (key: keyof EditableSettings) =>
    view.overridden.includes(key) ? (
      <Badge size="2xsmall" color="blue" className="ml-2">
        Saved here
      </Badge>
    ) : (
      <Badge size="2xsmall" className="ml-2">
        Plugin option
      </Badge>
    )
  const reset = async () => {
    const ok = await prompt({
      title: "Back to the plugin options?",
      description: "Every setting saved here is dropped; the plugin options apply again.",
      confirmText: "Reset",
      cancelText: "Cancel",
    })
    if (!ok) return
    update.mutate(
      { audience_id: null, double_opt_in: null, checkout_label: null, tags: null, merge_fields: null, interest_categories: null },
      {
        onSuccess: () => toast.success("The plugin options apply again"),
        onError: (e) => toast.error(errorMessage(e)),
      }
    )
  }
  return (
    <Container className="divide-y p-0" data-testid="mailchimp-settings">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Opt-in settings</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            What shoppers see at checkout and what Mailchimp receives.
            {view.updated_at ? ` Last saved ${dateTime(view.updated_at)}.` : ""}
          </Text>
        </div>
        <div className="flex gap-x-2">
          {view.overridden.length > 0 && (
            <Button size="small" variant="secondary" onClick={reset} isLoading={update.isPending}>
              Reset
            </Button>
          )}
          <Button size="small" variant="secondary" onClick={() => setOpen(true)}>
            Edit
          </Button>
        </div>
      </div>
      <SectionRow title={SETTING_TITLES.audience_id} value={<>{s.audience_id}{origin("audience_id")}</>} />
      <SectionRow
        title={SETTING_TITLES.double_opt_in}
        value={<>{DOUBLE_OPT_IN_TEXT[s.double_opt_in]}{origin("double_opt_in")}</>}
        testId="mailchimp-double-opt-in"
      />
      <SectionRow
        title={SETTING_TITLES.checkout_label}
        value={<>“{s.checkout_label}”{origin("checkout_label")}</>}
        testId="mailchimp-checkout-label"
      />
      <SectionRow
        title={SETTING_TITLES.tags}
        value={
          <div className="flex flex-wrap items-center gap-1" data-testid="mailchimp-tags">
            {s.tags.length ? s.tags.map((t) => <Badge key={t} size="2xsmall">{t}</Badge>) : "None"}
            {origin("tags")}
          </div>
        }
      />
      <SectionRow
        title={SETTING_TITLES.merge_fields}
        value={
          <>
            First name {s.merge_fields.first_name}, last name {s.merge_fields.last_name}, phone {s.merge_fields.phone},
            address {s.merge_fields.address}
            {origin("merge_fields")}
          </>
        }
        testId="mailchimp-merge-fields"
      />
      <SettingsDrawer open={open} onOpenChange={setOpen} view={view} />
    </Container>
  )
}

function WebhookSection({ view }: { view: MailchimpSettingsView }) {
  const w = view.webhook
  const register = useRegisterWebhook()
  const counts = Object.entries(w.deliveries.by_type)
  return (
    <Container className="divide-y p-0" data-testid="mailchimp-webhook">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Webhook</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Unsubscribes, cleaned addresses and profile changes made in Mailchimp reach the store through it.
          </Text>
        </div>
        <div className="flex items-center gap-x-2">
          <StatusBadge color={w.registered ? "green" : "grey"}>{w.registered ? "Registered" : "Not registered"}</StatusBadge>
          <Button
            size="small"
            variant="secondary"
            disabled={!w.configured}
            isLoading={register.isPending}
            onClick={() =>
              register.mutate(undefined, {
                onSuccess: () => toast.success("The webhook is registered with Mailchimp"),
                onError: (e) => toast.error(errorMessage(e)),
              })
            }
          >
            {w.registered ? "Register again" : "Register"}
          </Button>
        </div>
      </div>
      {!w.configured && (
        <div className="px-6 py-4">
          <Alert variant="warning">
            Set the webhookBaseUrl and webhookSecret plugin options (MAILCHIMP_WEBHOOK_BASE_URL, MAILCHIMP_WEBHOOK_SECRET) to
            register it.
          </Alert>
        </div>
      )}
      <SectionRow title="URL" value={w.url ?? "–"} />
      {w.previous_secret_until && (
        <SectionRow title="Previous secret accepted until" value={dateTime(w.previous_secret_until)} />
      )}
      <SectionRow title="Registered" value={dateTime(w.registered_at)} />
      <SectionRow title="Last event received" value={dateTime(w.deliveries.last_received_at)} />
      <SectionRow
        title="Events received"
        value={counts.length ? counts.map(([type, n]) => `${type}: ${count(n)}`).join(", ") : "None yet"}
      />
      {(w.deliveries.by_status.failed ?? 0) > 0 && (
        <SectionRow title="Failed to apply" value={count(w.deliveries.by_status.failed)} />
      )}
    </Container>
  )
}

const MailchimpSettingsPage = () => {
  const { data, isLoading, isError, error, refetch } = useMailchimpSettings()
  return (
    <div className="flex flex-col gap-y-3">
      <Container className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading>Mailchimp</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            The checkout opt-in, the audience it feeds and the webhook that brings Mailchimp's changes back.
          </Text>
        </div>
        <Button size="small" variant="transparent" onClick={() => refetch()}>
          Refresh
        </Button>
      </Container>
      <PageQueryState isLoading={isLoading} isError={isError} error={error} />
      {data && (
        <>
          <ConnectionSection view={data} />
          <AudienceSection view={data} />
          <SettingsSection view={data} />
          <InterestsSection />
          <SalesChannelsMappingSection />
          <JourneysSection />
          <WebhookSection view={data} />
          <HealthSection />
        </>
      )}
    </div>
  )
}

export const config = defineRouteConfig({ label: "Mailchimp" })

export default MailchimpSettingsPage
