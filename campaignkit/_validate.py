"""attrs validators that raise :class:`~campaignkit.errors.ValidationError`.

attrs' own validators raise bare ``TypeError``/``ValueError`` that name neither the
class nor what is allowed; these name both, and every model uses them.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import math
import zoneinfo
from collections.abc import Callable
from typing import Any

import attrs

from campaignkit.errors import ValidationError

__all__ = [
    "aware_datetime",
    "boolean",
    "check",
    "instance_of",
    "integer",
    "nonempty_str",
    "number",
    "optional",
    "text",
    "time_of_day",
    "time_zone",
    "to_utc",
    "tuple_of",
    "utc_datetime",
]

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def check(obj: Any, field: str, value: Any, ok: bool, allowed: str) -> None:
    """Raise :class:`ValidationError` for ``obj.field = value`` unless ``ok``."""
    if not ok:
        name = obj if isinstance(obj, str) else type(obj).__name__
        raise ValidationError(name, field, value, allowed)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def integer(minimum: int | None = None, maximum: int | None = None) -> Validator:
    """An int (never a bool) within ``[minimum, maximum]``."""
    if minimum is not None and maximum is not None:
        allowed = f"an integer from {minimum} to {maximum}"
    elif minimum is not None:
        allowed = f"an integer >= {minimum}"
    else:
        allowed = "an integer"

    def validate(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        ok = (
            _is_int(value)
            and (minimum is None or value >= minimum)
            and (maximum is None or value <= maximum)
        )
        check(obj, attribute.name, value, ok, allowed)

    return validate


def _finite(value: float) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # an int too large for a float
        return False


def number(
    minimum: float, maximum: float = math.inf, *, above: bool = False
) -> Validator:
    """A finite real number (never a bool) in ``[minimum, maximum]``.

    With ``above`` the minimum itself is refused (``> minimum``).
    """
    low = f"> {minimum}" if above else f">= {minimum}"
    allowed = f"a finite number {low}" + (
        f" and <= {maximum}" if maximum != math.inf else ""
    )

    def validate(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        ok = (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and _finite(value)
            and (value > minimum if above else value >= minimum)
            and value <= maximum
        )
        check(obj, attribute.name, value, ok, allowed)

    return validate


def nonempty_str(forbid: str = "") -> Validator:
    """A non-empty str, optionally without any of the characters in ``forbid``."""
    allowed = "a non-empty string" + (f" without {forbid!r}" if forbid else "")

    def validate(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        ok = (
            isinstance(value, str)
            and value != ""
            and not any(c in value for c in forbid)
        )
        check(obj, attribute.name, value, ok, allowed)

    return validate


def text(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Any str, the empty one included."""
    check(obj, attribute.name, value, isinstance(value, str), "a string")


def boolean(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A real bool (not 0/1, not "Y")."""
    check(obj, attribute.name, value, isinstance(value, bool), "True or False")


def instance_of(cls: type) -> Validator:
    """An instance of ``cls``; for an enum, a member (a bare int or str is refused)."""
    allowed = f"a {cls.__name__}"
    if issubclass(cls, enum.Enum):
        allowed += ": " + ", ".join(m.name for m in cls)

    def validate(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        check(obj, attribute.name, value, isinstance(value, cls), allowed)

    return validate


def aware_datetime(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A timezone-aware :class:`datetime.datetime` (naive ones are ambiguous)."""
    ok = isinstance(value, dt.datetime) and value.utcoffset() is not None
    check(obj, attribute.name, value, ok, "a timezone-aware datetime")


def to_utc(value: Any) -> Any:
    """Attrs converter: an aware datetime in UTC; anything else is left for a validator.

    A time whose UTC equivalent is outside datetime's range (year 1 at +01:00) is
    left as it is, and :func:`utc_datetime` refuses it.
    """
    if isinstance(value, dt.datetime) and value.utcoffset() is not None:
        try:
            return value.astimezone(dt.UTC)
        except OverflowError:
            return value
    return value


def utc_datetime(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """An aware datetime in UTC, as :func:`to_utc` leaves one it could convert."""
    ok = (
        isinstance(value, dt.datetime)
        and value.utcoffset() is not None
        and not value.utcoffset()
    )
    check(obj, attribute.name, value, ok, "a timezone-aware datetime in UTC range")


def time_of_day(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A naive :class:`datetime.time` (read in the owner's time zone)."""
    ok = isinstance(value, dt.time) and value.tzinfo is None
    check(obj, attribute.name, value, ok, "a datetime.time without tzinfo")


@functools.lru_cache(maxsize=512)
def _known_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (
        zoneinfo.ZoneInfoNotFoundError,
        ValueError,
        OSError,
    ):  # a directory, a long name
        return False
    return True


def time_zone(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """An IANA time zone name that :mod:`zoneinfo` knows (``Europe/London``)."""
    ok = isinstance(value, str) and value != "" and _known_zone(value)
    check(obj, attribute.name, value, ok, "an IANA time zone name")


def optional(validator: Validator) -> Validator:
    """``None``, or whatever ``validator`` accepts."""

    def validate(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None:
            validator(obj, attribute, value)

    return validate


def tuple_of(cls: type) -> Validator:
    """A tuple whose every item is a ``cls``."""
    allowed = f"a tuple of {cls.__name__}"

    def validate(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        ok = isinstance(value, tuple) and all(isinstance(v, cls) for v in value)
        check(obj, attribute.name, value, ok, allowed)

    return validate
