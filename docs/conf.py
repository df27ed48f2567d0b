"""Sphinx configuration for the campaignkit docs."""

from __future__ import annotations

import campaignkit

project = "campaignkit"
author = "campaignkit developers"
copyright = "2026, campaignkit developers"
release = campaignkit.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinxcontrib.mermaid",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": False}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True
nitpicky = False

html_theme = "furo"
html_title = "campaignkit"


def _no_nothing(app, what, name, obj, options, signature, annotation):  # type: ignore[no-untyped-def]  # noqa: PLR0917
    """Show an attrs factory default (``NOTHING`` in a signature) as ``...``."""
    if signature and "NOTHING" in signature:
        signature = signature.replace("=NOTHING", "=...")
    return signature, annotation


def setup(app):  # type: ignore[no-untyped-def]
    """Hook the signature clean-up into autodoc."""
    app.connect("autodoc-process-signature", _no_nothing)
