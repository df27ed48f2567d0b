"""What the wire modules share: field parsers, errors at the wire key, key order."""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Callable, Iterable, Mapping, Set
from typing import Any, TypeVar

from campaignkit.errors import DecodeError, ValidationError, clip, show
from campaignkit.vendor import VendorData

MISSING = "required key missing"
MAX_WIRE_INT = 2**63 - 1  # the vendors store 64-bit integers
_MIN_WIRE_INT = -MAX_WIRE_INT - 1
KEY_ORDER = "$order"  # vendor_data entry: a payload's key order, when not the page's
_NUMBER = (
    f"an integer from {_MIN_WIRE_INT} to {MAX_WIRE_INT} (64 bits) or a finite number"
)

Parser = Callable[[Any], Any]
Errors = list[tuple[str, str]]
_T = TypeVar("_T")


class FieldError(ValueError):
    """A field parser's refusal; the message says what was expected."""


def parser(expected: str, parse: Parser) -> Parser:
    """``parse`` as a field parser: what it refuses (it raises) is ``expected``."""

    def read(raw: Any) -> Any:
        try:
            return parse(raw)
        except (TypeError, ValueError, KeyError, OverflowError):
            raise FieldError(f"expected {expected}") from None

    return read


def ensure(ok: object, value: _T) -> _T:
    """``value`` if ``ok``; else a ValueError, for :func:`parser` to name."""
    if not ok:
        raise ValueError(value)
    return value


string = parser("a string", lambda raw: ensure(type(raw) is str, raw))
COUNT = f"an integer from 0 to {MAX_WIRE_INT}"
count: Callable[[Any], int] = parser(COUNT, lambda raw: ensure(is_wire_int(raw), raw))
name: Callable[[Any], str] = parser(
    "a non-empty string", lambda raw: ensure(type(raw) is str and raw != "", raw)
)
_DIGITS = re.compile(r"[0-9]{1,19}")
digits: Callable[[Any], int] = parser(
    f"a string of digits, at most {MAX_WIRE_INT}",
    lambda raw: count(int(ensure(_DIGITS.fullmatch(raw), raw))),
)


def member(cls: type[enum.IntEnum], none: bool = False) -> Parser:
    """A member by its number; with ``none``, 0 is None (a periodic report's action)."""
    allowed = ", ".join(f"{m.value} ({m.name})" for m in cls)
    allowed = f"0 (none), {allowed}" if none else allowed
    return parser(
        f"one of {allowed}", lambda raw: None if count(raw) == 0 and none else cls(raw)
    )


def choice(table: Mapping[str, Any]) -> Parser:
    """A parser taking the keys of ``table`` to their values."""
    return parser("one of " + ", ".join(map(repr, table)), table.__getitem__)


def is_wire_int(raw: Any, minimum: int = 0) -> bool:
    """Whether ``raw`` is an int (never a bool) in ``[minimum, MAX_WIRE_INT]``."""
    return type(raw) is int and minimum <= raw <= MAX_WIRE_INT


def describe(value: Any) -> str:
    """``repr(value)`` on one line of at most 60 characters, safe on anything."""
    return clip(show(value), 60)


def json_body(payload: Any) -> bytes:
    """``payload`` as UTF-8 JSON bytes, for a request body (no NaN, no infinity)."""
    return json.dumps(payload, ensure_ascii=False, allow_nan=False).encode()


def json_document(target: str, body: bytes | str) -> Any:
    """Parse a received body as JSON, or raise :class:`DecodeError` at ``$``."""
    try:
        return json.loads(body)
    except RecursionError:
        message = "JSON nested too deeply"
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError
        message = f"expected a JSON document ({type(exc).__name__})"
    raise DecodeError(target, [("$", message)])


def require_object(
    target: str, payload: Any, keys: list[str], path: str = "$", all_keys: bool = False
) -> dict[str, Any]:
    """``payload`` if an object (with ``keys`` if ``all_keys``), else a DecodeError."""
    if isinstance(payload, dict) and not (all_keys and set(keys) - payload.keys()):
        return payload
    message = f"expected an object with keys {', '.join(keys)}; got {describe(payload)}"
    raise DecodeError(target, [(path, message)])


def read_fields(
    body: Mapping[str, Any],
    parsers: Iterable[tuple[str, Parser]],
    errors: Errors,
    optional: Set[str] = frozenset(),
) -> dict[str, Any]:
    """Run each ``(wire key, parser)``; add every refusal and missing key to errors."""
    values: dict[str, Any] = {}
    for key, parse in parsers:
        if key in body:
            try:
                values[key] = parse(body[key])
            except FieldError as exc:
                errors.append((key, f"{exc}; got {describe(body[key])}"))
        elif key not in optional:
            errors.append((key, MISSING))
    return values


