"""The offline LLM: reads each caller turn with the rule-based NLU and calls the node's tools.

It implements `livekit.agents.llm.LLM`, so an `AgentSession` runs the same agents, tools and
handoffs offline (tests, demo) as with OpenAI in production.
"""

from __future__ import annotations

import json
from typing import Any

from livekit.agents import APIConnectOptions, llm
from livekit.agents.types import DEFAULT_API_CONNECT_OPTIONS, NOT_GIVEN, NotGivenOr
from livekit.agents.utils import shortuuid

from agent.flows.livekit_agent import FlowCall
from agent.flows.tools import tool_call_for, value_arguments
from agent.flows.understanding import read_turn


class LocalUnderstandingLLM(llm.LLM):
    """One tool call per caller turn, chosen by `agent.flows.understanding` for the current node."""

    def __init__(self) -> None:
        super().__init__()
        self.call: FlowCall | None = None

    def bind(self, call: FlowCall) -> None:
        self.call = call

    @property
    def model(self) -> str:
        return "local-rules"

    @property
    def provider(self) -> str:
        return "callcenter"

    def chat(
        self,
        *,
        chat_ctx: llm.ChatContext,
        tools: list[llm.Tool] | None = None,
        conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS,
        parallel_tool_calls: NotGivenOr[bool] = NOT_GIVEN,
        tool_choice: NotGivenOr[llm.ToolChoice] = NOT_GIVEN,
        extra_kwargs: NotGivenOr[dict[str, Any]] = NOT_GIVEN,
    ) -> "_Stream":
        return _Stream(self, chat_ctx=chat_ctx, tools=tools or [], conn_options=conn_options)


class _Stream(llm.LLMStream):
    async def _run(self) -> None:
        owner: LocalUnderstandingLLM = self._llm  # type: ignore[assignment]
        if owner.call is None or _last_item_is_tool_output(self._chat_ctx):
            return
        text = _last_user_text(self._chat_ctx)
        engine = owner.call.engine
        captured, _ = read_turn(engine.node, text, engine.state)
        call = tool_call_for(captured) or value_arguments(engine.node.capture, captured.value)
        name, arguments = call
        self._event_ch.send_nowait(
            llm.ChatChunk(
                id=shortuuid("local_"),
                delta=llm.ChoiceDelta(
                    role="assistant",
                    tool_calls=[llm.FunctionToolCall(name=name, arguments=json.dumps(arguments, ensure_ascii=False),
                                                     call_id=shortuuid("call_"))],
                ),
            )
        )


def _last_user_text(chat_ctx: llm.ChatContext) -> str:
    for item in reversed(chat_ctx.items):
        if item.type == "message" and item.role == "user":
            return item.text_content or ""
    return ""


def _last_item_is_tool_output(chat_ctx: llm.ChatContext) -> bool:
    return bool(chat_ctx.items) and chat_ctx.items[-1].type == "function_call_output"
