"""One exception hierarchy, rooted at :class:`CampaignKitError`.

Every refusal of a *value* from outside is one of these; a wrong Python *type* is
for a type checker to catch. Messages are one line and bounded (``docs/errors.md``).
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
    """``obj`` (a class name) refused ``value`` for ``field``; ``allowed`` would fit."""

    def __init__(self, obj: str, field: str, value: Any, allowed: str) -> None:
        self.obj, self.field, self.value, self.allowed = obj, field, value, allowed
        super().__init__(
            f"{clip(obj, _NAMES)}.{clip(field, _NAMES)}: {show(value)} is not allowed;"
            f" expected {clip(allowed, _MESSAGE)}"
        )


class TransitionNotAllowed(CampaignKitError):
    """A lifecycle refused ``action`` from ``status`` (see ``docs/errors.md``)."""

    def __init__(
        self,
        obj: str,
        status: Any,
        action: Any,
        allowed: Iterable[Any],
        *,
        reason: str = "",
    ) -> None:
        self.obj, self.status, self.action, self.reason = obj, status, action, reason
        self.allowed = tuple(sorted(allowed, key=_name_of))
        names = ", ".join(_name_of(a) for a in self.allowed) or "none"
        by_name = type(action).__name__ == "RequestedStatus"  # enums imports errors
        verb = "request " if getattr(action, "is_request", by_name) else ""
        because = f": {reason}" if reason else ""
        super().__init__(
            f"{obj} in status {_name_of(status)} cannot {verb}{_name_of(action)}"
            f"{because}; allowed now: {names}"
        )


class DecodeError(CampaignKitError, ValueError):
    """Input could not be decoded as ``target``: ``errors`` lists (path, message)."""

    def __init__(self, target: str, errors: Iterable[tuple[str, str]]) -> None:
        self.target = target
        self.errors = tuple((clip(p, _NAMES), clip(m, _SHOWN * 2)) for p, m in errors)
        shown: list[str] = []
        for path, message in self.errors:
            shown.append(f"{path}: {message}")
            if len(shown) > 1 and len("; ".join(shown)) > _MESSAGE:
                shown[-1] = f"... and {len(self.errors) - len(shown) + 1} more"
                break
        super().__init__(f"cannot decode {clip(target, _NAMES)}: {'; '.join(shown)}")


_SHOWN = 200
_NAMES = 100
_MESSAGE = 400


def clip(text: str, limit: int) -> str:
    """``text`` on one line (control characters escaped), at most ``limit`` long."""
    text = str(text)
    cut = len(text) > limit
    text = text[:limit]
    if not text.isprintable():
        text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return text[: limit - 3] + "..." if cut or len(text) > limit else text


def show(value: Any) -> str:
    """``repr(value)`` for a message: one line, cut to 200 characters, never raising."""
    if type(value) is int and not -(10**4300) < value < 10**4300:
        return f"<int of about {int(value.bit_length() * 0.30103) + 1} digits>"
    if isinstance(value, str | bytes) and len(value) > _SHOWN:
        value = value[:_SHOWN]  # repr of a 5 MB string is not worth building
    try:
        text = repr(value)
    except RecursionError:
        return f"<{type(value).__name__} nested too deeply to show>"
    except Exception:  # a repr that fails, or an int too long to print
        return f"<{type(value).__name__}>"
    return clip(text, _SHOWN)


def _name_of(value: Any) -> str:
    return str(getattr(value, "name", value))
