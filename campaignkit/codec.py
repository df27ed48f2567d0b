"""JSON of our own: every campaignkit value to a JSON-ready dict and back, strictly.

:func:`to_dict` writes enums as their numbers (or names, on request), datetimes as
ISO 8601 with the offset they carry, durations as seconds, tuples as lists.
:func:`from_dict` reads that back and nothing looser: no ``"42"`` for ``42``, no
``4.9`` for ``4``, no NaN or infinity, no naive datetime, no unknown key; a number
is kept as it came (``0`` stays an int). Enums are read from a member's number,
wire string or name in any case. It reports *every* bad field in one
:class:`~campaignkit.errors.DecodeError`, type errors and the values a model's
validators refuse alike, each at its path (``$.calling_lists[0].share``). Both are
plain functions over the attrs fields; :func:`make_strict_converter` wraps them in a
cattrs converter for a host that keeps one.

The vendors' formats do not go through here: :mod:`campaignkit.wire` has its own
field parsers (``wire._common``), because a vendor's key names, numbers and order
are not ours. Both raise the same :class:`~campaignkit.errors.DecodeError`.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, Literal, NoReturn, TypeVar

import attrs
import cattrs

from campaignkit._validate import is_aware, is_int, is_number
from campaignkit.enums import members_text
from campaignkit.errors import DecodeError, ValidationError, clip, show
from campaignkit.vendor import VendorData, thaw

__all__ = ["converter", "from_dict", "make_strict_converter", "to_dict"]

T = TypeVar("T")

EnumStyle = Literal["numbers", "names"]


class _Bad(Exception):
    """Problems found in one input value: ``(path below it, message)`` pairs."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(problems)
        self.problems = problems


def _fail(expected: str, value: Any) -> NoReturn:
    raise _Bad([("", f"expected {expected}, got {show(value)}")])


def _refusal(exc: ValidationError) -> str:
    return f"{show(exc.value)} is not allowed; expected {exc.allowed}"


# -- reading ----------------------------------------------------------------------


def _int(value: Any) -> int:
    if not is_int(value):
        _fail("an integer", value)
    return int(value)


def _float(value: Any) -> float:
    """A JSON number, kept in the form it came in: to_dict wrote an int as an int.

    ``float(2**53 + 1)`` is not ``2**53 + 1`` and ``0`` is written ``0.0``, so
    turning an int into a float would break ``from_dict(to_dict(x)) == x``.
    """
    # JSON numbers: a bool is not one, nor NaN or infinity (which to_dict never
    # writes, and strict JSON cannot hold), nor an int too large for a float.
    if type(value) not in (int, float) or not is_number(value):
        _fail("a finite number", value)
    return value  # type: ignore[no-any-return]


def _str(value: Any) -> str:
    if type(value) is not str:
        _fail("a string", value)
    return value


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        _fail("a boolean", value)
    return value


def _datetime(value: Any) -> dt.datetime:
    expected = "an ISO 8601 date and time with an offset"
    if type(value) is not str:
        _fail(expected, value)
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        _fail(expected, value)
    if not is_aware(parsed):
        _fail(f"{expected} (a naive time is ambiguous)", value)
    return parsed


def _time(value: Any) -> dt.time:
    expected = "an ISO 8601 time of day (HH:MM[:SS])"
    if type(value) is not str:
        _fail(expected, value)
    try:
        return dt.time.fromisoformat(value)
    except ValueError:
        _fail(expected, value)


def _timedelta(value: Any) -> dt.timedelta:
    expected = "a duration in seconds"
    if not is_number(value):
        _fail(expected, value)
    try:
        return dt.timedelta(seconds=value)
    except OverflowError:
        _fail(expected, value)


def _vendor_data(value: Any) -> VendorData:
    if type(value) is not dict:
        _fail("an object", value)
    try:
        return VendorData(value)
    except ValidationError as exc:
        path = "" if exc.field == "$" else f".{exc.field}"
        raise _Bad([(path, _refusal(exc))]) from None


_READERS: dict[Any, Callable[[Any], Any]] = {
    int: _int,
    float: _float,
    str: _str,
    bool: _bool,
    dt.datetime: _datetime,
    dt.time: _time,
    dt.timedelta: _timedelta,
    VendorData: _vendor_data,
}


