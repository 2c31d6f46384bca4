import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Button, Container, Heading, Select, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link, useNavigate } from "react-router-dom"
import { CampaignDrawer } from "../../../components/campaign-drawer"
import { CampaignStatusBadge, CampaignSyncBadge } from "../../../components/campaign-status"
import { Campaign, useCampaigns } from "../../../lib/campaigns-api"
import { count, dateTime } from "../../../lib/format"
import { Pager } from "../../../components/pager"
import { QueryState } from "../../../components/query-state"

const PAGE_SIZE = 20
const ALL = "all"

function when(c: Campaign): string {
  if (c.status === "sent" || c.status === "sending") return `Sent ${dateTime(c.sent_at)}`
  if (c.status === "schedule") return `Scheduled for ${dateTime(c.scheduled_at)}`
  return `Created ${dateTime(c.created_at)}`
}

const CampaignsPage = () => {
  const [page, setPage] = useState(0)
  const [status, setStatus] = useState<string>(ALL)
  const [creating, setCreating] = useState(false)
  const navigate = useNavigate()
  const { data, isLoading, isError, error } = useCampaigns({
    limit: PAGE_SIZE,
    offset: page * PAGE_SIZE,
    ...(status !== ALL ? { status } : {}),
  })
  const total = data?.count ?? 0
  // With one audience in use, nothing about audiences is shown.
  const manyAudiences = (data?.audience_ids.length ?? 0) > 1

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0" data-testid="mailchimp-campaigns">
        <div className="flex items-center justify-between px-6 py-4">
          <div>
            <Heading>Campaigns</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Emails to the audience or to a segment, sent through Mailchimp; their results and the orders they brought.
            </Text>
          </div>
          <div className="flex items-center gap-x-2">
            <Select
              size="small"
              value={status}
              onValueChange={(v) => {
                setStatus(v)
                setPage(0)
              }}
            >
              <Select.Trigger aria-label="Filter by state" className="w-[160px]">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                <Select.Item value={ALL}>Every state</Select.Item>
                <Select.Item value="save">Drafts</Select.Item>
                <Select.Item value="schedule">Scheduled</Select.Item>
                <Select.Item value="sending">Sending</Select.Item>
                <Select.Item value="sent">Sent</Select.Item>
              </Select.Content>
            </Select>
            <Button size="small" variant="secondary" onClick={() => setCreating(true)}>
              Create campaign
            </Button>
          </div>
        </div>
        <QueryState isLoading={isLoading} isError={isError} error={error} />
        {data && data.campaigns.length === 0 && (
          <div className="px-6 py-8">
            <Text size="small" className="text-ui-fg-subtle">
              {status === ALL ? "No campaigns yet: create one." : "No campaigns in this state."}
            </Text>
          </div>
        )}
        {data && data.campaigns.length > 0 && (
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Subject</Table.HeaderCell>
                <Table.HeaderCell>State</Table.HeaderCell>
                {manyAudiences && <Table.HeaderCell>Audience</Table.HeaderCell>}
                <Table.HeaderCell>Recipients</Table.HeaderCell>
                <Table.HeaderCell>When</Table.HeaderCell>
                <Table.HeaderCell>Mailchimp</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {data.campaigns.map((c) => (
                <Table.Row
                  key={c.id}
                  className="cursor-pointer"
                  data-testid="mailchimp-campaign-row"
                  onClick={() => navigate(`/mailchimp/campaigns/${c.id}`)}
                >
                  <Table.Cell className="max-w-[320px]">
                    <div className="flex flex-col py-2">
                      <Link to={`/mailchimp/campaigns/${c.id}`} className="txt-compact-small-plus text-ui-fg-base truncate" onClick={(e) => e.stopPropagation()}>
                        {c.subject}
                      </Link>
                      {c.title && (
                        <Text size="xsmall" className="text-ui-fg-subtle truncate">
                          {c.title}
                        </Text>
                      )}
                    </div>
                  </Table.Cell>
                  <Table.Cell>
                    <CampaignStatusBadge status={c.status} />
                  </Table.Cell>
                  {manyAudiences && <Table.Cell data-testid="mailchimp-campaign-audience">{c.audience_id}</Table.Cell>}
                  <Table.Cell>
                    {c.emails_sent != null
                      ? `${count(c.emails_sent)} sent`
                      : c.segment_id || c.mailchimp_segment_id != null
                        ? "A segment"
                        : "The whole audience"}
                  </Table.Cell>
                  <Table.Cell>{when(c)}</Table.Cell>
                  <Table.Cell>
                    <CampaignSyncBadge status={c.sync_status} />
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
        <Pager total={total} pageSize={PAGE_SIZE} page={page} setPage={setPage} />
      </Container>
      <CampaignDrawer open={creating} onOpenChange={setCreating} onSaved={(c) => navigate(`/mailchimp/campaigns/${c.id}`)} audienceIds={data?.audience_ids} />
    </div>
  )
}

export const config = defineRouteConfig({ label: "Campaigns" })

export default CampaignsPage
