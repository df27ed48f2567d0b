"""Command line: ``python -m campaignkit demo`` and ``... simulate`` (see ``_cli``)."""

import os
import sys

from campaignkit._cli import main

if __name__ == "__main__":  # pragma: no cover
    try:
        sys.exit(main())
    except BrokenPipeError:  # `python -m campaignkit demo | head`: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
