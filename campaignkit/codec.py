"""JSON of our own: every campaignkit value to a JSON-ready dict and back, strictly.

:func:`to_dict` and :func:`from_dict` are plain functions over the attrs fields
(:func:`make_strict_converter` wraps them in cattrs); what they accept and why: "JSON
of our own" in ``docs/concepts.md``. Vendor formats do not come here: each module of
:mod:`campaignkit.wire` parses each key with its own rule (``wire._common``).
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
from campaignkit.enums import member
from campaignkit.errors import DecodeError, ValidationError, clip, show
from campaignkit.vendor import VendorData, thaw

__all__ = ["converter", "from_dict", "make_strict_converter", "to_dict"]

T = TypeVar("T")
EnumStyle = Literal["numbers", "names"]
Reader = Callable[[Any], Any]
TAG = "_type"
"""The key naming a value's class where its keys alone could not (``"Power"``)."""


class _Bad(Exception):
    """Problems in one input value: ``args[0]`` lists (path below it, message)."""


def _fail(expected: str, value: Any) -> NoReturn:
    raise _Bad([("", f"expected {expected}, got {show(value)}")])


def _refusal(exc: ValidationError) -> str:
    return f"{show(exc.value)} is not allowed; expected {exc.allowed}"


def _name(tp: Any) -> str:
    return getattr(tp, "__name__", str(tp))


def _reading(expected: str, parse: Reader) -> Reader:
    """A reader: ``parse(value)``, which gives None or raises for a value it refuses."""

    def read(value: Any) -> Any:
        try:
            parsed = parse(value)
        except (TypeError, ValueError, OverflowError):
            parsed = None
        if parsed is None:
            _fail(expected, value)
        return parsed

    return read


def _vendor_data(value: Any) -> VendorData:
    if type(value) is not dict:
        _fail("an object", value)
    try:
        return VendorData(value)
    except ValidationError as exc:
        path = "" if exc.field == "$" else f".{exc.field}"
        raise _Bad([(path, _refusal(exc))]) from None


_READERS: dict[Any, Reader] = {
    int: _reading("an integer", lambda v: int(v) if is_int(v) else None),
    # Kept as it came: an int stays an int (2**53 + 1 is no float).
    float: _reading(
        "a finite number",
        lambda v: v if type(v) in (int, float) and is_number(v) else None,
    ),
    str: _reading("a string", lambda v: v if type(v) is str else None),
    bool: _reading("a boolean", lambda v: v if type(v) is bool else None),
    dt.datetime: _reading(
        "an ISO 8601 date and time with an offset (a naive time is ambiguous)",
        lambda v: t if is_aware(t := dt.datetime.fromisoformat(v)) else None,
    ),
    dt.time: _reading("an ISO 8601 time of day (HH:MM[:SS])", dt.time.fromisoformat),
    dt.timedelta: _reading(
        "a duration in seconds",
        lambda v: dt.timedelta(seconds=v) if is_number(v) else None,
    ),
    VendorData: _vendor_data,
    Any: lambda v: v,
    object: lambda v: v,
}


def _enum(value: Any, cls: type[enum.Enum]) -> Any:
    try:
        return member(cls, value)
    except ValidationError as exc:
        message = (
            f"{show(value)} is not a {cls.__name__}; expected one of {exc.allowed}"
        )
        raise _Bad([("", message)]) from None


