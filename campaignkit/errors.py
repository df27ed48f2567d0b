"""One exception hierarchy, rooted at :class:`CampaignKitError`.

Every error a public function raises on bad input is one of these, so a host service
can catch ``CampaignKitError`` at its boundary and never see a bare ``KeyError`` or
``TypeError`` escape from campaignkit.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = [
    "CampaignKitError",
    "DecodeError",
    "TransitionNotAllowed",
    "ValidationError",
]


class CampaignKitError(Exception):
    """Base class of every error campaignkit raises."""


class ValidationError(CampaignKitError, ValueError):
    """A value was refused: the message names the object, the field and what is allowed.

    Attributes:
        obj: The name of the object (usually the class) that refused the value.
        field: The field that was being set.
        value: The value that was refused.
        allowed: A short description of what would have been accepted.
    """

    def __init__(self, obj: str, field: str, value: Any, allowed: str) -> None:
        self.obj = obj
        self.field = field
        self.value = value
        self.allowed = allowed
        super().__init__(
            f"{obj}.{field}: {show(value)} is not allowed; expected {allowed}"
        )


class TransitionNotAllowed(CampaignKitError):
    """A lifecycle refused a change; says what was asked and what is allowed.

    Attributes:
        obj: The object that was asked to change (a group's Stat Server name, or a
            campaign's label).
        status: Its status when the change was asked for.
        action: The change that was refused: a ``GroupChange`` for a group, a
            ``CampaignTrigger`` for a campaign.
        allowed: The changes allowed from that status, of the same type as
            ``action``, sorted by name: the requests and the automatic changes (so
            a superset of ``allowed_actions`` / ``allowed_requests``).
        reason: Why the change was refused when its status alone would allow it
            (a guard said no for these arguments), else "".
    """

    def __init__(
        self,
        obj: str,
        status: Any,
        action: Any,
        allowed: Iterable[Any],
        *,
        reason: str = "",
    ) -> None:
        self.obj = obj
        self.status = status
        self.action = action
        self.allowed = tuple(sorted(allowed, key=_name_of))
        self.reason = reason
        names = ", ".join(_name_of(a) for a in self.allowed) or "none"
        request = getattr(
            action, "is_request", type(action).__name__ == "RequestedStatus"
        )
        verb = "request " if request else ""
        because = f": {reason}" if reason else ""
        super().__init__(
            f"{obj} in status {_name_of(status)} cannot {verb}{_name_of(action)}"
            f"{because}; allowed now: {names}"
        )


class DecodeError(CampaignKitError, ValueError):
    """Input data could not be turned into a campaignkit value.

    Attributes:
        target: What was being decoded (a class name or a vendor payload name).
        errors: ``(path, message)`` pairs, one per bad field; the path names the
            field as it is spelled in the input (``$.calling_lists[0].share`` or
            ``campaign-id``).
    """

    def __init__(self, target: str, errors: Iterable[tuple[str, str]]) -> None:
        self.target = target
        self.errors = tuple(errors)
        detail = "; ".join(f"{path}: {message}" for path, message in self.errors)
        super().__init__(f"cannot decode {target}: {detail}")


_SHOWN = 200


def show(value: Any) -> str:
    """``repr(value)`` for a message: cut to 200 characters, safe on huge ints."""
    try:
        text = repr(value)
    except ValueError:  # an int over Python's 4300-digit conversion limit
        return f"<int of about {int(value.bit_length() * 0.30103) + 1} digits>"
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."


def _name_of(value: Any) -> str:
    return str(getattr(value, "name", value))
