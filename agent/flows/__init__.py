"""Conversations as data: flows of nodes with captures, transitions and actions, run by one engine.

The inbound IVR, industry presets and operators' custom scripts are all flows. `model` holds the
data, `engine` decides what happens next (pure, no LiveKit), `livekit_agent` plays a flow in a
LiveKit `AgentSession`, and `local_llm` is the offline understanding layer behind the LLM interface.
"""
