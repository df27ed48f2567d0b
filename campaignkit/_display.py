"""Small HTML tables for notebooks: what ``_repr_html_`` methods return."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any


def html_table(title: str, rows: Iterable[tuple[str, Any]]) -> str:
    """A two-column ``<table>`` of ``(label, value)`` rows under a caption.

    Values are shown with ``str()`` (``None`` as ``n/a``) and escaped, so no value
    can inject markup into a notebook.

    >>> print(html_table("Stats", [("busy factor", 0.5), ("hit ratio", None)]))
    <table><caption>Stats</caption><tr><th>busy factor</th><td>0.5</td></tr><tr><th>hit
    ratio</th><td>n/a</td></tr></table>
    """
    cells = "".join(
        f"<tr><th>{html.escape(label)}</th>"
        f"<td>{html.escape('n/a' if value is None else str(value))}</td></tr>"
        for label, value in rows
    )
    return f"<table><caption>{html.escape(title)}</caption>{cells}</table>"
