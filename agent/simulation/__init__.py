"""Simulated callers for the inbound agent: scripted bilingual scenarios and a runner that plays them
as WebRTC participants against a LiveKit deployment (`python -m agent.simulate`)."""
