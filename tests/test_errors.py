"""One hierarchy of errors with messages that say what is allowed."""

from __future__ import annotations

from campaignkit import (
    CampaignKitError,
    DecodeError,
    GroupAction,
    GroupStatus,
    TransitionNotAllowed,
    ValidationError,
)


def test_everything_is_a_campaignkit_error() -> None:
    """All errors share the root; bad-input errors are also ValueErrors."""
    for cls in (ValidationError, TransitionNotAllowed, DecodeError):
        assert issubclass(cls, CampaignKitError)
    assert issubclass(ValidationError, ValueError)
    assert issubclass(DecodeError, ValueError)


def test_transition_not_allowed_names_object_status_action_and_allowed() -> None:
    """The message and the attributes carry the same facts, allowed ones sorted."""
    error = TransitionNotAllowed(
        "Spring@Sales",
        GroupStatus.NOT_LOADED,
        GroupAction.START_DIALING,
        {GroupAction.LOAD},
    )
    assert str(error) == (
        "Spring@Sales in status NOT_LOADED cannot START_DIALING; allowed now: LOAD"
    )
    assert error.allowed == (GroupAction.LOAD,)
    assert error.status is GroupStatus.NOT_LOADED
    empty = TransitionNotAllowed("c", "STOPPED", "RUNNING", ())
    assert str(empty).endswith("allowed now: none")
    assert error.reason == ""


def test_a_refused_request_and_a_guard_s_reason_read_as_sentences() -> None:
    """A campaign request reads "cannot request X"; a guard's reason is quoted."""
    from campaignkit import CampaignStatus, RequestedStatus

    error = TransitionNotAllowed(
        "campaign 7 (Spring)",
        CampaignStatus.COMPLETED,
        RequestedStatus.RUNNING,
        (),
        reason="it is stopped for good",
    )
    assert str(error) == (
        "campaign 7 (Spring) in status COMPLETED cannot request RUNNING: "
        "it is stopped for good; allowed now: none"
    )
    assert error.reason == "it is stopped for good"


def test_decode_error_lists_each_path() -> None:
    """A DecodeError's message lists each path with its message."""
    error = DecodeError("Campaign", [("$.id", "bad"), ("$.name", "missing")])
    assert str(error) == "cannot decode Campaign: $.id: bad; $.name: missing"


def test_messages_show_values_safely() -> None:
    """A huge int or a long string in a message is shortened, never a crash."""
    from campaignkit.errors import show

    assert show(10**5000).startswith("<int of about 50")
    assert len(show("x" * 1000)) == 200
    assert show("short") == "'short'"
    error = ValidationError("Thing", "n", 10**5000, "an integer")
    assert "<int of about" in str(error)


class _BadRepr:
    def __repr__(self) -> str:
        raise RuntimeError("no")


def test_show_and_clip_keep_messages_short_and_on_one_line() -> None:
    """A failing repr, control characters and long text never reach a message raw."""
    from campaignkit.errors import clip, show

    assert show(_BadRepr()) == "<_BadRepr>"
    assert clip("a\nb", 10) == "a\\nb"
    assert len(clip("\n" * 50, 10)) == 10
    assert "\n" not in clip("\n" * 50, 10)
    error = ValidationError("X\nY", "f" * 500, "v", "a\rb")
    assert "\n" not in str(error)
    assert "\r" not in str(error)
    assert len(str(error)) < 500
