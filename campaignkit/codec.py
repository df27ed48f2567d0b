"""The one cattrs converter: models to JSON-ready dicts and back, strictly.

cattrs' default hooks coerce silently (``"42"`` becomes ``42``, ``4.9`` becomes
``4``, naive datetimes pass). This converter refuses all of that, rejects unknown
keys, and reports every bad field by its path in one :class:`DecodeError`, for a
wrong type and for a value a model's validator refuses alike.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import ForbiddenExtraKeysError
from cattrs.gen import make_dict_structure_fn
from cattrs.preconf.json import JsonConverter, make_converter

from campaignkit.errors import DecodeError, ValidationError
from campaignkit.vendor import VendorData, freeze, thaw

__all__ = ["converter", "from_dict", "make_strict_converter", "to_dict"]

T = TypeVar("T")


def _strict(kind: type, name: str) -> Callable[[Any, Any], Any]:
    def structure(value: Any, _: Any) -> Any:
        if type(value) is bool and kind is not bool:
            raise TypeError(f"expected {name}, got {value!r}")
        if not isinstance(value, kind):
            raise TypeError(f"expected {name}, got {value!r}")
        return value

    return structure


def _float(value: Any, _: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number, got {value!r}")
    return float(value)


def _datetime(value: Any, _: Any) -> dt.datetime:
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO 8601 string, got {value!r}")
    parsed = dt.datetime.fromisoformat(value)
    if parsed.utcoffset() is None:
        raise ValueError(f"expected a timezone-aware datetime, got {value!r}")
    return parsed


def _time(value: Any, _: Any) -> dt.time:
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO 8601 time string, got {value!r}")
    return dt.time.fromisoformat(value)


def _enum(value: Any, cls: type[enum.Enum]) -> enum.Enum:
    base = int if issubclass(cls, int) else str
    if isinstance(value, bool) or not isinstance(value, base):
        raise TypeError(f"expected a {cls.__name__} value, got {value!r}")
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in cls)
        raise ValueError(
            f"{value!r} is not a {cls.__name__}; expected one of {allowed}"
        ) from None


def _vendor_data(value: Any, _: Any) -> VendorData:
    if not isinstance(value, dict):
        raise TypeError(f"expected an object, got {value!r}")
    return freeze(value)  # type: ignore[no-any-return]


def _objects_only(conv: JsonConverter) -> Callable[[Any], Any]:
    """Hook factory: attrs classes structure from dicts only, checked up front."""

    def factory(cls: Any) -> Any:
        inner = make_dict_structure_fn(cls, conv)

        def structure(value: Any, _: Any) -> Any:
            if not isinstance(value, dict):
                raise TypeError(f"expected an object, got {value!r}")
            return inner(value, cls)

        return structure

    return factory


def make_strict_converter() -> JsonConverter:
    """Build a JSON converter with strict hooks and no extra keys allowed.

    The wire modules start from this and add their own key names.
    """
    conv = make_converter(forbid_extra_keys=True)
    for kind, name in ((int, "an integer"), (str, "a string"), (bool, "a boolean")):
        conv.register_structure_hook(kind, _strict(kind, name))
    conv.register_structure_hook(float, _float)
    conv.register_structure_hook(dt.datetime, _datetime)
    conv.register_unstructure_hook(
        dt.datetime, lambda d: d.astimezone(dt.UTC).isoformat()
    )
    conv.register_structure_hook(dt.time, _time)
    conv.register_unstructure_hook(dt.time, lambda t: t.isoformat())
    # Registered per base class: the strict int/str hooks would otherwise win by
    # single dispatch, IntEnum and StrEnum being int and str subclasses.
    for base, plain in ((enum.IntEnum, int), (enum.StrEnum, str)):
        conv.register_structure_hook(base, _enum)
        conv.register_unstructure_hook(base, lambda e, plain=plain: plain(e.value))
    conv.register_structure_hook_factory(attrs.has, _objects_only(conv))
    conv.register_structure_hook(VendorData, _vendor_data)
    conv.register_unstructure_hook(VendorData, thaw)
    return conv


converter: JsonConverter = make_strict_converter()
"""The converter :func:`to_dict` and :func:`from_dict` use."""


def to_dict(obj: Any) -> dict[str, Any]:
    """Return ``obj`` (any campaignkit model or event) as a JSON-ready dict.

    Enums become their plain ``int``/``str`` values, datetimes ISO 8601 strings in
    UTC, tuples lists.
    """
    if not attrs.has(type(obj)):
        raise ValidationError("to_dict", "obj", obj, "a campaignkit attrs value")
    return converter.unstructure(obj)  # type: ignore[no-any-return]


def from_dict(cls: type[T], data: Any) -> T:
    """Build a ``cls`` from a dict made by :func:`to_dict` (or by hand).

    Raises:
        DecodeError: Listing every bad field by path: a wrong type, an unknown key,
            a missing key, or a value the model refuses.
    """
    try:
        return converter.structure(data, cls)
    except Exception as exc:
        raise DecodeError(cls.__name__, error_paths(exc)) from exc


def error_paths(exc: BaseException) -> list[tuple[str, str]]:
    """Flatten a cattrs error into ``(path, message)`` pairs with attribute paths.

    A refused value (our :class:`ValidationError`) is reported at
    ``<path of its object>.<field>``, which cattrs alone does not do.
    """
    pairs: list[tuple[str, str]] = []
    for line in cattrs.transform_error(exc, path="$", format_exception=_format):
        message, _, path = line.rpartition(" @ ")
        field, sep, rest = message.partition("\x00")
        if sep:
            pairs.append((f"{path}.{field}", rest))
        else:
            pairs.append((path, message))
    return pairs


def _format(exc: BaseException, _type: type | None) -> str:
    if isinstance(exc, ValidationError):
        return f"{exc.field}\x00{exc}"
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown keys: {', '.join(sorted(exc.extra_fields))}"
    if isinstance(exc, KeyError):
        return "required field missing"
    return str(exc)
