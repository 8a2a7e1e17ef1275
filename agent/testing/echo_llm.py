"""A deterministic ``llm.LLM`` for tests, load runs and simulations."""

from __future__ import annotations

from collections.abc import Callable

from livekit.agents import llm
from livekit.agents.types import (
    DEFAULT_API_CONNECT_OPTIONS,
    NOT_GIVEN,
    APIConnectOptions,
    NotGivenOr,
)


def _default_reply(user_text: str) -> str:
    return f"You said: {user_text}" if user_text else "Hello, how can I help you?"


class EchoLLM(llm.LLM):
    """Streams ``reply(last_user_text)`` word by word; never calls tools."""

    def __init__(self, reply: Callable[[str], str] = _default_reply) -> None:
        super().__init__()
        self._reply = reply
        self.calls = 0

    @property
    def model(self) -> str:
        return "echo"

    def chat(
        self,
        *,
        chat_ctx: llm.ChatContext,
        tools: list[llm.Tool] | None = None,
        conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS,
        parallel_tool_calls: NotGivenOr[bool] = NOT_GIVEN,
        tool_choice: NotGivenOr[llm.ToolChoice] = NOT_GIVEN,
        extra_kwargs: NotGivenOr[dict[str, object]] = NOT_GIVEN,
    ) -> llm.LLMStream:
        self.calls += 1
        user_text = next(
            (
                item.text_content or ""
                for item in reversed(chat_ctx.items)
                if item.type == "message" and item.role == "user"
            ),
            "",
        )
        return _EchoStream(
            self,
            self._reply(user_text),
            chat_ctx=chat_ctx,
            tools=tools or [],
            conn_options=conn_options,
        )


class _EchoStream(llm.LLMStream):
    def __init__(
        self,
        echo: EchoLLM,
        text: str,
        *,
        chat_ctx: llm.ChatContext,
        tools: list[llm.Tool],
        conn_options: APIConnectOptions,
    ) -> None:
        super().__init__(echo, chat_ctx=chat_ctx, tools=tools, conn_options=conn_options)
        self._text = text

    async def _run(self) -> None:
        for i, word in enumerate(self._text.split(" ")):
            self._event_ch.send_nowait(
                llm.ChatChunk(
                    id="echo",
                    delta=llm.ChoiceDelta(role="assistant", content=word if i == 0 else " " + word),
                )
            )
