import { Alert, Button, Container, Heading, Text, toast, usePrompt } from "@medusajs/ui"
import { useState } from "react"
import { Link, useNavigate, useParams } from "react-router-dom"
import { Figure } from "../../../../components/figure"
import { SectionRow } from "../../../../components/section-row"
import { SegmentEditor } from "../../../../components/segment-editor"
import { SegmentSyncBadge } from "../../../../components/segment-status"
import { errorMessage } from "../../../../lib/api"
import { ago, count, dateTime } from "../../../../lib/format"
import { describeCondition } from "../../../../lib/segment-form"
import { useDeleteSegment, useSegment, useSyncSegment } from "../../../../lib/segments-api"

const SegmentPage = () => {
  const { id = "" } = useParams()
  const navigate = useNavigate()
  const prompt = usePrompt()
  const [editing, setEditing] = useState(false)
  const { data: segment, isLoading, isError, error } = useSegment(id)
  const sync = useSyncSegment()
  const remove = useDeleteSegment()

  const syncNow = () =>
    sync.mutate(id, {
      onSuccess: () => toast.success("Sync queued", { description: "Evaluated again; only the differences go to Mailchimp." }),
      onError: (e) => toast.error(errorMessage(e)),
    })

  const onDelete = async () => {
    const ok = await prompt({
      title: "Delete this segment?",
      description: "It is removed from the store, and its copy in Mailchimp is deleted. Campaigns already sent keep their recipients.",
      confirmText: "Delete",
      cancelText: "Cancel",
    })
    if (!ok) return
    remove.mutate(id, {
      onSuccess: () => {
        toast.success("Segment deleted")
        navigate("/mailchimp/segments")
      },
      onError: (e) => toast.error(errorMessage(e)),
    })
  }

  if (isLoading) {
    return (
      <Container>
        <Text size="small">Loading…</Text>
      </Container>
    )
  }
  if (isError || !segment) {
    return (
      <Container className="flex flex-col gap-y-3">
        <Alert variant="error">{errorMessage(error)}</Alert>
        <Link to="/mailchimp/segments" className="txt-compact-small text-ui-fg-interactive">
          Back to the segments
        </Link>
      </Container>
    )
  }

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0" data-testid="mailchimp-segment">
        <div className="flex items-center justify-between px-6 py-4">
          <div className="flex flex-col">
            <Link to="/mailchimp/segments" className="txt-compact-xsmall text-ui-fg-subtle">
              Segments
            </Link>
            <Heading data-testid="mailchimp-segment-name">{segment.name}</Heading>
          </div>
          <div className="flex items-center gap-x-2">
            <span data-testid="mailchimp-segment-sync">
              <SegmentSyncBadge segment={segment} />
            </span>
            <Button size="small" variant="secondary" onClick={syncNow} isLoading={sync.isPending}>
              Sync now
            </Button>
            <Button size="small" variant="secondary" onClick={() => setEditing(true)}>
              Edit
            </Button>
            <Button size="small" variant="danger" onClick={onDelete} isLoading={remove.isPending}>
              Delete
            </Button>
          </div>
        </div>
        <div className="grid grid-cols-4 divide-x">
          <Figure label="Members" value={count(segment.member_count)} />
          <Figure label="In Mailchimp" value={segment.mailchimp_segment_id ? count(segment.mailchimp_member_count) : "–"} />
          <Figure label="Changes to send" value={count(segment.pending_changes)} tone={segment.pending_changes ? "warning" : undefined} />
          <Figure label="Refused" value={count(segment.failed_members)} tone={segment.failed_members ? "error" : undefined} />
        </div>
        {segment.error && (
          <div className="px-6 py-4">
            <Alert variant="error" data-testid="mailchimp-segment-error">
              {[segment.error.title, segment.error.detail].filter(Boolean).join(": ") || "Mailchimp refused the last sync"}
            </Alert>
          </div>
        )}
        <SectionRow title="Evaluated" value={segment.evaluated_at ? `${dateTime(segment.evaluated_at)} (${ago(segment.evaluated_at)})` : "Not yet"} />
        <SectionRow
          title="Last synced"
          value={segment.last_synced_at ? `${dateTime(segment.last_synced_at)} (${ago(segment.last_synced_at)})` : "Never"}
          testId="mailchimp-segment-last-synced"
        />
        <SectionRow title="Audience" value={segment.audience_id} testId="mailchimp-segment-audience" />
        <SectionRow title="Mailchimp segment" value={segment.mailchimp_segment_id ? `#${segment.mailchimp_segment_id}` : "Not created yet"} />
      </Container>
      <Container className="divide-y p-0" data-testid="mailchimp-segment-definition">
        <div className="px-6 py-4">
          <Heading level="h2">Conditions</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Subscribed members who match {segment.match === "any" ? "any" : "all"} of these.
          </Text>
        </div>
        {segment.conditions.map((c, i) => (
          <div key={i} className="px-6 py-3">
            <Text size="small">{describeCondition(c)}</Text>
          </div>
        ))}
      </Container>
      <SegmentEditor open={editing} onOpenChange={setEditing} segment={segment} />
    </div>
  )
}

export default SegmentPage
