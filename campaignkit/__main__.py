"""Command line: ``python -m campaignkit demo`` and ``... simulate``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from campaignkit._demo import run_demo, run_simulate
from campaignkit.errors import CampaignKitError
from campaignkit.pacing import parse_policy
from campaignkit.sim import Exponential, Scenario


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m campaignkit")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("demo", help="a tour of an hour of a campaign")
    sim = commands.add_parser(
        "simulate", help="benchmark figures of one pacing policy in one scenario"
    )
    sim.add_argument("--agents", type=int, default=20)
    sim.add_argument("--hit-ratio", type=float, default=0.3)
    sim.add_argument(
        "--policy",
        default="predictive:overdial=3",
        help="e.g. progressive, power:ratio=2, predictive:overdial=3",
    )
    sim.add_argument("--hours", type=float, default=8.0)
    sim.add_argument("--seeds", type=int, default=5)
    sim.add_argument("--handle-time", type=float, default=180.0, help="mean, seconds")
    sim.add_argument("--answer-time", type=float, default=10.0, help="mean, seconds")
    sim.add_argument("--no-answer", type=float, default=25.0, help="seconds")
    sim.add_argument("--abandon-after", type=float, default=2.0, help="seconds")
    sim.add_argument(
        "--progress",
        choices=("auto", "always", "never"),
        default="auto",
        help="progress bar on stderr (auto: when stderr is a terminal)",
    )
    return parser


def _write_stderr(text: str) -> None:
    sys.stderr.write(text)
    sys.stderr.flush()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    args = _parser().parse_args(argv)
    if args.command == "demo":
        run_demo()
        return 0
    try:
        if args.seeds < 1:
            raise CampaignKitError("--seeds must be at least 1")
        scenario = Scenario(
            agents=args.agents,
            hit_ratio=args.hit_ratio,
            handle_time=Exponential(args.handle_time),
            answer_time=Exponential(args.answer_time),
            no_answer_timeout=args.no_answer,
            abandon_after=args.abandon_after,
            duration=args.hours * 3600.0,
        )
        policy = parse_policy(args.policy)
    except CampaignKitError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    show = args.progress == "always" or (
        args.progress == "auto" and sys.stderr.isatty()
    )
    err = _write_stderr if show else None
    run_simulate(policy=policy, scenario=scenario, seeds=args.seeds, err=err)
    return 0


if __name__ == "__main__":  # pragma: no cover
    try:
        sys.exit(main())
    except BrokenPipeError:  # `python -m campaignkit demo | head`: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
