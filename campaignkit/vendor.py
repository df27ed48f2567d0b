"""Deeply read-only vendor data: the fields campaignkit does not model.

They ride along in a model's ``vendor_data`` (see ``docs/concepts.md``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NoReturn

from campaignkit._validate import is_int, is_number
from campaignkit.errors import ValidationError

__all__ = ["MAX_DEPTH", "VendorData", "freeze", "thaw"]

MAX_DEPTH = 64
"""How deeply vendor data may nest; deeper is refused, never a RecursionError."""


class VendorData(Mapping[str, Any]):
    """A read-only, hashable mapping of JSON values (see ``docs/concepts.md``).

    Equality is JSON equality: ``1``, ``1.0`` and ``True`` differ.
    """

    __slots__ = ("_data", "_height", "_key")
    _data: dict[str, Any]
    _height: int
    _key: frozenset[tuple[str, Any]] | None

    def __init__(self, data: Mapping[str, Any] | None = None) -> None:
        self._init(data or {}, "", 0)

    def _init(self, data: Mapping[str, Any], path: str, depth: int) -> None:
        frozen = {}
        height = 0
        for key, value in data.items():
            if type(key) is not str:
                _refuse(path or "$", key, "string keys")
            item, below = _freeze(value, f"{path}.{key}" if path else key, depth + 1)
            frozen[key] = item
            height = max(height, below)
        object.__setattr__(self, "_data", frozen)
        object.__setattr__(self, "_height", height + 1)
        object.__setattr__(self, "_key", None)

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def _typed(self) -> frozenset[tuple[str, Any]]:
        key = self._key
        if key is None:
            key = frozenset((k, _typed(v)) for k, v in self._data.items())
            object.__setattr__(self, "_key", key)
        return key

    def __hash__(self) -> int:
        return hash(self._typed())  # a frozenset keeps its hash once computed

    def __eq__(self, other: object) -> bool:
        if type(other) is VendorData:
            return self._typed() == other._typed()
        return NotImplemented

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("VendorData is read-only")

    def __reduce__(self) -> tuple[type[VendorData], tuple[dict[str, Any]]]:
        # copy, deepcopy and pickle rebuild through __init__, never setattr.
        return (VendorData, (thaw(self),))

    def __repr__(self) -> str:
        return f"VendorData({self._data!r})"

    def to_json(self) -> dict[str, Any]:
        """Return the data as plain JSON values (dicts and lists)."""
        return {k: thaw(v) for k, v in self._data.items()}


def _typed(value: Any) -> Any:
    """A key under which equal JSON values are equal and 1, 1.0, True are not."""
    if type(value) is VendorData:
        return ("object", value._typed())
    if type(value) is tuple:
        return ("array", tuple(_typed(v) for v in value))
    return (type(value).__name__, value)


def _refuse(path: str, value: Any, allowed: str) -> NoReturn:
    raise ValidationError("VendorData", path or "$", value, allowed)


_JSON = "a JSON value (object, array, string, finite number, bool, null)"


def _freeze(value: Any, path: str, depth: int) -> tuple[Any, int]:
    """``value`` frozen, and how many levels of containers it holds (0 for a scalar)."""
    kind = type(value)
    if value is None or isinstance(value, str | bool):
        return value, 0
    if isinstance(value, int | float):
        if not (is_int(value) or is_number(value)):
            _refuse(path, value, _JSON)
        return value, 0
    height = value._height if kind is VendorData else 1
    if depth + height - 1 > MAX_DEPTH:
        _refuse(path, "...", f"JSON nested at most {MAX_DEPTH} deep")
    if kind is VendorData:
        return value, height
    if isinstance(value, Mapping):
        frozen = VendorData.__new__(VendorData)
        frozen._init(value, path, depth)
        return frozen, frozen._height
    if isinstance(value, list | tuple):
        items = [_freeze(v, f"{path}[{i}]", depth + 1) for i, v in enumerate(value)]
        return tuple(i for i, _ in items), 1 + max((h for _, h in items), default=0)
    _refuse(path, value, _JSON)


def freeze(value: Any) -> Any:
    """Return ``value`` with dicts made :class:`VendorData` and lists tuples."""
    return _freeze(value, "", 0)[0]


def thaw(value: Any) -> Any:
    """Undo :func:`freeze`: mappings become dicts and tuples become lists."""
    if isinstance(value, Mapping):
        return {k: thaw(v) for k, v in value.items()}
    if type(value) is tuple:
        return [thaw(v) for v in value]
    return value