@functools.cache
def _reader(tp: Any) -> Reader:
    """How to read a ``tp`` (a :class:`_Bad` names every problem), once per type."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if tp in _READERS:
        return _READERS[tp]
    if origin is typing.Union or origin is types.UnionType:
        other = [a for a in args if a is not type(None)]
        if len(other) == 1 and not attrs.has(other[0]):  # X | None, often
            read = _reader(other[0])
            return lambda v: None if v is None else read(v)
        return lambda v: _union(v, args)
    if origin is Literal:
        known = {(type(a), a) for a in args}
        expected = "one of " + ", ".join(map(repr, args))
        return _reading(expected, lambda v: v if (type(v), v) in known else None)
    if origin is tuple or tp is tuple:
        return lambda v: _tuple(v, args)
    if origin in (dict, Mapping, typing.Mapping):
        return lambda v: _mapping(v, *(args or (Any, Any)))
    if isinstance(tp, TypeVar):
        options = tp.__constraints__ or ((tp.__bound__,) if tp.__bound__ else ())
        return (lambda v: _union(v, options)) if options else _READERS[Any]
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return lambda v: _enum(v, tp)
    if attrs.has(origin or tp):
        return lambda v: _attrs(v, origin or tp, args)
    return lambda v: _fail(f"something campaignkit can read, not a {show(tp)}", v)


def _each(items: Any) -> list[Any]:
    """Read each ``(path, value, type)``, collecting every problem before raising."""
    problems: list[tuple[str, str]] = []
    out = []
    for path, item, tp in items:
        try:
            out.append(_reader(tp)(item))
        except _Bad as bad:
            problems.extend((path + p, m) for p, m in bad.args[0])
    if problems:
        raise _Bad(problems)
    return out


def _tuple(value: Any, args: tuple[Any, ...]) -> tuple[Any, ...]:
    if type(value) is not list and type(value) is not tuple:
        _fail("an array", value)
    if len(args) == 2 and args[1] is Ellipsis:
        args = (args[0],) * len(value)
    elif args and len(args) != len(value):
        _fail(f"an array of {len(args)} items", value)
    kinds = args or (Any,) * len(value)
    return tuple(_each((f"[{i}]", v, kinds[i]) for i, v in enumerate(value)))


def _mapping(value: Any, key_type: Any, value_type: Any) -> dict[Any, Any]:
    if type(value) is not dict:
        _fail("an object", value)
    # JSON keys are strings, so an integer enum's key may be its digits.
    int_keys = isinstance(key_type, type) and issubclass(key_type, enum.IntEnum)
    items = []
    for k, v in value.items():
        path = f"[{clip(show(k), 60)}]"
        digits = int_keys and type(k) is str and k.isdecimal() and len(k) < 20
        items += [(path, int(k) if digits else k, key_type), (path, v, value_type)]
    out = _each(items)
    return dict(zip(out[::2], out[1::2], strict=True))


@functools.cache
def _tagged(tp: Any) -> bool:
    """Whether ``tp`` is a union with two classes one dict could fit, so needs a tag."""
    if typing.get_origin(tp) not in (typing.Union, types.UnionType):
        return False
    members = [o for o in typing.get_args(tp) if attrs.has(o)]
    return any(
        _required(a) | _required(b) <= _keys(a) & _keys(b)
        for i, a in enumerate(members)
        for b in members[i + 1 :]
    )


def _union(value: Any, options: tuple[Any, ...]) -> Any:
    if value is None and type(None) in options:
        return None
    options = tuple(o for o in options if o is not type(None))
    if type(value) is dict and TAG in value:
        named = [o for o in options if getattr(o, "__name__", None) == value[TAG]]
        if len(named) != 1:
            allowed = ", ".join(map(_name, options))
            raise _Bad([(f".{TAG}", f"{show(value[TAG])} is not one of {allowed}")])
        return _reader(named[0])({k: v for k, v in value.items() if k != TAG})
    if type(value) is dict and all(attrs.has(o) for o in options):
        keys = set(value)  # untagged classes: their keys tell them apart
        fitting = [o for o in options if _required(o) <= keys <= _keys(o)]
        ranked = sorted(options, key=lambda o: -len(keys & _keys(o)))
        options = tuple(fitting if len(fitting) == 1 else ranked)
    first: _Bad | None = None
    for option in options:
        try:
            return _reader(option)(value)
        except _Bad as bad:
            first = first or bad
    if first is not None and (type(value) is dict or len(options) == 1):
        raise first
    _fail(" or ".join(map(_name, options)), value)


@functools.cache
def _plan(cls: type, args: tuple[Any, ...] = ()) -> tuple[tuple[Any, ...], ...]:
    """Each init field's key, attribute, type and reader, a generic's types bound."""
    hints = typing.get_type_hints(cls)
    bound = dict(zip(getattr(cls, "__parameters__", ()), args, strict=False))
    fields = [(f, hints.get(f.name, Any)) for f in attrs.fields(cls) if f.init]
    return tuple((str(f.alias), f, t, _reader(bound.get(t, t))) for f, t in fields)


@functools.cache
def _keys(cls: type) -> frozenset[str]:
    return frozenset(key for key, *_ in _plan(cls))


@functools.cache
def _required(cls: type) -> frozenset[str]:
    return frozenset(k for k, f, _, _ in _plan(cls) if f.default is attrs.NOTHING)


def _attrs(value: Any, cls: type, args: tuple[Any, ...]) -> Any:
    if type(value) is not dict:
        _fail("an object", value)
    problems: list[tuple[str, str]] = []
    if unknown := [k for k in value if k not in _keys(cls)]:
        shown = ", ".join(
            clip(k, 60) if type(k) is str else show(k)[:60] for k in unknown[:10]
        )
        more = f" and {len(unknown) - 10} more" if len(unknown) > 10 else ""
        problems.append(("", f"unknown keys: {shown}{more}"))
    kwargs: dict[str, Any] = {}
    bad: dict[str, list[tuple[str, str]]] = {}
    for key, field, _, read in _plan(cls, args):
        if key in value:
            try:
                kwargs[key] = read(value[key])
            except _Bad as exc:
                bad[key] = [(f".{key}{p}", m) for p, m in exc.args[0]]
        elif field.default is attrs.NOTHING:
            bad[key] = [(f".{key}", "required field missing")]
    across: ValidationError | None = None
    if not problems and not bad:
        try:
            return cls(**kwargs)
        except ValidationError as exc:
            across = exc
    # Something is wrong: run each field's own validator too, so that every bad
    # field is reported (in field order), not only the first.
    for key, field, _, _ in _plan(cls, args):
        if key in bad:
            problems.extend(bad[key])
        elif key in kwargs and (refused := _refused(cls, field, kwargs[key])):
            problems.append((f".{key}", refused))
    if across is not None and not problems:  # a rule across fields
        path = f".{across.field}" if across.field in _keys(cls) else ""
        problems.append((path, _refusal(across)))
    raise _Bad(problems)


def _refused(cls: type, field: attrs.Attribute[Any], value: Any) -> str:
    """One field's refusal, if its converter or validator can tell on its own."""
    try:
        value = field.converter(value) if callable(field.converter) else value
        if field.validator is not None:
            field.validator(cls.__name__, field, value)
    except ValidationError as exc:
        return _refusal(exc)
    except Exception:  # needs the whole object: the constructor will say
        pass
    return ""