def _enum(value: Any, cls: type[enum.Enum]) -> Any:
    parse = getattr(cls, "parse", None)
    try:
        if parse is not None:
            return parse(value)
        if type(value) is str and value.upper() in cls.__members__:
            return cls.__members__[value.upper()]  # an enum without parse()
        if type(value) in (int, str):  # enum's own message would call repr
            return cls(value)
    except (ValidationError, ValueError):
        pass
    allowed = members_text(cls)
    message = f"{show(value)} is not a {cls.__name__}; expected one of {allowed}"
    raise _Bad([("", message)])


def _key(value: Any, tp: Any) -> Any:
    """A mapping key: JSON keys are strings, so an integer enum's may be its digits."""
    digits = type(value) is str and value.isdecimal() and len(value) < 20
    if digits and isinstance(tp, type) and issubclass(tp, enum.IntEnum):
        value = int(value)
    return _read(value, tp)


def _read(value: Any, tp: Any) -> Any:
    """``value`` (plain JSON) as a ``tp``, or :class:`_Bad` naming every problem."""
    return _reader(tp)(value)


@functools.cache
def _reader(tp: Any) -> Callable[[Any], Any]:
    """How to read a ``tp``, decided once per type."""
    reader = _READERS.get(tp)
    if reader is not None:
        return reader
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Union or origin is types.UnionType:
        return lambda v: _union(v, args)
    if origin is Literal:
        return lambda v: _literal(v, args)
    if origin is tuple or tp is tuple:
        return lambda v: _tuple(v, args)
    if origin in (dict, Mapping, typing.Mapping):
        key_type, value_type = args or (Any, Any)
        return lambda v: _mapping(v, key_type, value_type)
    if isinstance(tp, TypeVar):
        options = tp.__constraints__ or ((tp.__bound__,) if tp.__bound__ else ())
        return (lambda v: _union(v, options)) if options else _any
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return lambda v: _enum(v, tp)
    if attrs.has(origin or tp):
        return lambda v: _attrs(v, origin or tp, args)
    if tp is Any or tp is object:
        return _any
    return lambda v: _fail(f"something campaignkit can read, not a {show(tp)}", v)


def _any(value: Any) -> Any:
    return value


def _literal(value: Any, args: tuple[Any, ...]) -> Any:
    if any(value == a and type(value) is type(a) for a in args):
        return value
    _fail("one of " + ", ".join(repr(a) for a in args), value)


def _each(items: Any, read: Callable[[Any], Any], path: Callable[[int], str]) -> Any:
    """Read every item, collecting every problem before raising."""
    problems: list[tuple[str, str]] = []
    out = []
    for i, item in enumerate(items):
        try:
            out.append((i, read(item)))
        except _Bad as bad:
            problems.extend((path(i) + p, m) for p, m in bad.problems)
    if problems:
        raise _Bad(problems)
    return out


def _tuple(value: Any, args: tuple[Any, ...]) -> tuple[Any, ...]:
    if type(value) is not list and type(value) is not tuple:
        _fail("an array", value)
    if len(args) == 2 and args[1] is Ellipsis:
        kinds = [args[0]] * len(value)
    elif not args:
        kinds = [Any] * len(value)
    elif len(args) != len(value):
        _fail(f"an array of {len(args)} items", value)
    else:
        kinds = list(args)
    pairs = _each(
        zip(value, kinds, strict=True),
        lambda vk: _read(vk[0], vk[1]),
        lambda i: f"[{i}]",
    )
    return tuple(v for _, v in pairs)


def _mapping(value: Any, key_type: Any, value_type: Any) -> dict[Any, Any]:
    if type(value) is not dict:
        _fail("an object", value)
    keys = list(value)
    pairs = _each(
        value.items(),
        lambda kv: (_key(kv[0], key_type), _read(kv[1], value_type)),
        lambda i: f"[{clip(show(keys[i]), 60)}]",
    )
    return dict(v for _, v in pairs)


TAG = "_type"
"""The key naming a value's class where its keys alone could not (``"Power"``)."""


@functools.cache
def _tagged(tp: Any) -> bool:
    """Whether a field of type ``tp`` is a union whose members one dict could fit.

    ``Progressive(ratio)`` and ``Power(ratio)`` have the same keys, so a field that
    holds either is written with a :data:`TAG`; events and distributions are told
    apart by their keys and are written as they are.
    """
    if typing.get_origin(tp) not in (typing.Union, types.UnionType):
        return False
    members = [o for o in typing.get_args(tp) if attrs.has(o)]
    return any(
        _required(a) | _required(b) <= _aliases(a) & _aliases(b)
        for i, a in enumerate(members)
        for b in members[i + 1 :]
    )


