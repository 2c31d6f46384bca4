"use client"

import { useEffect, useState } from "react"
import type { NewsletterClient } from "./newsletter-client"

export type CartRecoveryProps = {
  client: NewsletterClient
  /** The recovery link's token (`recoveryTokenFrom(location.href)`). */
  token: string | null
  /** Called once with the cart the link opens: make it the shopper's cart (cookie, context), then go to checkout. */
  onRecovered: (cartId: string) => void
  className?: string
}

const MESSAGES: Record<number, string> = {
  400: "This link is not valid. Your cart may still be in this browser.",
  404: "This cart no longer exists.",
  409: "You already placed this order. Thank you!",
  410: "This link has expired.",
}

/** The storefront's recovery page body: opens the cart of a Mailchimp cart reminder, or says why it cannot. */
export function CartRecovery({ client, token, onRecovered, className }: CartRecoveryProps) {
  const [state, setState] = useState<{ status: "opening" | "opened" | "refused"; message?: string }>({ status: "opening" })
  useEffect(() => {
    let live = true
    if (!token) {
      setState({ status: "refused", message: MESSAGES[400] })
      return
    }
    client.recoverCart(token).then(
      (cartId) => {
        if (!live) return
        setState({ status: "opened" })
        onRecovered(cartId)
      },
      (e: { status?: number }) => live && setState({ status: "refused", message: MESSAGES[e.status ?? 0] ?? "Your cart could not be opened just now." })
    )
    return () => {
      live = false
    }
  }, [client, token])
  return (
    <div className={className} role="status" data-state={state.status}>
      {state.status === "opening" && "Opening your cart…"}
      {state.status === "opened" && "Your cart is back."}
      {state.status === "refused" && state.message}
    </div>
  )
}
