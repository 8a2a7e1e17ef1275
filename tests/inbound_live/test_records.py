"""Lining up recorded agent lines with what the caller heard (no services)."""

from tests.inbound_live.records import align_agent_lines


def test_identical_lines_line_up() -> None:
    assert align_agent_lines(["Hello.", "Bye."], [" Hello.", "Bye."]) is None


def test_an_interrupted_line_may_be_cut_elsewhere_or_not_recorded() -> None:
    assert align_agent_lines(["Sorry, I", "Next?"], ["Sorry, I did", "Next?"]) is None
    assert align_agent_lines(["Next?"], ["Sorry,", "Next?"]) is None
    assert align_agent_lines(["Sorry, I did not catch that.", "Next?"],
                             ["Sorry,", "Sorry, I did not catch that.", "Next?"]) is None


def test_lost_duplicated_or_changed_lines_do_not() -> None:
    assert align_agent_lines(["Hello."], ["Hello.", "Bye."]) == ("Bye.", None)
    assert align_agent_lines(["Hello.", "Hello."], ["Hello."]) == (None, "Hello.")
    assert align_agent_lines(["Hello.", "Good night."], ["Hello.", "Bye."]) == ("Bye.", "Good night.")
