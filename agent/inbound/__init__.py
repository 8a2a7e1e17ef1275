"""The inbound call: the IVR flow, its actions (routing, tickets, escalation) and the worker."""
