"""Card payments (Stripe behind one gateway), refunds that are never lost, pay by invoice."""