def decode_key(target: str, payload: Any, key: str, parse: Parser) -> Any:
    """``parse(payload[key])`` of an object ``payload``, else a DecodeError."""
    errors: Errors = []
    body = require_object(target, payload, [key])
    value = read_fields(body, [(key, parse)], errors).get(key)
    if errors:
        raise DecodeError(target, errors)
    return value


def writable(
    field: str, parse: Callable[[Any], _T], value: Any, obj: str = "Campaign"
) -> _T:
    """Check a value to write with the parser that reads it (else a ValidationError)."""
    try:
        return parse(value)
    except FieldError as exc:
        allowed = str(exc).removeprefix("expected ")
        raise ValidationError(obj, field, value, allowed) from None


def once_per_value(check: Callable[[VendorData], _T]) -> Callable[[VendorData], _T]:
    """Run ``check`` once per :class:`VendorData` object (the last 1,024 kept).

    By identity, not equality: equal values may differ in key order, which encoders
    write back. A cached object is referenced, so its id is never reused.
    """
    cache: dict[int, tuple[VendorData, _T]] = {}
    nothing: Any = (None, None)

    def cached(data: VendorData) -> _T:
        held, result = cache.get(id(data), nothing)
        if held is data:  # not merely the same id: the very object
            return result  # type: ignore[no-any-return]
        result = check(data)
        if len(cache) >= 1024:
            cache.pop(next(iter(cache)), None)
        cache[id(data)] = (data, result)
        return result

    return cached


def new_keys(
    body: Mapping[Any, Any], keys: list[str], known: Set[str], errors: Errors
) -> dict[Any, Any]:
    """The keys of ``body`` not ``known``, and its key order if not the page's.

    The order is kept under :data:`KEY_ORDER` unless it is ``keys`` then the new
    ones; a key of that name in ``body`` is an error (the name is reserved).
    """
    new = {k: v for k, v in body.items() if k not in known}
    if KEY_ORDER in body:
        message = "reserved by campaignkit for the key order; cannot be kept"
        errors.append((KEY_ORDER, message))
    elif list(body) != [*keys, *new]:
        new[KEY_ORDER] = tuple(body)
    return new


def in_received_order(body: dict[str, Any], vd: Mapping[str, Any]) -> dict[str, Any]:
    """``body`` in the order kept in a campaign's ``vd[KEY_ORDER]``, others last."""
    order = vd.get(KEY_ORDER)
    if order is None:
        return body
    if not (isinstance(order, tuple) and all(type(k) is str for k in order)):
        raise ValidationError(
            "Campaign", f"vendor_data[{KEY_ORDER!r}]", order, "a list of wire key names"
        )
    ordered = {k: body[k] for k in order if k in body}
    for key, value in body.items():
        ordered.setdefault(key, value)
    return ordered


def vendor_data(
    values: Mapping[Any, Any], errors: Errors, parsed: Set[str] = frozenset()
) -> VendorData:
    """Freeze vendor data; add what is not JSON to ``errors``, at its path.

    That is a non-string key, a value JSON has no type for, nesting too deep, an int
    past 64 bits or a float that is not finite. Numbers under ``parsed`` keys are not
    checked again.
    """
    try:
        frozen = VendorData(values)
    except ValidationError as exc:
        message = f"expected {exc.allowed}; got {describe(exc.value)}"
        errors.append((clip(exc.field, 100), message))
        return VendorData()
    for key, value in frozen.items():
        if key not in parsed:
            _check_numbers(value, key, errors)
    return frozen


def _check_numbers(value: Any, path: str, errors: Errors) -> None:
    kind = type(value)  # VendorData has refused the floats that are not finite
    if kind is int and not _MIN_WIRE_INT <= value <= MAX_WIRE_INT:
        errors.append((clip(path, 100), f"expected {_NUMBER}; got {describe(value)}"))
    elif kind is VendorData:
        for key, item in value.items():
            _check_numbers(item, f"{path}.{key}", errors)
    elif kind is tuple:
        for index, item in enumerate(value):
            _check_numbers(item, f"{path}[{index}]", errors)


def refused(
    target: str, exc: ValidationError, body: Mapping[str, Any], keys: Mapping[str, str]
) -> DecodeError:
    """A model's refusal as a DecodeError at the wire key ``keys.get(field, field)``."""
    key = keys.get(exc.field, exc.field)
    message = f"{describe(body.get(key))} refused: expected {exc.allowed}"
    return DecodeError(target, [(key, message)])
