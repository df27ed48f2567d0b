"""The edge checks: each value rule written once, raising a ValidationError.

Constructors and decoders check values from outside with these; the rest of the
package trusts its typed arguments. :func:`check` is the one place a refusal is
raised; the attrs validators are the predicates with words that say what is allowed.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import itertools
import math
import zoneinfo
from collections.abc import Callable
from typing import Any

import attrs

from campaignkit.errors import ValidationError

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

MAX_INT = 10**4300  # integers must be smaller in size: Python cannot print longer ones


def is_int(value: Any) -> bool:
    """An int but not a bool, short enough to print (under 4,300 digits)."""
    return (
        type(value) is not bool
        and isinstance(value, int)
        and -MAX_INT < value < MAX_INT
    )


def is_number(value: Any) -> bool:
    """A finite real number (an int or a float, never a bool)."""
    if type(value) is bool or not isinstance(value, int | float):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:  # an int too large for a float
        return False


def is_aware(value: Any) -> bool:
    return isinstance(value, dt.datetime) and value.utcoffset() is not None


def is_zone(name: Any) -> bool:
    """An IANA time zone name that :mod:`zoneinfo` knows (``Europe/London``)."""
    return isinstance(name, str) and name != "" and _known_zone(name)


def is_series(value: Any, width: int, ok: Callable[[tuple[Any, ...]], bool]) -> bool:
    """A tuple of ``width``-tuples, each ``ok``, their first items increasing."""
    return (
        isinstance(value, tuple)
        and all(isinstance(r, tuple) and len(r) == width and ok(r) for r in value)
        and all(a[0] < b[0] for a, b in itertools.pairwise(value))
    )


@functools.lru_cache(maxsize=512)
def _known_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False  # OSError: a directory, or a name too long for a path
    return True


def check(obj: Any, field: str, value: Any, ok: bool, allowed: str) -> None:
    """Unless ``ok``, refuse ``obj.field = value`` (``obj``: an object or its name)."""
    if not ok:
        name = obj if type(obj) is str else type(obj).__name__
        raise ValidationError(name, field, value, allowed)


def check_aware(obj: Any, field: str, value: dt.datetime) -> None:
    check(obj, field, value, is_aware(value), "a timezone-aware datetime")


def rule(ok: Callable[[Any], bool], allowed: str) -> Validator:
    """An attrs validator: refuse a value unless ``ok(value)``; ``allowed`` says why."""

    def validate(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        check(obj, attribute.name, value, ok(value), allowed)

    return validate


def integer(minimum: int = -MAX_INT, maximum: int = MAX_INT) -> Validator:
    allowed = "an integer"
    if maximum < MAX_INT:
        allowed += f" from {minimum} to {maximum}"
    elif minimum > -MAX_INT:
        allowed += f" >= {minimum}"
    return rule(lambda x: is_int(x) and minimum <= x <= maximum, allowed)


def number(
    minimum: float, maximum: float = math.inf, *, above: bool = False
) -> Validator:
    """A finite real number (never a bool) in ``[minimum, maximum]``, or above it."""
    high = f" and <= {maximum}" if maximum != math.inf else ""

    def ok(x: Any) -> bool:
        return (
            is_number(x) and (x > minimum if above else x >= minimum) and x <= maximum
        )

    return rule(ok, f"a finite number {'>' if above else '>='} {minimum}{high}")


def nonempty_str() -> Validator:
    return rule(lambda x: isinstance(x, str) and x != "", "a non-empty string")


text = rule(lambda x: isinstance(x, str), "a string")
boolean = rule(lambda x: type(x) is bool, "True or False")
aware_datetime = rule(is_aware, "a timezone-aware datetime")


def instance_of(cls: type) -> Validator:
    """An instance of ``cls``; for an enum, a member (a bare int or str is refused)."""
    article = "an" if cls.__name__[0] in "AEIOU" else "a"
    allowed = f"{article} {cls.__name__}"
    if issubclass(cls, enum.Enum):
        allowed += ": " + ", ".join(m.name for m in cls)
    return rule(lambda x: isinstance(x, cls), allowed)


def in_utc(value: Any) -> dt.datetime | None:
    """``value`` in UTC; ``None`` if it is naive or has no UTC equivalent (year 1)."""
    if not is_aware(value):
        return None
    try:
        return value.astimezone(dt.UTC)  # type: ignore[no-any-return]
    except OverflowError:
        return None


def utc(obj: Any, field: str, value: dt.datetime) -> dt.datetime:
    """``value`` in UTC; a naive one, or one with no UTC equivalent, is refused."""
    check_aware(obj, field, value)
    in_range = in_utc(value)
    check(obj, field, value, in_range is not None, "a time in UTC range")
    return in_range or value


def to_utc(value: Any) -> Any:
    """Attrs converter: an aware datetime in UTC; else ``value``, for a validator."""
    return in_utc(value) or value


utc_datetime = rule(
    lambda x: is_aware(x) and not x.utcoffset(),
    "a timezone-aware datetime in UTC range",
)
time_of_day = rule(
    lambda x: isinstance(x, dt.time) and x.tzinfo is None,
    "a datetime.time without tzinfo",
)
time_zone = rule(is_zone, "an IANA time zone name")


def optional(validator: Validator) -> Validator:
    def validate(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None:
            validator(obj, attribute, value)

    return validate


def to_tuple(value: Any) -> Any:
    """Attrs converter: a list becomes a tuple; anything else is left as it is."""
    return tuple(value) if isinstance(value, list) else value


def tuple_of(cls: type) -> Validator:
    return rule(
        lambda x: isinstance(x, tuple) and all(isinstance(i, cls) for i in x),
        f"a tuple of {cls.__name__}",
    )
