"""FlowCall's timing rules: which speech batch may end the call, and how keyed digits are collected."""

from __future__ import annotations

import asyncio
from pathlib import Path

from agent.flows.captures import VALIDATORS
from agent.flows.engine import ActionResult, CallState, Captured, FlowEngine
from agent.flows.livekit_agent import FlowCall
from agent.flows.model import Action, Text, load_flow

IVR = Path(__file__).resolve().parents[2] / "prompts" / "flows" / "inbound_ivr.json"


class Handle:
    """A speech handle whose playout the test finishes by hand."""

    def __init__(self) -> None:
        self.callbacks: list = []
        self.interrupted = False

    def add_done_callback(self, cb) -> None:
        self.callbacks.append(cb)

    def finish(self, interrupted: bool = False) -> None:
        self.interrupted = interrupted
        for cb in self.callbacks:
            cb(self)


class Session:
    """The three AgentSession calls FlowCall makes."""

    def __init__(self) -> None:
        self.said: list[str] = []
        self.handles: list[Handle] = []
        self.agents: list = []

    def say(self, text: str, allow_interruptions: bool = True) -> Handle:
        self.said.append(text)
        self.handles.append(Handle())
        return self.handles[-1]

    def interrupt(self) -> asyncio.Future[None]:
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        done.set_result(None)
        return done

    def update_agent(self, agent) -> None:
        self.agents.append(agent)
        asyncio.get_running_loop().create_task(agent.on_enter())


class Host:
    async def run_action(self, action: Action, state: CallState) -> ActionResult:
        return ActionResult(end="completed") if action.name == "end_call" else ActionResult()


def make_call(node: str, **variables) -> tuple[FlowCall, Session, list[str]]:
    engine = FlowEngine(load_flow(IVR), Host(), CallState(language="en", variables=variables),
                        validators=VALIDATORS, texts={"retry": Text(en="Sorry?", ar="عفواً؟")})
    engine.state.node_id = node
    ended: list[str] = []

    async def on_end() -> None:
        ended.append("ended")

    call = FlowCall(engine, timeout_s=30, on_end=on_end, digit_timeout_s=1.0)
    session = Session()
    call.session = session  # type: ignore[assignment]
    return call, session, ended


async def test_an_interrupted_batch_never_ends_the_call_before_goodbye_is_heard() -> None:
    call, session, ended = make_call("anything_else", name="Omar", company="Nour")
    call.speak(["Is there anything else I can help you with?"])
    question = session.handles[-1]
    await call.push(Captured(kind="value", value=False))  # the caller says "no" while the question plays
    await asyncio.sleep(0)
    assert call.engine.state.ended and session.said[-1].startswith("Thank you for calling Nour, Omar")
    question.finish(interrupted=True)                    # the superseded batch reports late
    await asyncio.sleep(0)
    assert ended == []
    session.handles[-1].finish()                         # the goodbye has played
    await asyncio.sleep(0)
    assert ended == ["ended"]


async def test_a_prompt_interrupted_by_a_keypress_that_ends_the_call_does_not_end_it_in_silence() -> None:
    """The interrupt a key press awaits reports the cut-off question before the goodbye is queued."""
    call, session, ended = make_call("anything_else", name="Omar", company="Nour")
    call.speak(["Is there anything else I can help you with?"])
    question = session.handles[-1]

    def interrupt() -> asyncio.Future[None]:
        question.finish(interrupted=True)  # as AgentSession does: the playing speech is done, interrupted
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        done.set_result(None)
        return done

    session.interrupt = interrupt  # type: ignore[method-assign]
    call.on_dtmf("2")                                    # "no" on the keypad while the question plays
    await asyncio.sleep(0.05)
    assert call.engine.state.ended and ended == []
    assert session.said[-1].startswith("Thank you for calling Nour, Omar")
    session.handles[-1].finish()
    await asyncio.sleep(0)
    assert ended == ["ended"]


async def test_input_after_the_goodbye_neither_cuts_it_off_nor_ends_the_call_early() -> None:
    """A caller turn the LLM answers with a tool call while the goodbye plays (a late or repeated
    'no') must not hand off to an empty agent, which cut the goodbye and hung up in silence."""
    call, session, ended = make_call("anything_else", name="Omar", company="Nour")
    await call.push(Captured(kind="value", value=False))
    await asyncio.sleep(0)
    goodbye = session.handles[-1]
    agents = len(session.agents)
    result = await call.apply(Captured(kind="value", value=False))
    await asyncio.sleep(0)
    assert not isinstance(result, tuple) and len(session.agents) == agents  # no handoff
    assert ended == []
    goodbye.finish()
    await asyncio.sleep(0)
    assert ended == ["ended"] and session.said[-1].startswith("Thank you for calling Nour, Omar")


async def test_keyed_numbers_end_at_hash_and_leave_nothing_behind() -> None:
    call, session, _ = make_call("ask_phone_number", name="Omar", default_region="SA")
    for digit in "0551234567#":
        call.on_dtmf(digit)
    await asyncio.sleep(0.05)
    assert call.engine.state.variables["phone"] == "+966551234567"
    assert call.engine.state.node_id == "ask_email"
    await asyncio.sleep(1.2)                             # no late, empty "input" reaches the next question
    assert "Sorry?" not in " ".join(session.said) and call.engine.state.retries == {}


async def test_digits_left_over_are_dropped_when_the_question_changes() -> None:
    call, session, _ = make_call("ask_phone_number", name="Omar", default_region="SA")
    call.on_dtmf("0")
    call.on_dtmf("5")
    await call.apply(Captured(kind="value", value="+966551234567"))  # the caller said the number instead
    await asyncio.sleep(1.2)
    assert call.engine.state.node_id == "ask_email" and call.engine.state.retries == {}


def test_a_withheld_value_reads_as_none() -> None:
    text = load_flow(IVR).nodes["confirm"].say
    assert "Email: none." in text.render("en", {"email": None, "name": "Omar"})
    assert "البريد: لا يوجد." in text.render("ar", {"email": None})
