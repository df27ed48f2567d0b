"""Command line: ``python -m campaignkit demo`` and ``... simulate`` (see ``_cli``)."""

from __future__ import annotations

import os
import sys

from campaignkit._cli import main

__all__ = ["main"]

if __name__ == "__main__":  # pragma: no cover
    try:
        sys.exit(main())
    except BrokenPipeError:  # `python -m campaignkit demo | head`: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
