import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading, StatusBadge, Text } from "@medusajs/ui"
import { SectionRow } from "../components/section-row"
import { MemberStatus, SyncStatus } from "../components/status"
import { useOrderMailchimp } from "../lib/api"
import { dateTime } from "../lib/format"
import { QueryState } from "../components/query-state"

const OrderMailchimpWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const { data, isLoading, isError, error } = useOrderMailchimp(order.id)
  const choice = data?.choice
  const optedIn = choice?.opt_in === true
  return (
    <Container className="divide-y p-0" data-testid="mailchimp-order-widget">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Newsletter</Heading>
        {data && (
          <StatusBadge color={optedIn ? "green" : "grey"} data-testid="mailchimp-order-choice">
            {optedIn ? "Opted in" : choice?.ignored ? "Ignored: not written by the store" : choice ? "Declined" : "Not asked"}
          </StatusBadge>
        )}
      </div>
      <QueryState isLoading={isLoading} isError={isError} error={error} />
      {data && (
        <>
          {choice?.label && <SectionRow title="Label shown" value={`“${choice.label}”`} />}
          {choice?.at && <SectionRow title="Chosen" value={dateTime(choice.at)} />}
          {data.consent && (
            <>
              <SectionRow title="Consent" value={<SyncStatus status={data.consent.sync_status} />} />
              {data.consent.sync_error && (
                <div className="px-6 pb-4">
                  <Text size="small" className="text-ui-fg-error">
                    {data.consent.sync_error.title}: {data.consent.sync_error.detail}
                  </Text>
                </div>
              )}
              {data.consent.synced_at && <SectionRow title="Sent" value={dateTime(data.consent.synced_at)} />}
            </>
          )}
          {optedIn && !data.consent && <SectionRow title="Consent" value="Being recorded" />}
          <SectionRow title="Member" value={data.member ? <MemberStatus status={data.member.status} /> : "Not a member"} />
          <SectionRow
            title="Order in Mailchimp"
            value={
              data.order_sync ? (
                <div className="flex flex-col items-start gap-y-1">
                  <SyncStatus status={data.order_sync.status} />
                  {data.order_sync.error && (
                    <Text size="xsmall" className="text-ui-fg-error">
                      {data.order_sync.error.title}: {data.order_sync.error.detail}
                    </Text>
                  )}
                  {data.order_sync.note && (
                    <Text size="xsmall" className="text-ui-fg-subtle">
                      {data.order_sync.note}
                    </Text>
                  )}
                </div>
              ) : (
                "Not sent"
              )
            }
          />
        </>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "order.details.side" })

export default OrderMailchimpWidget
