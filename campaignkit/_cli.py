"""The command line: ``python -m campaignkit demo`` and ``... simulate``.

Everything here speaks the command line's language: flags, their units, short
policy specs (:func:`parse_policy`), and three output formats. Values are checked
here in those units (``--hours 1e9: at most 720 hours``) before the library sees
them; the library's own refusals are still reported against the flag.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import sys
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from campaignkit.enums import OptimizeBy
from campaignkit.errors import CampaignKitError, ValidationError
from campaignkit.pacing import (
    Policy,
    Power,
    Predictive,
    Preview,
    Progressive,
    ServiceLevel,
)
from campaignkit.sim import (
    MAX_DURATION,
    MAX_SIM_AGENTS,
    Exponential,
    Scenario,
    SimResult,
    simulate,
)

__all__ = ["main", "parse_policy"]

Out = Callable[[str], None]

# --- policy specs -----------------------------------------------------------------

_GOALS = {
    "overdial": OptimizeBy.OVERDIAL_RATE,
    "busy": OptimizeBy.BUSY_FACTOR,
    "wait": OptimizeBy.WAIT_TIME,
}


def _bad_spec(spec: str, why: str) -> ValidationError:
    return ValidationError("policy spec", "spec", spec, why)


def _options(spec: str, text: str, allowed: set[str]) -> dict[str, str]:
    options: dict[str, str] = {}
    if not text:
        return options
    for item in text.split(","):
        key, sep, value = (part.strip() for part in item.partition("="))
        if not sep or not key or not value:
            raise _bad_spec(spec, "options as key=value, separated by commas")
        if key not in allowed:
            raise _bad_spec(spec, f"options among {', '.join(sorted(allowed))}")
        if key in options:
            raise _bad_spec(spec, f"each option once ({key!r} repeated)")
        options[key] = value
    return options


def _float(spec: str, key: str, value: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise _bad_spec(spec, f"a number for {key}") from None


def _int(spec: str, key: str, value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise _bad_spec(spec, f"an integer for {key}") from None


def parse_policy(spec: str) -> Policy:
    """Build a policy from a short spec, as the ``simulate`` command line takes it.

    Forms: ``preview``; ``progressive`` or ``progressive:ratio=1.2``;
    ``power`` or ``power:ratio=2``; ``service-level:percent=80`` with optional
    ``rule=coded``; ``predictive:overdial=3``, ``predictive:busy=85`` or
    ``predictive:wait=5``, the last two with optional ``max-overdial=2``
    (plain ``predictive`` is ``overdial=3``). ``max-overdial`` with an overdial
    goal is refused: that goal is the ceiling, so the option would be ignored.

    Raises:
        ValidationError: The spec is not one of these forms or a value is refused.

    >>> parse_policy("predictive:busy=85")
    Predictive(optimize_by=<OptimizeBy.BUSY_FACTOR: 1>, goal=85.0, max_overdial=3.0)
    >>> parse_policy("service-level:percent=80,rule=coded")
    ServiceLevel(percent=80, rule='coded')
    """
    name, _, rest = spec.strip().partition(":")
    name = name.strip().lower()
    if name == "preview":
        _options(spec, rest, set())
        return Preview()
    if name in ("progressive", "power"):
        ratio = _float(spec, "ratio", _options(spec, rest, {"ratio"}).get("ratio", "1"))
        return Progressive(ratio) if name == "progressive" else Power(ratio)
    if name == "service-level":
        opts = _options(spec, rest, {"percent", "rule"})
        if "percent" not in opts:
            raise _bad_spec(spec, "service-level:percent=<integer>")
        return ServiceLevel(
            _int(spec, "percent", opts["percent"]),
            opts.get("rule", "documented"),  # type: ignore[arg-type]
        )
    if name == "predictive":
        opts = _options(spec, rest, {*_GOALS, "max-overdial"})
        goals = [key for key in _GOALS if key in opts] or ["overdial"]
        if len(goals) > 1:
            raise _bad_spec(spec, "one goal among overdial, busy and wait")
        key = goals[0]
        if key == "overdial" and "max-overdial" in opts:
            raise _bad_spec(
                spec, "max-overdial only with busy or wait (overdial is the ceiling)"
            )
        goal = _float(spec, key, opts.get(key, "3"))
        max_overdial = _float(spec, "max-overdial", opts.get("max-overdial", "3"))
        return Predictive(_GOALS[key], goal, max_overdial)
    raise _bad_spec(
        spec, "preview, progressive, power, service-level or predictive[:options]"
    )


# --- flags, in the command line's units --------------------------------------------

MAX_SEEDS = 1000
"""The most runs one ``simulate`` makes."""


class UsageError(CampaignKitError):
    """A flag's value is refused; the message names the flag, the value and its unit."""

    def __init__(self, flag: str, raw: str, why: str) -> None:
        super().__init__(f"{flag} {raw}: {why}")


