"""The docs pages stay runnable: every Python block in them is a doctest."""

from __future__ import annotations

import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).parent.parent
PAGES = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
PYTHON_BLOCK = re.compile(r"^```(?:python|py|pycon)\n(.*?)^```", re.M | re.S)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_python_block_is_a_doctest(page: pathlib.Path) -> None:
    """A Python block without '>>>' would never run, so it is not allowed."""
    blocks = PYTHON_BLOCK.findall(page.read_text())
    silent = [block.splitlines()[0] for block in blocks if ">>>" not in block]
    assert silent == []


def test_every_page_is_in_a_table_of_contents() -> None:
    """Each docs page is reachable from the index (by name or by a glob)."""
    index = (ROOT / "docs" / "index.md").read_text()
    globbed = {p.stem for p in (ROOT / "docs").glob("wire-*.md")}
    orphans = [
        page.stem
        for page in PAGES
        if page.parent.name == "docs"
        and page.stem not in {"index", *globbed}
        and f"\n{page.stem}\n" not in index
    ]
    assert orphans == []


def test_no_signature_in_the_api_reference_shows_nothing() -> None:
    """An attrs factory default renders as ``...``, never as ``NOTHING``.

    The hook in docs/conf.py rewrites what autodoc would print (annotations are
    in the description, so signatures carry names and defaults only).
    """
    import importlib
    import inspect
    import runpy

    import attrs

    sphinx_inspect = pytest.importorskip("sphinx.util.inspect")
    hook = runpy.run_path(str(ROOT / "docs" / "conf.py"))["_no_nothing"]
    modules = ["models", "events", "records", "sim", "stats", "pacing", "ledger"]
    shown = []
    for name in modules:
        module = importlib.import_module(f"campaignkit.{name}")
        for public in module.__all__:
            cls = getattr(module, public)
            if isinstance(cls, type) and attrs.has(cls):
                raw = sphinx_inspect.stringify_signature(
                    inspect.signature(cls), show_annotation=False
                )
                shown.append(hook(None, "class", public, cls, {}, raw, None)[0])
    assert any("=..." in s for s in shown)
    assert [s for s in shown if "NOTHING" in s] == []