def _tag(written: Any, value: Any) -> Any:
    if type(written) is dict:
        return {TAG: type(value).__name__, **written}
    return written


def _union(value: Any, options: tuple[Any, ...]) -> Any:
    if value is None and type(None) in options:
        return None
    options = tuple(o for o in options if o is not type(None))
    if type(value) is dict and TAG in value:
        named = [o for o in options if getattr(o, "__name__", None) == value[TAG]]
        if len(named) != 1:
            allowed = ", ".join(getattr(o, "__name__", str(o)) for o in options)
            raise _Bad([(f".{TAG}", f"{show(value[TAG])} is not one of {allowed}")])
        return _read({k: v for k, v in value.items() if k != TAG}, named[0])
    if len(options) == 1:
        return _read(value, options[0])
    if type(value) is dict and all(attrs.has(o) for o in options):
        # Events and distributions carry no type tag: their keys tell them apart.
        keys = set(value)
        fitting = [o for o in options if _required(o) <= keys <= _aliases(o)]
        if len(fitting) == 1:
            return _read(value, fitting[0])
        options = tuple(sorted(options, key=lambda o: -len(keys & _aliases(o))))
    first: _Bad | None = None
    for option in options:
        try:
            return _read(value, option)
        except _Bad as bad:
            first = first or bad
    names = " or ".join(getattr(o, "__name__", str(o)) for o in options)
    if type(value) is dict and first is not None:
        raise first
    _fail(names, value)