@attrs.frozen
class _Number:
    """A numeric flag: its bounds and unit, checked on the raw text."""

    flag: str
    unit: str
    low: float
    high: float
    above: bool = False  # low itself is refused
    integer: bool = False

    def parse(self, raw: str) -> float:
        what = f"a whole number of {self.unit}" if self.integer else "a number"
        try:
            value = int(raw) if self.integer else float(raw)
        except ValueError:
            raise UsageError(self.flag, raw, what) from None
        unit = f" {self.unit}" if self.unit else ""
        if not math.isfinite(value):
            raise UsageError(self.flag, raw, f"a finite number{unit}")
        if value < self.low or (self.above and value == self.low):
            word = "more than" if self.above else "at least"
            if self.low == 1 and self.unit != "s":  # "1 agent", not "1 agents"
                unit = unit.removesuffix("s")
            raise UsageError(self.flag, raw, f"{word} {self.low:g}{unit}")
        if value > self.high:
            raise UsageError(self.flag, raw, f"at most {self.high:g}{unit}")
        return value


_HOUR = 3600.0
_NUMBERS = {
    "agents": _Number("--agents", "agents", 1, MAX_SIM_AGENTS, integer=True),
    "hit_ratio": _Number("--hit-ratio", "", 0.0, 1.0),
    "hours": _Number("--hours", "hours", 0.0, MAX_DURATION / _HOUR, above=True),
    "handle_time": _Number("--handle-time", "s", 0.0, MAX_DURATION, above=True),
    "answer_time": _Number("--answer-time", "s", 0.0, MAX_DURATION, above=True),
    "no_answer": _Number("--no-answer", "s", 0.0, MAX_DURATION, above=True),
    "abandon_after": _Number("--abandon-after", "s", 0.0, MAX_DURATION),
    "seeds": _Number("--seeds", "runs", 1, MAX_SEEDS, integer=True),
}
_SCENARIO_FLAGS = {
    "agents": "agents",
    "hit_ratio": "hit_ratio",
    "duration": "hours",
    "handle_time": "handle_time",
    "answer_time": "answer_time",
    "no_answer_timeout": "no_answer",
    "abandon_after": "abandon_after",
}
"""Scenario field -> the flag it comes from, to report the library's refusals."""

_PREVIEW_REFUSED = (
    "preview is not simulated: in preview mode the dialer launches nothing by "
    "itself (each agent asks for a record, reads it and dials it), so there is no "
    "pacing to measure; progressive:ratio=1 is the same one call per ready agent "
    "without the reading time"
)


def _seed_list(raw: str) -> list[int]:
    try:
        seeds = [int(part) for part in raw.split(",")]
    except ValueError:
        raise UsageError("--seed-list", raw, "integers separated by commas") from None
    if not 1 <= len(seeds) <= MAX_SEEDS:
        raise UsageError("--seed-list", raw, f"1 to {MAX_SEEDS} seeds")
    return seeds


