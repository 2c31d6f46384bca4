import { Alert, Button, Checkbox, Container, Heading, Label, Text, toast } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { errorMessage, useMailchimpInterests, useUpdateMailchimpSettings } from "../lib/api"
import { SectionRow } from "./section-row"

/**
 * Settings → Mailchimp: which of the audience's interest categories shoppers may choose from with an opt-in, and the
 * marketing permissions they are offered (Mailchimp's texts), or why none is.
 */
export function InterestsSection() {
  const { data, error, isLoading } = useMailchimpInterests()
  const update = useUpdateMailchimpSettings()
  const [chosen, setChosen] = useState<string[]>([])
  useEffect(() => setChosen(data?.categories.filter((c) => c.offered).map((c) => c.id) ?? []), [data])
  const save = () =>
    update.mutate(
      { interest_categories: chosen },
      { onSuccess: () => toast.success("Interest categories saved"), onError: (e) => toast.error(errorMessage(e)) }
    )
  return (
    <Container className="divide-y p-0" data-testid="mailchimp-interests">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Interests and marketing permissions</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            What a shopper may choose beside the box, at checkout, signup and in the account. Nothing is ticked for them.
          </Text>
        </div>
        <Button size="small" variant="secondary" onClick={save} isLoading={update.isPending} disabled={!data}>
          Save
        </Button>
      </div>
      {isLoading && <div className="px-6 py-4"><Text size="small">Reading the audience…</Text></div>}
      {error && (
        <div className="px-6 py-4">
          <Alert variant="error">{errorMessage(error)}</Alert>
        </div>
      )}
      {data && (
        <>
          <div className="px-6 py-4" data-testid="mailchimp-interest-categories">
            {data.categories.length === 0 && <Text size="small">The audience has no interest categories (groups).</Text>}
            {data.categories.map((c) => (
              <div key={c.id} className="flex items-center gap-x-2 py-1">
                <Checkbox
                  id={`interest-category-${c.id}`}
                  checked={chosen.includes(c.id)}
                  onCheckedChange={(on) => setChosen(on === true ? [...chosen, c.id] : chosen.filter((x) => x !== c.id))}
                />
                <Label htmlFor={`interest-category-${c.id}`}>{c.title}</Label>
              </div>
            ))}
            {data.missing_categories.length > 0 && (
              <Alert variant="warning">The audience no longer has the categories {data.missing_categories.join(", ")}.</Alert>
            )}
          </div>
          {data.marketing_permissions.map((p) => (
            <SectionRow key={p.id} title="Marketing permission" value={p.text} />
          ))}
          {data.marketing_permissions_note && (
            <div className="px-6 py-4" data-testid="mailchimp-permissions-note">
              <Text size="small" className="text-ui-fg-subtle">
                No marketing permission is offered: {data.marketing_permissions_note}
              </Text>
            </div>
          )}
        </>
      )}
    </Container>
  )
}
