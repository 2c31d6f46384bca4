import { Alert, Container, Text } from "@medusajs/ui"
import { errorMessage } from "../lib/api"

/** What a section shows while its query loads, or when it failed. */
export const QueryState = ({
  isLoading,
  isError,
  error,
  className = "px-6 py-4",
}: {
  isLoading: boolean
  isError: boolean
  error: unknown
  className?: string
}) => {
  if (isLoading) {
    return (
      <div className={className}>
        <Text size="small">Loading…</Text>
      </div>
    )
  }
  if (isError) {
    return (
      <div className={className}>
        <Alert variant="error">{errorMessage(error)}</Alert>
      </div>
    )
  }
  return null
}

/** The same for a whole page: in a card of its own. */
export const PageQueryState = (props: { isLoading: boolean; isError: boolean; error: unknown }) =>
  props.isLoading || props.isError ? (
    <Container>
      <QueryState {...props} className="" />
    </Container>
  ) : null