def _parser() -> argparse.ArgumentParser:
    from campaignkit import __version__

    parser = argparse.ArgumentParser(
        prog="python -m campaignkit",
        description="Tour campaignkit, or simulate a pacing policy.",
    )
    parser.add_argument(
        "--version", action="version", version=f"campaignkit {__version__}"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("demo", help="a tour of an hour of a campaign")
    sim = commands.add_parser(
        "simulate",
        help="benchmark figures of one pacing policy in one scenario",
        description=(
            "Simulate a team of agents paced by one policy, once per seed, and "
            "print each run's figures, their mean and the worst run. A figure "
            "with no denominator (no answered call) is n/a."
        ),
    )

    def add(*flags: str, **options: Any) -> None:
        options["help"] += " (default: %(default)s)"
        sim.add_argument(*flags, **options)

    add("--agents", default="20", metavar="N", help="agents logged in for the run")
    add(
        "--hit-ratio",
        default="0.3",
        metavar="RATIO",
        help="share of launched calls a live party answers, 0 to 1",
    )
    add(
        "--policy",
        default="predictive:overdial=3",
        metavar="SPEC",
        help="progressive[:ratio=R], power[:ratio=R], "
        "service-level:percent=PCT[,rule=coded] or "
        "predictive[:overdial=PCT|busy=PCT|wait=SECONDS][,max-overdial=PCT] "
        "(preview launches no call by itself, so it is refused)",
    )
    add(
        "--hours",
        default="8",
        help=f"simulated time, in hours (at most {MAX_DURATION / _HOUR:g})",
    )
    group = sim.add_mutually_exclusive_group()
    group.add_argument(
        "--seeds",
        default="5",
        metavar="COUNT",
        help="how many runs, with seeds 1 to COUNT (default: 5)",
    )
    group.add_argument(
        "--seed-list",
        metavar="S1,S2,...",
        help="run exactly these seeds instead (comma-separated integers)",
    )
    add("--handle-time", default="180", metavar="SECONDS", help="mean talk + wrap-up")
    add(
        "--answer-time",
        default="10",
        metavar="SECONDS",
        help="mean time from launch to a live answer",
    )
    add(
        "--no-answer",
        default="25",
        metavar="SECONDS",
        help="an unanswered call gives up after this long",
    )
    add(
        "--abandon-after",
        default="2",
        metavar="SECONDS",
        help="an answered call with no agent for this long is abandoned",
    )
    add(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help="table for people; csv and json for tools (undefined figures: n/a, null)",
    )
    add(
        "--progress",
        choices=("auto", "always", "never"),
        default="auto",
        help="progress bar on stderr (auto: when stderr is a terminal)",
    )
    return parser


def _scenario(args: argparse.Namespace) -> Scenario:
    values = {
        name: number.parse(getattr(args, name))
        for name, number in _NUMBERS.items()
        if name != "seeds"
    }
    try:
        return Scenario(
            agents=int(values["agents"]),
            hit_ratio=values["hit_ratio"],
            handle_time=Exponential(values["handle_time"]),
            answer_time=Exponential(values["answer_time"]),
            no_answer_timeout=values["no_answer"],
            abandon_after=values["abandon_after"],
            duration=values["hours"] * _HOUR,
        )
    except ValidationError as error:  # a rule the flags above do not know
        name = _SCENARIO_FLAGS.get(error.field)
        if name is None and error.field == "mean":
            name = "handle_time" if error.obj == "Exponential" else None
        if name is None:
            raise
        number = _NUMBERS[name]
        raise UsageError(number.flag, getattr(args, name), str(error)) from None


def _policy(spec: str) -> Policy:
    try:
        policy = parse_policy(spec)
    except ValidationError as error:
        why = error.allowed if error.obj == "policy spec" else str(error)
        raise UsageError("--policy", spec, why) from None
    if isinstance(policy, Preview):
        raise UsageError("--policy", spec, _PREVIEW_REFUSED)
    return policy


# --- output ------------------------------------------------------------------------

NA = "n/a"
"""What an undefined figure (no denominator) shows in a table or a CSV file."""

_COLUMNS = (
    ("seed", "seed"),
    ("busy factor", "busy_factor"),
    ("overdial", "overdial_rate"),
    ("mean wait", "mean_agent_wait_s"),
    ("dialed", "calls_dialed"),
    ("answered", "calls_answered"),
    ("abandoned", "calls_abandoned"),
)


def _figures(seed: int, result: SimResult) -> dict[str, Any]:
    """One run's row, keyed by machine-readable column names (None: undefined)."""
    return {
        "seed": seed,
        "busy_factor": result.busy_factor,
        "overdial_rate": result.overdial_rate,
        "mean_agent_wait_s": result.mean_agent_wait,
        "calls_dialed": result.calls_dialed,
        "calls_answered": result.calls_answered,
        "calls_abandoned": result.calls_abandoned,
    }


def _mean(values: Sequence[float | None]) -> float | None:
    known = [x for x in values if x is not None]
    return sum(known) / len(known) if known else None


def _worst(values: Sequence[float | None], pick: Callable[..., float]) -> float | None:
    known = [x for x in values if x is not None]
    return pick(known) if known else None


def _summary(rows: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The mean of each figure over the runs where it is defined, and the worst."""
    column = {key: [row[key] for row in rows] for _, key in _COLUMNS[1:]}
    mean: dict[str, Any] = {"seed": "mean"} | {k: _mean(v) for k, v in column.items()}
    worst: dict[str, Any] = {
        "seed": "worst",
        "busy_factor": _worst(column["busy_factor"], min),
        "overdial_rate": _worst(column["overdial_rate"], max),
        "mean_agent_wait_s": _worst(column["mean_agent_wait_s"], max),
    }
    return {"mean": mean, "worst": worst}


def _cell(key: str, value: Any) -> str:
    if value is None:
        return NA
    if key == "busy_factor":
        return f"{value:.3f}"
    if key == "overdial_rate":
        return f"{value:.1%}"
    if key == "mean_agent_wait_s":
        return f"{value:.1f} s"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def table(rows: Sequence[Sequence[str]]) -> list[str]:
    """Lay out rows of cells: the first column left-aligned, a rule under the head."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def _write_table(
    out: Out, policy: Policy, scenario: Scenario, rows: Sequence[dict[str, Any]]
) -> None:
    out(f"policy:   {policy!r}")
    out(
        f"scenario: {scenario.agents} agents, hit ratio {scenario.hit_ratio:g}, "
        f"{scenario.duration / _HOUR:g} h, abandon after {scenario.abandon_after:g} s"
    )
    summary = _summary(rows)
    cells = [[title for title, _ in _COLUMNS]]
    cells += [
        [_cell(k, row[k]) for _, k in _COLUMNS] for row in [*rows, summary["mean"]]
    ]
    worst = summary["worst"]
    cells.append(
        [_cell(key, worst[key]) if key in worst else "" for _, key in _COLUMNS]
    )
    for line in table(cells):
        out(line)


def _write_csv(out: Out, rows: Sequence[dict[str, Any]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([key for _, key in _COLUMNS])
    for row in rows:
        writer.writerow([NA if row[k] is None else row[k] for _, k in _COLUMNS])
    out(buffer.getvalue().rstrip("\n"))


def _write_json(
    out: Out, policy: Policy, scenario: Scenario, rows: Sequence[dict[str, Any]]
) -> None:
    document = {
        "policy": repr(policy),
        "scenario": {
            "agents": scenario.agents,
            "hit_ratio": scenario.hit_ratio,
            "hours": scenario.duration / _HOUR,
            "mean_handle_time_s": scenario.handle_time.mean,
            "mean_answer_time_s": scenario.answer_time.mean,
            "no_answer_timeout_s": scenario.no_answer_timeout,
            "abandon_after_s": scenario.abandon_after,
        },
        "runs": list(rows),
        **_summary(rows),
    }
    out(json.dumps(document, indent=2))


def run_simulate(
    *,
    policy: Policy,
    scenario: Scenario,
    seeds: Sequence[int],
    output: str = "table",
    out: Out = print,
    err: Out | None = None,
) -> list[SimResult]:
    """Run one scenario for each seed and write the figures in ``output`` format.

    Args:
        policy: The policy to pace with.
        scenario: The team, audience and run length.
        seeds: The seeds to run, in order.
        output: ``table``, ``csv`` or ``json``.
        out: Where the figures go.
        err: Where the progress bar goes (None: no progress bar).
    """
    results = []
    total = len(seeds)
    for done, seed in enumerate(seeds):
        if err is not None:
            bar = "#" * done + "." * (total - done)
            err(f"\rsimulating [{bar}] run {done + 1}/{total} (seed {seed})")
        results.append(simulate(policy, scenario, seed=seed))
    if err is not None:
        err(f"\rsimulating [{'#' * total}] done{' ' * 24}\n")
    rows = [_figures(seed, r) for seed, r in zip(seeds, results, strict=True)]
    if output == "csv":
        _write_csv(out, rows)
    elif output == "json":
        _write_json(out, policy, scenario, rows)
    else:
        _write_table(out, policy, scenario, rows)
    return results


def _write_stderr(text: str) -> None:
    sys.stderr.write(text)
    sys.stderr.flush()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status (2: a refused flag)."""
    args = _parser().parse_args(argv)
    if args.command == "demo":
        from campaignkit._demo import run_demo

        run_demo()
        return 0
    try:
        scenario = _scenario(args)
        policy = _policy(args.policy)
        if args.seed_list is not None:
            seeds = _seed_list(args.seed_list)
        else:
            seeds = list(range(1, int(_NUMBERS["seeds"].parse(args.seeds)) + 1))
    except CampaignKitError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    show = args.progress == "always" or (
        args.progress == "auto" and sys.stderr.isatty()
    )
    run_simulate(
        policy=policy,
        scenario=scenario,
        seeds=seeds,
        output=args.format,
        err=_write_stderr if show else None,
    )
    return 0
