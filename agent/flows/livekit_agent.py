"""Plays a flow in a LiveKit `AgentSession`: one `Agent` per node, handoffs between nodes.

`FlowCall` is the per-call controller shared by the node agents: it serialises input (tool calls,
DTMF, silence), feeds it to the engine, speaks the replies and hands off to the next node's agent.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from livekit.agents import Agent, AgentSession, ModelSettings
from livekit.agents.llm import ChatChunk, ChatContext, ChatMessage, FunctionTool, ToolResult

from agent.flows.engine import Captured, FlowEngine, Reply
from agent.flows.tools import build_tools
from agent.flows.understanding import read_dtmf
from callcenter.log import get_logger

log = get_logger(__name__)

SYSTEM_PROMPT = (
    "You are the voice of a bilingual (Arabic and English) call-center IVR. You never chat: after every "
    "caller turn call exactly one tool. Use the capture tool of the current step when the caller's words "
    "answer it (Arabic dialects, English and code-switching all count), request_human when they ask for a "
    "person, and not_understood otherwise. Current step: {step}. Caller language: {language}."
)

Assessor = Callable[[str, str], Awaitable[str | None]]  # (text, node's capture) -> escalation reason or None


class FlowCall:
    """One call's conversation: engine + session + timers."""

    def __init__(
        self,
        engine: FlowEngine,
        *,
        timeout_s: float,
        assess: Assessor | None = None,
        on_end: Callable[[], Awaitable[None]] | None = None,
        context: str = "",
        on_language: Callable[[str], None] | None = None,
        digit_timeout_s: float = 5.0,
    ) -> None:
        self.engine = engine
        self.context = context
        self.on_language = on_language
        self.digit_timeout_s = digit_timeout_s
        self._language = engine.state.language
        self.timeout_s = timeout_s
        self.assess = assess
        self.on_end = on_end
        self.session: AgentSession | None = None
        self._lock = asyncio.Lock()
        self._timer: asyncio.Task[None] | None = None
        self._dtmf: list[str] = []
        self._dtmf_flush: asyncio.Task[None] | None = None
        self._batch = 0  # the latest speech batch; only it may start the silence timer or end the call
        self.ended = asyncio.Event()

    async def first_agent(self) -> "FlowAgent":
        reply = await self.engine.start()
        return FlowAgent(self, reply)

    # input paths

    async def apply(self, captured: Captured) -> Any:
        """Tool-call path: returns a handoff to the next node, or stays and speaks a re-prompt."""
        self.cancel_timer()
        async with self._lock:
            if self.engine.state.ended:  # the closing words are playing: a handoff now would cut them off
                return ToolResult("the call has ended", reply_required=False)
            reply = await self.engine.handle(captured)
        self._language_changed()
        log.info("flow step", node=reply.node_id, kind=captured.kind, changed=reply.changed, ended=reply.ended)
        done = ToolResult(f"now at step {reply.node_id}", reply_required=False)
        if reply.changed or reply.ended:
            self._dtmf.clear()
            self._cancel_flush()
            self._supersede()
            return FlowAgent(self, reply), done
        self.speak(reply.say)
        return done

    async def push(self, captured: Captured) -> None:
        """Non-LLM path (DTMF, silence): same engine step, delivered by updating the session's agent."""
        self.cancel_timer()
        async with self._lock:
            if self.engine.state.ended:
                return
            reply = await self.engine.handle(captured)
        self._language_changed()
        log.info("flow step", node=reply.node_id, kind=captured.kind, changed=reply.changed, via="push")
        if (reply.changed or reply.ended) and self.session is not None:
            self._supersede()
            await self.session.interrupt()  # finish cutting off the old prompt before the next node speaks
        self.deliver(reply, interrupt=False)

    def _language_changed(self) -> None:
        if self.engine.state.language != self._language:
            self._language = self.engine.state.language
            if self.on_language:
                self.on_language(self._language)

    def deliver(self, reply: Reply, *, interrupt: bool = True) -> None:
        assert self.session is not None
        if reply.changed or reply.ended:
            self._dtmf.clear()
            self._cancel_flush()
            self._supersede()
            if interrupt:
                self.session.interrupt()
            self.session.update_agent(FlowAgent(self, reply))
        else:
            self.speak(reply.say)

    def on_dtmf(self, digit: str) -> None:
        """Keypad digits; phone captures collect until '#' or a pause, other captures take one key."""
        node = self.engine.node
        self.cancel_timer()
        if node.capture == "phone" and digit != "#" and not (digit == "1" and not self._dtmf):
            self._dtmf.append(digit)
            self._cancel_flush()
            self._dtmf_flush = asyncio.create_task(self._flush_dtmf(delay=self.digit_timeout_s))
            return
        self._cancel_flush()
        digits = "".join(self._dtmf) if self._dtmf else digit
        self._dtmf.clear()
        if digits != "#":
            asyncio.create_task(self.push(read_dtmf(node, digits, self.engine.state)))

    async def _flush_dtmf(self, delay: float) -> None:
        await asyncio.sleep(delay)
        self._dtmf_flush = None
        digits, self._dtmf[:] = "".join(self._dtmf), []
        if digits:
            await self.push(read_dtmf(self.engine.node, digits, self.engine.state))

    def _cancel_flush(self) -> None:
        if self._dtmf_flush and self._dtmf_flush is not asyncio.current_task():
            self._dtmf_flush.cancel()
        self._dtmf_flush = None

    async def user_turn(self, text: str) -> bool:
        """Every caller turn: escalation triggers (keywords, sentiment) come before understanding.
        True when the turn escalated the call or came after its end (the LLM is then not asked)."""
        self.cancel_timer()
        if self.engine.state.ended:
            return True
        if self.assess is None:
            return False
        reason = await self.assess(text, self.engine.node.capture)
        if not reason:
            return False
        async with self._lock:
            reply = await self.engine.escalate(reason, text)
        log.info("flow escalated", reason=reason, node=reply.node_id)
        self.deliver(reply, interrupt=False)
        return True

    # speaking and silence

    def _supersede(self) -> None:
        """The node changed: the prompt playing now may no longer move the call on (its interrupted
        playout reports before the next node's speech is queued, and would end a call that just
        ended before its goodbye)."""
        self._batch += 1

    def speak(self, texts: list[str]) -> None:
        """Say a node's texts; when the last has played, wait for the caller (or end the call)."""
        assert self.session is not None
        self._batch += 1
        batch = self._batch
        handle = None
        for text in texts:
            handle = self.session.say(text, allow_interruptions=not self.engine.state.ended)
        if handle is None:
            self._after_speech(batch)
        else:
            handle.add_done_callback(lambda h: self._after_speech(batch, h.interrupted))

    def _after_speech(self, batch: int, interrupted: bool = False) -> None:
        """Only the latest batch moves the call on: an older one was superseded by the caller's input,
        and an interrupted one means the caller is already talking."""
        if batch != self._batch or (interrupted and not self.engine.state.ended):
            return
        if self.engine.state.ended:
            if not self.ended.is_set():
                self.ended.set()
                if self.on_end:
                    asyncio.create_task(self.on_end())
            return
        if self.engine.node.capture != "none":
            self.cancel_timer()
            timeout = self.engine.node.timeout_s or self.timeout_s
            self._timer = asyncio.create_task(self._silence(timeout))

    async def _silence(self, timeout: float) -> None:
        await asyncio.sleep(timeout)
        self._timer = None
        await self.push(Captured(kind="no_input"))

    def cancel_timer(self) -> None:
        if self._timer and not self._timer.done() and self._timer is not asyncio.current_task():
            self._timer.cancel()
        self._timer = None

    def close(self) -> None:
        self.cancel_timer()
        self._cancel_flush()


class FlowAgent(Agent):
    """The agent for one node: its tools are the node's capture tool plus request_human/not_understood."""

    def __init__(self, call: FlowCall, reply: Reply) -> None:
        self.call = call
        self.node_id = reply.node_id
        self._say = reply.say
        node = call.engine.flow.nodes[reply.node_id]
        step = f"{reply.node_id} (expects {node.capture})"
        super().__init__(
            instructions=SYSTEM_PROMPT.format(step=step, language=call.engine.state.language) + call.context,
            tools=build_tools(node, call.apply),
        )

    async def on_enter(self) -> None:
        if self.call.session is None:
            self.call.session = self.session
        self.call.speak(self._say)

    async def llm_node(
        self, chat_ctx: ChatContext, tools: list[FunctionTool], model_settings: ModelSettings
    ) -> AsyncIterator[ChatChunk | str]:
        """Each caller turn (typed or spoken) is assessed for escalation before the LLM reads it."""
        last = chat_ctx.items[-1] if chat_ctx.items else None
        if isinstance(last, ChatMessage) and last.role == "user":
            if await self.call.user_turn(last.text_content or ""):
                return
        async for chunk in Agent.default.llm_node(self, chat_ctx, tools, model_settings):
            yield chunk
