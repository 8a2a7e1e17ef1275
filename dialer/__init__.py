"""Outbound campaign dialer on ARQ."""
