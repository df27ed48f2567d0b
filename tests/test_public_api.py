"""The public surface: exported, sorted, documented."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import campaignkit

PUBLIC_MODULES = sorted(
    name
    for _, name, _ in pkgutil.walk_packages(campaignkit.__path__, "campaignkit.")
    if not any(part.startswith("_") for part in name.split("."))
)


def test_all_is_sorted_and_complete() -> None:
    """__all__ is sorted and every name in it exists."""
    assert list(campaignkit.__all__) == sorted(campaignkit.__all__)
    for name in campaignkit.__all__:
        assert hasattr(campaignkit, name), name


def test_every_public_name_has_a_docstring() -> None:
    """Every exported name, and every public module, has a docstring of its own."""
    missing = []
    for module_name in ["campaignkit", *PUBLIC_MODULES]:
        module = importlib.import_module(module_name)
        if not (module.__doc__ or "").strip():
            missing.append(module_name)
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if inspect.isclass(obj) or inspect.isfunction(obj):
                if not (obj.__doc__ or "").strip():
                    missing.append(f"{module_name}.{name}")
                for attr, member in vars(obj).items() if inspect.isclass(obj) else ():
                    if attr.startswith("_") or (
                        not callable(member) and not isinstance(member, property)
                    ):
                        continue
                    if not (getattr(member, "__doc__", None) or "").strip():
                        missing.append(f"{module_name}.{name}.{attr}")
    assert missing == []


def test_every_public_module_declares_all() -> None:
    """Each public module says what it exports."""
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        if module_name.endswith("__main__") or module_name == "campaignkit.wire":
            continue
        assert hasattr(module, "__all__"), module_name


def test_the_package_ships_py_typed() -> None:
    """The py.typed marker is in the package."""
    assert (campaignkit.__path__[0] + "/py.typed").endswith("py.typed")
    import pathlib

    assert (pathlib.Path(campaignkit.__path__[0]) / "py.typed").exists()


def test_the_api_reference_documents_every_exported_name() -> None:
    """docs/api.md has an autodoc entry for every name in campaignkit.__all__."""
    import pathlib

    api = (pathlib.Path(__file__).parent.parent / "docs" / "api.md").read_text()
    undocumented = [
        name
        for name in campaignkit.__all__
        if f"campaignkit.{name}\n" not in api and f"campaignkit.{name} " not in api
    ]
    assert undocumented == []
