"""Deeply read-only vendor data carried beside the common models.

A vendor payload has fields that campaignkit does not model (VoIPbin's ``actions``,
8x8's ``caller-id``). They ride along in a model's ``vendor_data`` so nothing is lost
on the way back to the vendor; freezing them keeps models immutable and hashable.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

__all__ = ["VendorData", "freeze", "thaw"]


class VendorData(Mapping[str, Any]):
    """A read-only, hashable mapping of JSON values (nested dicts and lists frozen).

    Nested objects become :class:`VendorData` and lists become tuples, so the whole
    value can be hashed; :func:`thaw` turns it back into plain JSON. Keys keep their
    insertion order, which is the vendor's order.
    """

    __slots__ = ("_data", "_hash")
    _data: dict[str, Any]
    _hash: int | None

    def __init__(self, data: Mapping[str, Any] | None = None) -> None:
        frozen = {str(k): freeze(v) for k, v in (data or {}).items()}
        object.__setattr__(self, "_data", frozen)
        object.__setattr__(self, "_hash", None)

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def get(self, key: str, default: Any = None) -> Any:
        """Return the value for ``key``, or ``default`` when it is absent."""
        return self._data.get(key, default)

    def __hash__(self) -> int:
        if self._hash is None:
            object.__setattr__(self, "_hash", hash(frozenset(self._data.items())))
        return self._hash  # type: ignore[return-value]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, VendorData):
            return self._data == other._data
        return NotImplemented

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("VendorData is read-only")

    def __reduce__(self) -> tuple[type[VendorData], tuple[dict[str, Any]]]:
        # copy, deepcopy and pickle rebuild through __init__, never setattr.
        return (VendorData, (self._data,))

    def __repr__(self) -> str:
        return f"VendorData({self._data!r})"

    def to_json(self) -> dict[str, Any]:
        """Return the data as plain JSON values (dicts and lists)."""
        return {k: thaw(v) for k, v in self._data.items()}


def freeze(value: Any) -> Any:
    """Return ``value`` with dicts made :class:`VendorData` and lists tuples."""
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, VendorData):
        return value
    if isinstance(value, Mapping):
        return VendorData(value)
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    return value


def thaw(value: Any) -> Any:
    """Undo :func:`freeze`: mappings become dicts and tuples become lists."""
    if isinstance(value, Mapping):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [thaw(v) for v in value]
    return value
