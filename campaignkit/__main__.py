"""Command line: ``python -m campaignkit demo``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from campaignkit._demo import run_demo


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    parser = argparse.ArgumentParser(prog="python -m campaignkit")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "demo", help="a tour of a campaign with two groups and two lists"
    )
    args = parser.parse_args(argv)
    if args.command == "demo":
        run_demo()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
