import { Container, Heading, StatusBadge, Text } from "@medusajs/ui"
import type { SyncView } from "../lib/api"
import { count, money } from "../lib/format"
import { Figure } from "./figure"

/** Abandoned carts: what Mailchimp holds for its cart reminders, and what the reminders brought back. */
export function CartsSection({ carts }: { carts: SyncView["carts"] }) {
  return (
    <Container className="divide-y p-0" data-testid="mailchimp-carts">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Abandoned carts</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Carts with an email and a line go to Mailchimp for its cart reminders, and leave it when the order is placed.
            Recovered: orders placed after the shopper opened a reminder's link.
          </Text>
        </div>
        <StatusBadge color={carts.enabled ? "green" : "grey"}>{carts.enabled ? "Cart sync on" : "Cart sync off"}</StatusBadge>
      </div>
      <div className="grid grid-cols-4 divide-x">
        <Figure label="Carts in Mailchimp" value={count(carts.in_mailchimp)} />
        <Figure label="Carts waiting" value={count(carts.pending)} />
        <Figure label="Carts recovered" value={count(carts.recovered)} />
        <Figure label="Recovered revenue" value={carts.currency_code ? money(carts.recovered_revenue, carts.currency_code) : count(carts.recovered_revenue)} />
      </div>
    </Container>
  )
}
