"""Small helpers every wire module shares: field errors that name the wire key.

A wire decoder checks each vendor key with a tiny parser that raises
:class:`FieldError`; :func:`decode_fields` runs the parsers, collects one
``(wire key, message)`` pair per bad key, and raises a single
:class:`~campaignkit.errors.DecodeError`. Messages always quote the value
received, shortened so a huge payload does not flood a log line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from campaignkit.errors import DecodeError, ValidationError
from campaignkit.vendor import thaw

__all__ = [
    "MISSING",
    "FieldError",
    "decode_fields",
    "describe",
    "extra_items",
    "refused",
    "require_object",
    "string",
    "vendor_values",
]

MISSING = "required key missing"
"""The message for a required wire key that is absent."""

_MAX_REPR = 60

Parser = Callable[[Any], Any]


class FieldError(Exception):
    """One wire value was refused; the message says what was expected.

    Raised by field parsers only; :func:`decode_fields` turns it into an entry of
    a :class:`~campaignkit.errors.DecodeError` that names the wire key.
    """


def string(raw: Any) -> str:
    """Parse a wire string: a ``str`` only, so no number is turned into one."""
    if type(raw) is not str:
        raise FieldError("expected a string")
    return raw


def describe(value: Any) -> str:
    """Return ``repr(value)`` cut to a readable length, for error messages."""
    text = repr(value)
    return text if len(text) <= _MAX_REPR else text[: _MAX_REPR - 3] + "..."


def require_object(
    target: str, payload: Any, keys: Iterable[str], path: str = "$"
) -> dict[str, Any]:
    """Return ``payload`` if it is a JSON object, else raise :class:`DecodeError`.

    The error is reported at ``path`` (the wire key holding the object, or ``$``
    for the whole payload) and lists the wire ``keys`` the object should have, so
    even a payload of the wrong shape gets a message naming them.
    """
    if isinstance(payload, dict):
        return payload
    expected = ", ".join(keys)
    message = f"expected an object with keys {expected}; got {describe(payload)}"
    raise DecodeError(target, [(path, message)])


def decode_fields(
    target: str, body: Mapping[str, Any], parsers: Iterable[tuple[str, Parser]]
) -> dict[str, Any]:
    """Run each ``(wire key, parser)`` over ``body``; return the parsed values.

    Every missing key and every value a parser refuses is collected, so one
    :class:`DecodeError` reports all of them, each at its wire key with the value
    received.
    """
    values: dict[str, Any] = {}
    errors: list[tuple[str, str]] = []
    for key, parse in parsers:
        if key not in body:
            errors.append((key, MISSING))
            continue
        raw = body[key]
        try:
            values[key] = parse(raw)
        except FieldError as exc:
            errors.append((key, f"{exc}; got {describe(raw)}"))
    if errors:
        raise DecodeError(target, errors)
    return values


def extra_items(data: Mapping[str, Any], known: frozenset[str]) -> Iterable[Any]:
    """Yield ``(key, plain JSON value)`` for the keys of ``data`` not in ``known``.

    These are the keys a vendor added after campaignkit was written; encoders
    write them back after the known keys, in the order they were received.
    """
    return ((k, thaw(v)) for k, v in data.items() if k not in known)


def vendor_values(
    parsed: Mapping[str, Any],
    body: Mapping[str, Any],
    vendor_keys: Iterable[str],
    known: frozenset[str],
) -> dict[str, Any]:
    """Return a model's vendor data: its vendor-only keys as parsed, then new keys.

    ``vendor_keys`` are the known keys without a model field, taken from
    ``parsed``; every key of ``body`` not in ``known`` follows as received.
    """
    vendor = {key: parsed[key] for key in vendor_keys}
    vendor.update((k, body[k]) for k in body if k not in known)
    return vendor


def refused(
    target: str,
    exc: ValidationError,
    body: Mapping[str, Any],
    wire_keys: Mapping[str, str],
) -> DecodeError:
    """Turn a model's refusal into a :class:`DecodeError` at the wire key that fed it.

    ``wire_keys`` maps a model field name to its wire key where they differ.
    """
    key = wire_keys.get(exc.field, exc.field)
    message = f"{describe(body.get(key))} refused: expected {exc.allowed}"
    return DecodeError(target, [(key, message)])
