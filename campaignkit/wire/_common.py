"""Small helpers every wire module shares: field errors that name the wire key.

A wire decoder checks each vendor key with a tiny parser that raises
:class:`FieldError`; :func:`decode_fields` runs the parsers, collects one
``(wire key, message)`` pair per bad key, and raises a single
:class:`~campaignkit.errors.DecodeError`. Messages always quote the value
received, shortened so a huge payload does not flood a log line.

Two more rules every vendor format shares live here. Integers are 64-bit on the
vendors' side, so a wire integer above :data:`MAX_WIRE_INT` is refused (it could
not be stored, and a huge one could not even be printed). And the exact round trip
includes key order: when a payload's keys do not come in the page's order, the
order received is kept in ``vendor_data[KEY_ORDER]`` and written back.
"""

from __future__ import annotations

import json
import math
import reprlib
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from campaignkit.errors import DecodeError, ValidationError, clip, show
from campaignkit.vendor import VendorData, thaw

__all__ = [
    "KEY_ORDER",
    "MAX_WIRE_INT",
    "MISSING",
    "FieldError",
    "collect",
    "decode_fields",
    "describe",
    "extra_items",
    "in_received_order",
    "is_wire_int",
    "json_body",
    "json_document",
    "once_per_value",
    "received_order",
    "refused",
    "require_object",
    "safe_path",
    "string",
    "vendor_data",
]

MISSING = "required key missing"
"""The message for a required wire key that is absent."""

MAX_WIRE_INT = 2**63 - 1
"""The largest wire integer accepted or written: the vendors store 64-bit integers."""

KEY_ORDER = "$order"
"""The ``vendor_data`` entry keeping a payload's key order when it is not the page's.

It is a tuple of the wire keys as received; a decoder refuses a payload that has a
key of this name itself (it is reserved).
"""

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


def is_wire_int(raw: Any, minimum: int = 0) -> bool:
    """Whether ``raw`` is an int (never a bool) in ``[minimum, MAX_WIRE_INT]``."""
    return type(raw) is int and minimum <= raw <= MAX_WIRE_INT


class _Repr(reprlib.Repr):
    """reprlib's short repr, safe on an int too long to print, at any depth."""

    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() > _LONG_INT_BITS:
            return show(x)  # "<int of about 5001 digits>"
        return super().repr_int(x, level)


_REPR = _Repr()
_REPR.maxlevel = 3
_REPR.maxstring = _MAX_REPR
_REPR.maxother = _MAX_REPR
_REPR.maxlong = 40
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = 4
# An int this long has no repr (Python's 4300-digit limit): describe it instead.
_LONG_INT_BITS = 4000


def describe(value: Any) -> str:
    """Return ``repr(value)`` cut to a readable length, for error messages.

    Safe on anything: nesting is cut at three levels (a document nested a
    thousand deep is no RecursionError), an int too long for ``repr`` is
    described by its size, and the text is one line of at most about 60
    characters.
    """
    text = _REPR.repr(value)
    return text if len(text) <= _MAX_REPR else text[: _MAX_REPR - 3] + "..."


def safe_path(path: str) -> str:
    """A path for an error message: one line, printable, at most 100 characters.

    Keys come from the input, so a path may hold a newline or a megabyte.
    """
    return clip(path, _MAX_PATH)


_MAX_PATH = 100


def json_body(payload: Any) -> bytes:
    """``payload`` as UTF-8 JSON bytes, for a request body (no NaN, no infinity)."""
    return json.dumps(payload, ensure_ascii=False, allow_nan=False).encode()


def json_document(target: str, body: bytes | str) -> Any:
    """Parse a received body as JSON, or raise :class:`DecodeError` at ``$``.

    Raises:
        DecodeError: ``body`` is not UTF-8 JSON, or nests too deep to parse.
    """
    try:
        return json.loads(body)
    except RecursionError:
        message = "JSON nested too deeply"
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError
        message = f"expected a JSON document ({type(exc).__name__})"
    raise DecodeError(target, [("$", message)])


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


_T = TypeVar("_T")
_CACHE_SIZE = 1024


def once_per_value(check: Callable[[VendorData], _T]) -> Callable[[VendorData], _T]:
    """Run ``check`` once per :class:`VendorData` object, then reuse its result.

    Vendor data is immutable, so an encoder need not check the same object on
    every encode. The cache is keyed by identity, not equality: two equal
    values may differ in key order, which the encoders write back. It holds the
    last 1,024 objects (and a reference to each, so an id is never reused while
    cached).
    """
    cache: dict[int, tuple[VendorData, _T]] = {}
    nothing: Any = (None, None)

    def cached(data: VendorData) -> _T:
        kept, result = cache.get(id(data), nothing)
        if kept is data:  # not merely the same id: the very object
            return result  # type: ignore[no-any-return]
        result = check(data)
        if len(cache) >= _CACHE_SIZE:
            cache.pop(next(iter(cache)), None)
        cache[id(data)] = (data, result)
        return result

    return cached