def from_dict(cls: type[T], data: Any) -> T:
    """Build a ``cls`` from a dict made by :func:`to_dict` (or by hand, or by JSON).

    Raises:
        DecodeError: Listing every bad field by path (an enum's with the valid ones).
    """
    try:
        return _reader(cls)(data)  # type: ignore[arg-type,no-any-return]
    except _Bad as bad:
        name = _name(typing.get_origin(cls) or cls)
        raise DecodeError(name, [(f"${p}", m) for p, m in bad.args[0]]) from None


Writer = Callable[[Any, bool], Any]


def _plain(obj: Any, names: bool) -> Any:
    kind: Any = type(obj)  # for mypy: a type[Any] is not Hashable to functools.cache
    return _writer(kind)(obj, names)


def _unknown(obj: Any, _names: bool) -> Any:
    raise ValidationError("to_dict", "obj", obj, "a campaignkit value")


def _tag(written: Any, value: Any) -> Any:
    return {TAG: type(value).__name__, **written} if type(written) is dict else written


@functools.cache
def _writer(kind: Any) -> Writer:
    """How to write a value of this exact type, decided once per type."""
    if kind in (str, int, float, bool, type(None)):
        return lambda obj, _: obj
    if attrs.has(kind):
        fields = [(k, f.name, _tagged(tp)) for k, f, tp, _ in _plan(kind)]
        return lambda obj, names: {
            key: _tag(_plain(value, names), value) if tagged else _plain(value, names)
            for key, name, tagged in fields
            for value in (getattr(obj, name),)  # each field read once
        }
    if issubclass(kind, enum.Enum):
        return lambda obj, names: obj.name if names else obj.value
    if kind in (dt.datetime, dt.time):
        return lambda obj, _: obj.isoformat()
    if kind is dt.timedelta:
        return lambda obj, _: (
            obj.total_seconds() if obj.microseconds else obj.days * 86400 + obj.seconds
        )
    if kind is VendorData:
        return lambda obj, _: thaw(obj)
    if issubclass(kind, Mapping):
        return lambda obj, names: {
            k.name if isinstance(k, enum.Enum) else str(k): _plain(v, names)
            for k, v in obj.items()
        }
    if issubclass(kind, tuple | list):
        return lambda obj, names: [_plain(v, names) for v in obj]
    return _unknown


def to_dict(obj: Any, *, enums: EnumStyle = "numbers") -> dict[str, Any]:
    """Return ``obj`` (any campaignkit value: a model, an event, a result) as JSON.

    ``enums`` writes each enum as its wire value (``"numbers"``) or its name
    (``"names"``); mapping keys are always names.
    """
    if not attrs.has(type(obj)):
        raise ValidationError("to_dict", "obj", obj, "a campaignkit attrs value")
    return _plain(obj, enums == "names")  # type: ignore[no-any-return]


def make_strict_converter(*, enums: EnumStyle = "numbers") -> cattrs.Converter:
    """Build a cattrs converter that reads and writes as :func:`from_dict` does.

    Hooks a host registers on it come first; ``structure`` raises
    :class:`~campaignkit.errors.DecodeError`.
    """
    conv = cattrs.Converter()
    conv.register_structure_hook_func(lambda _: True, lambda v, t: from_dict(t, v))
    conv.register_unstructure_hook_func(
        lambda _: True, lambda obj: _plain(obj, enums == "names")
    )
    return conv


converter: cattrs.Converter = make_strict_converter()
"""A converter made by :func:`make_strict_converter`, kept for old code."""
