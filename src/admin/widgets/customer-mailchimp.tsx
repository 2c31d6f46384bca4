import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Button, Container, Heading, Input, Label, Table, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { FieldError } from "../components/field-error"
import { EmailActivitySection } from "../components/email-activity-section"
import { SectionRow } from "../components/section-row"
import { MemberStatus, SyncStatus } from "../components/status"
import { ConsentRecord, errorMessage, useCustomerMailchimp, useSetCustomerNewsletter } from "../lib/api"
import { count, dateTime, money } from "../lib/format"
import { QueryState } from "../components/query-state"

const ACTION_TEXT: Record<string, string> = {
  opt_in: "Opted in",
  opt_out: "Opted out",
  cleaned: "Cleaned by Mailchimp",
  email_changed: "Email changed",
  erased: "Erased",
}

const SOURCE_TEXT: Record<string, string> = {
  checkout: "at checkout",
  signup: "signup form",
  account: "in their account",
  admin: "by an admin",
  mailchimp: "in Mailchimp",
}

/** Where and how the consent was given: the evidence kept with it. */
function Evidence({ consent }: { consent: ConsentRecord }) {
  const e = consent.evidence ?? {}
  return (
    <div className="flex flex-col">
      {e.label && <Text size="small">Shown: “{e.label}”</Text>}
      {e.note && <Text size="small">Note: {e.note}</Text>}
      <Text size="xsmall" className="text-ui-fg-subtle">
        {[
          consent.order_id ? `order ${consent.order_id}` : null,
          e.ip ? `IP ${e.ip}` : null,
          e.user_agent ? String(e.user_agent).slice(0, 60) : null,
        ]
          .filter(Boolean)
          .join(" · ") || "–"}
      </Text>
    </div>
  )
}

function ChangeSubscription({ customerId, subscribed }: { customerId: string; subscribed: boolean }) {
  const [note, setNote] = useState("")
  const [error, setError] = useState<string>()
  const change = useSetCustomerNewsletter(customerId)
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    const trimmed = note.trim()
    if (trimmed.length > 500) return setError("At most 500 characters")
    if (!subscribed && !trimmed) return setError("Say how the customer asked (it is kept as the consent's evidence)")
    setError(undefined)
    change.mutate(
      { subscribed: !subscribed, ...(trimmed ? { note: trimmed } : {}) },
      {
        onSuccess: () => {
          setNote("")
          toast.success(subscribed ? "Unsubscribed" : "Subscribe recorded")
        },
        onError: (err) => setError(errorMessage(err)),
      }
    )
  }
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-y-2 px-6 py-4" data-testid="mailchimp-customer-change">
      <Label htmlFor="mailchimp-note" size="small" weight="plus">
        {subscribed ? "Unsubscribe on the customer's behalf" : "Subscribe on the customer's behalf (they asked)"}
      </Label>
      <div className="flex gap-x-2">
        <Input
          id="mailchimp-note"
          size="small"
          placeholder={subscribed ? "Optional: how they asked" : "How they asked, e.g. by email to support"}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          aria-invalid={!!error}
          aria-describedby={error ? "mailchimp-note-error" : undefined}
        />
        <Button size="small" variant={subscribed ? "danger" : "secondary"} type="submit" isLoading={change.isPending}>
          {subscribed ? "Unsubscribe" : "Subscribe"}
        </Button>
      </div>
      <FieldError id="mailchimp-note-error" message={error} />
    </form>
  )
}

const CustomerMailchimpWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const { data, isLoading, isError, error } = useCustomerMailchimp(customer.id)
  const profile = data?.purchases.purchase_profile
  return (
    <Container className="divide-y p-0" data-testid="mailchimp-customer-widget">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Newsletter (Mailchimp)</Heading>
        {data && <MemberStatus status={data.newsletter.status} />}
      </div>
      <QueryState isLoading={isLoading} isError={isError} error={error} />
      {data && (
        <>
          <SectionRow title="Address" value={data.newsletter.email} />
          <SectionRow
            title="Last change"
            value={
              data.newsletter.changed_at
                ? `${dateTime(data.newsletter.changed_at)}${data.newsletter.source ? `, ${SOURCE_TEXT[data.newsletter.source] ?? data.newsletter.source}` : ""}`
                : "–"
            }
          />
          {data.newsletter.pending && (
            <SectionRow title="On its way" value={`A ${data.newsletter.pending} is being sent to Mailchimp`} />
          )}
          {data.newsletter.status !== "cleaned" && (
            <ChangeSubscription
              customerId={customer.id}
              subscribed={data.newsletter.status === "subscribed" || data.newsletter.status === "pending"}
            />
          )}
          <div className="px-6 py-4">
            <Text size="small" weight="plus">
              Consent history
            </Text>
          </div>
          {data.consents.length === 0 ? (
            <div className="px-6 py-4">
              <Text size="small" className="text-ui-fg-subtle">
                No consent recorded: the store has never subscribed this customer.
              </Text>
            </div>
          ) : (
            <Table data-testid="mailchimp-consents">
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>When</Table.HeaderCell>
                  <Table.HeaderCell>What</Table.HeaderCell>
                  <Table.HeaderCell>Evidence</Table.HeaderCell>
                  <Table.HeaderCell>Mailchimp</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {[...data.consents].reverse().map((c) => (
                  <Table.Row key={c.id}>
                    <Table.Cell>{dateTime(c.evidence?.at ?? c.created_at)}</Table.Cell>
                    <Table.Cell>
                      {ACTION_TEXT[c.action] ?? c.action} {SOURCE_TEXT[c.source] ?? c.source}
                    </Table.Cell>
                    <Table.Cell className="max-w-[260px] whitespace-normal py-2">
                      <Evidence consent={c} />
                    </Table.Cell>
                    <Table.Cell>
                      <div className="flex flex-col items-start gap-y-1 py-2">
                        <SyncStatus status={c.sync_status} />
                        {c.sync_error && (
                          <Text size="xsmall" className="text-ui-fg-error">
                            {c.sync_error.title}: {c.sync_error.detail}
                          </Text>
                        )}
                      </div>
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          )}
          {data.purchases.enabled && (
            <>
              <div className="px-6 py-4">
                <Text size="small" weight="plus">
                  Purchase profile
                </Text>
              </div>
              {profile ? (
                <>
                  <SectionRow title="Orders" value={`${count(profile.orders_count)}${profile.canceled_count ? ` (${count(profile.canceled_count)} canceled)` : ""}`} />
                  <SectionRow title="Total spent" value={money(profile.total_spent, profile.currency_code)} />
                  <SectionRow title="Average order" value={money(profile.average_order, profile.currency_code)} />
                  <SectionRow title="First and last order" value={`${dateTime(profile.first_order_at)} – ${dateTime(profile.last_order_at)}`} />
                  <SectionRow
                    title="Bought"
                    value={`${count(profile.products)} products, ${count(profile.categories)} categories, ${count(profile.collections)} collections`}
                  />
                </>
              ) : (
                <SectionRow title="Orders" value="None yet" />
              )}
              <SectionRow
                title="Mailchimp e-commerce"
                value={data.purchases.customer_sync ? <SyncStatus status={data.purchases.customer_sync.status} /> : "Not sent"}
              />
            </>
          )}
          <EmailActivitySection customerId={customer.id} />
        </>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "customer.details" })

export default CustomerMailchimpWidget
