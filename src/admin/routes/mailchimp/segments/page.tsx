import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Button, Container, Heading, Table, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { Link, useNavigate } from "react-router-dom"
import { SegmentEditor } from "../../../components/segment-editor"
import { SegmentSyncBadge } from "../../../components/segment-status"
import { errorMessage } from "../../../lib/api"
import { ago, count } from "../../../lib/format"
import { describeDefinition } from "../../../lib/segment-form"
import { Segment, useSegments, useSyncSegment } from "../../../lib/segments-api"
import { Pager } from "../../../components/pager"
import { QueryState } from "../../../components/query-state"

const PAGE_SIZE = 20

const SegmentsPage = () => {
  const [page, setPage] = useState(0)
  const [creating, setCreating] = useState(false)
  const navigate = useNavigate()
  const { data, isLoading, isError, error } = useSegments({ limit: PAGE_SIZE, offset: page * PAGE_SIZE })
  const sync = useSyncSegment()
  const total = data?.count ?? 0
  // With one audience in use, nothing about audiences is shown.
  const audienceIds = data?.audience_ids ?? []
  const manyAudiences = audienceIds.length > 1

  const syncNow = (s: Segment) =>
    sync.mutate(s.id, {
      onSuccess: () => toast.success(`${s.name}: sync queued`),
      onError: (e) => toast.error(errorMessage(e)),
    })

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0" data-testid="mailchimp-segments">
        <div className="flex items-center justify-between px-6 py-4">
          <div>
            <Heading>Segments</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Groups of subscribed members chosen by what they bought and did, evaluated in the store and kept in Mailchimp for campaigns.
            </Text>
          </div>
          <Button size="small" variant="secondary" onClick={() => setCreating(true)}>
            Create segment
          </Button>
        </div>
        <QueryState isLoading={isLoading} isError={isError} error={error} />
        {data && data.segments.length === 0 && (
          <div className="px-6 py-8">
            <Text size="small" className="text-ui-fg-subtle">
              No segments yet: create one.
            </Text>
          </div>
        )}
        {data && data.segments.length > 0 && (
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Name</Table.HeaderCell>
                {manyAudiences && <Table.HeaderCell>Audience</Table.HeaderCell>}
                <Table.HeaderCell>Members</Table.HeaderCell>
                <Table.HeaderCell>In Mailchimp</Table.HeaderCell>
                <Table.HeaderCell>Sync</Table.HeaderCell>
                <Table.HeaderCell>Last synced</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Actions</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {data.segments.map((s) => (
                <Table.Row
                  key={s.id}
                  className="cursor-pointer"
                  data-testid="mailchimp-segment-row"
                  onClick={() => navigate(`/mailchimp/segments/${s.id}`)}
                >
                  <Table.Cell className="max-w-[360px]">
                    <div className="flex flex-col py-2">
                      <Link
                        to={`/mailchimp/segments/${s.id}`}
                        className="txt-compact-small-plus text-ui-fg-base truncate"
                        onClick={(e) => e.stopPropagation()}
                      >
                        {s.name}
                      </Link>
                      <Text size="xsmall" className="text-ui-fg-subtle truncate" title={describeDefinition(s)}>
                        {describeDefinition(s)}
                      </Text>
                    </div>
                  </Table.Cell>
                  {manyAudiences && <Table.Cell data-testid="mailchimp-segment-audience">{s.audience_id}</Table.Cell>}
                  <Table.Cell data-testid="mailchimp-segment-members">{count(s.member_count)}</Table.Cell>
                  <Table.Cell data-testid="mailchimp-segment-in-mailchimp">
                    {s.mailchimp_segment_id ? count(s.mailchimp_member_count) : "–"}
                  </Table.Cell>
                  <Table.Cell data-testid="mailchimp-segment-sync">
                    <SegmentSyncBadge segment={s} />
                  </Table.Cell>
                  <Table.Cell>{ago(s.last_synced_at)}</Table.Cell>
                  <Table.Cell className="text-right">
                    <Button
                      size="small"
                      variant="secondary"
                      onClick={(e) => {
                        e.stopPropagation()
                        syncNow(s)
                      }}
                      disabled={sync.isPending && sync.variables === s.id}
                    >
                      Sync now
                    </Button>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
        <Pager total={total} pageSize={PAGE_SIZE} page={page} setPage={setPage} />
      </Container>
      <SegmentEditor open={creating} onOpenChange={setCreating} onSaved={(s) => navigate(`/mailchimp/segments/${s.id}`)} audienceIds={audienceIds} />
    </div>
  )
}

export const config = defineRouteConfig({ label: "Segments" })

export default SegmentsPage