@functools.cache
def _fields(cls: type) -> tuple[tuple[attrs.Attribute[Any], Any], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((f, hints.get(f.name, Any)) for f in attrs.fields(cls) if f.init)


@functools.cache
def _aliases(cls: type) -> frozenset[str]:
    return frozenset(str(f.alias) for f, _ in _fields(cls))


@functools.cache
def _required(cls: type) -> frozenset[str]:
    return frozenset(
        str(f.alias) for f, _ in _fields(cls) if f.default is attrs.NOTHING
    )


def _attrs(value: Any, cls: type, args: tuple[Any, ...]) -> Any:
    if type(value) is not dict:
        _fail("an object", value)
    params = getattr(cls, "__parameters__", ())
    bound = dict(zip(params, args, strict=False))
    problems: list[tuple[str, str]] = []
    unknown = [k for k in value if k not in _aliases(cls)]
    if unknown:
        shown = ", ".join(
            clip(k, 60) if type(k) is str else show(k)[:60] for k in unknown[:10]
        )
        more = f" and {len(unknown) - 10} more" if len(unknown) > 10 else ""
        problems.append(("", f"unknown keys: {shown}{more}"))
    kwargs: dict[str, Any] = {}
    bad: dict[str, list[tuple[str, str]]] = {}
    for field, tp in _fields(cls):
        key = str(field.alias)
        if key not in value:
            if field.default is attrs.NOTHING:
                bad[key] = [(f".{key}", "required field missing")]
            continue
        try:
            kwargs[key] = _read(value[key], bound.get(tp, tp))
        except _Bad as exc:
            bad[key] = [(f".{key}{p}", m) for p, m in exc.problems]
    across: ValidationError | None = None
    if not problems and not bad:
        try:
            return cls(**kwargs)
        except ValidationError as exc:
            across = exc
    # Something is wrong: run each field's own validator too, so that every bad
    # field is reported (in field order), not only the first.
    for field, _ in _fields(cls):
        key = str(field.alias)
        if key in bad:
            problems.extend(bad[key])
        elif key in kwargs and (refused := _refused(cls, field, kwargs[key])):
            problems.append((f".{key}", refused))
    if across is not None and not problems:  # a rule across fields
        path = f".{across.field}" if across.field in _aliases(cls) else ""
        problems.append((path, _refusal(across)))
    raise _Bad(problems)


def _refused(cls: type, field: attrs.Attribute[Any], value: Any) -> str:
    """Run one field's converter and validator now, so every refusal is reported.

    Only a :class:`ValidationError` counts; a validator that needs the whole object
    fails some other way here and is left to the constructor.
    """
    try:
        if callable(field.converter):
            value = field.converter(value)
        if field.validator is not None:
            field.validator(cls.__name__, field, value)
    except ValidationError as exc:
        return _refusal(exc)
    except Exception:  # the constructor will say
        return ""
    return ""


def from_dict(cls: type[T], data: Any) -> T:
    """Build a ``cls`` from a dict made by :func:`to_dict` (or by hand, or by JSON).

    Raises:
        DecodeError: Listing every bad field by path: a wrong type, an unknown key,
            a missing key, a value the model refuses, an enum name or number that
            is not one (with the valid ones).
    """
    try:
        return _read(data, cls)  # type: ignore[no-any-return]
    except _Bad as bad:
        name = getattr(typing.get_origin(cls) or cls, "__name__", str(cls))
        raise DecodeError(name, [(f"${p}", m) for p, m in bad.problems]) from None


# -- writing ----------------------------------------------------------------------


Writer = Callable[[Any, bool], Any]


def _plain(obj: Any, names: bool) -> Any:
    kind: Any = type(obj)
    return _writer(kind)(obj, names)


def _same(obj: Any, _names: bool) -> Any:
    return obj


def _seconds(obj: dt.timedelta, _names: bool) -> float | int:
    seconds = obj.total_seconds()
    return seconds if obj.microseconds else int(seconds)


def _enum_out(member: enum.Enum, names: bool) -> Any:
    return member.name if names else member.value


def _key_out(key: Any) -> str:
    return key.name if isinstance(key, enum.Enum) else str(key)


def _unknown(obj: Any, _names: bool) -> Any:
    raise ValidationError("to_dict", "obj", obj, "a campaignkit value")


@functools.cache
def _writer(kind: Any) -> Writer:
    """How to write a value of this exact type, decided once per type."""
    if kind in (str, int, float, bool, type(None)):
        return _same
    if attrs.has(kind):
        fields = [(str(f.alias), f.name, _tagged(tp)) for f, tp in _fields(kind)]
        return lambda obj, names: {
            key: _tag(_plain(value, names), value) if tagged else _plain(value, names)
            for key, name, tagged in fields
            for value in (getattr(obj, name),)
        }
    if issubclass(kind, enum.Enum):
        return _enum_out
    if kind in (dt.datetime, dt.time):
        return lambda obj, _: obj.isoformat()
    if kind is dt.timedelta:
        return _seconds
    if kind is VendorData:
        return lambda obj, _: thaw(obj)
    if issubclass(kind, Mapping):
        return lambda obj, names: {
            _key_out(k): _plain(v, names) for k, v in obj.items()
        }
    if issubclass(kind, tuple | list):
        return lambda obj, names: [_plain(v, names) for v in obj]
    return _unknown


def to_dict(obj: Any, *, enums: EnumStyle = "numbers") -> dict[str, Any]:
    """Return ``obj`` (any campaignkit value: a model, an event, a result) as JSON.

    Args:
        obj: An attrs value from campaignkit.
        enums: ``"numbers"`` writes each enum as its vendor number or string (the
            wire form); ``"names"`` writes its name (``"RUNNING"``), which
            :func:`from_dict` reads as well. Mapping keys are always names.

    Datetimes keep their offset (``+01:00`` stays ``+01:00``), durations become
    seconds, tuples lists, vendor data plain JSON.

    Raises:
        ValidationError: ``obj`` is not a campaignkit value.
    """
    if not attrs.has(type(obj)):
        raise ValidationError("to_dict", "obj", obj, "a campaignkit attrs value")
    return _plain(obj, enums == "names")  # type: ignore[no-any-return]


def make_strict_converter(*, enums: EnumStyle = "numbers") -> cattrs.Converter:
    """Build a cattrs converter that reads and writes as :func:`from_dict` does.

    For a host that keeps a cattrs converter of its own types: hooks it registers
    on the result come first, and campaignkit's types go through the rules above
    (``structure`` raises :class:`~campaignkit.errors.DecodeError`).
    """
    conv = cattrs.Converter()
    conv.register_structure_hook_func(lambda _: True, lambda v, t: from_dict(t, v))
    conv.register_unstructure_hook_func(
        lambda _: True, lambda obj: _plain(obj, enums == "names")
    )
    return conv


converter: cattrs.Converter = make_strict_converter()
"""A converter made by :func:`make_strict_converter`, kept for old code."""