def collect(errors: list[tuple[str, str]], step: Callable[[], _T]) -> _T | None:
    """Run one decoding ``step``; on :class:`DecodeError` add its errors, give None.

    A decoder runs each of its steps this way and raises one DecodeError at the
    end, so every bad key is reported at once, whichever step found it.
    """
    try:
        return step()
    except DecodeError as exc:
        errors.extend(exc.errors)
        return None


def extra_items(data: Mapping[str, Any], known: frozenset[str]) -> Iterable[Any]:
    """Yield ``(key, plain JSON value)`` for the keys of ``data`` not in ``known``.

    These are the keys a vendor added after campaignkit was written; encoders
    write them back after the known keys, in the order they were received.
    ``known`` includes the reserved entries such as :data:`KEY_ORDER`.
    """
    return ((k, thaw(v)) for k, v in data.items() if k not in known)


def received_order(
    target: str, body: Mapping[Any, Any], keys: Iterable[str], known: frozenset[str]
) -> tuple[str, ...] | None:
    """Return the keys of ``body`` as received, or None when they are in page order.

    The page order is ``keys`` (the known keys, all present) followed by any new
    key in the order received; only a payload in another order needs its order
    kept. A key named :data:`KEY_ORDER` is refused: the name is reserved.

    Raises:
        DecodeError: ``body`` has a key named :data:`KEY_ORDER`.
    """
    if KEY_ORDER in body:
        message = "reserved by campaignkit for the key order; cannot be kept"
        raise DecodeError(target, [(KEY_ORDER, message)])
    received = list(body)
    expected = [*keys, *(k for k in received if k not in known)]
    return None if received == expected else tuple(received)


def in_received_order(
    obj: str, body: dict[str, Any], vendor: Mapping[str, Any]
) -> dict[str, Any]:
    """Return ``body`` with its keys in the order kept in ``vendor[KEY_ORDER]``.

    Keys the kept order does not name (added to ``vendor_data`` since) follow in
    ``body``'s order; names no longer in ``body`` are skipped.

    Raises:
        ValidationError: The kept order is not a sequence of key names.
    """
    order = vendor.get(KEY_ORDER)
    if order is None:
        return body
    if not (isinstance(order, tuple) and all(type(k) is str for k in order)):
        raise ValidationError(
            obj, f"vendor_data[{KEY_ORDER!r}]", order, "a list of wire key names"
        )
    ordered = {k: body[k] for k in order if k in body}
    for key, value in body.items():
        ordered.setdefault(key, value)
    return ordered


def vendor_data(
    target: str, values: Mapping[Any, Any], parsed: frozenset[str] = frozenset()
) -> VendorData:
    """Freeze a model's vendor data, refusing what is not JSON as a DecodeError.

    A non-string key, a value JSON has no type for, nesting deeper than
    :data:`~campaignkit.vendor.MAX_DEPTH`, an integer outside the wire's 64 bits
    or a float that is not finite (``NaN``) is reported at its path in the
    payload (``actions[0].option``; ``$`` for a non-string key at the top).
    The numbers of the top-level keys in ``parsed`` are not walked again: their
    parsers checked them.

    Raises:
        DecodeError: ``values`` is not JSON the vendor could have sent.
    """
    try:
        frozen = VendorData(values)
    except ValidationError as exc:
        message = f"expected {exc.allowed}; got {describe(exc.value)}"
        raise DecodeError(target, [(safe_path(exc.field), message)]) from None
    errors: list[tuple[str, str]] = []
    for key, value in frozen.items():
        if key not in parsed:
            _check_numbers(value, key, errors)
    if errors:
        raise DecodeError(target, errors)
    return frozen


_MIN_WIRE_INT = -MAX_WIRE_INT - 1
_NUMBER = (
    f"an integer from {_MIN_WIRE_INT} to {MAX_WIRE_INT} (64 bits) or a finite number"
)


def _check_numbers(value: Any, path: str, errors: list[tuple[str, str]]) -> None:
    """Add an error for each number out of the wire's range, at its path."""
    kind = type(value)
    if (kind is int and not _MIN_WIRE_INT <= value <= MAX_WIRE_INT) or (
        kind is float and not math.isfinite(value)
    ):
        message = f"expected {_NUMBER}; got {describe(value)}"
        errors.append((safe_path(path), message))
    elif kind is VendorData:
        for key, item in value.items():
            _check_numbers(item, f"{path}.{key}", errors)
    elif kind is tuple:
        for index, item in enumerate(value):
            _check_numbers(item, f"{path}[{index}]", errors)


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
