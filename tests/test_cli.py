"""python -m campaignkit: the demo tour and the simulate command."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from typing import Any

import pytest

from campaignkit import OptimizeBy, ValidationError
from campaignkit.__main__ import main
from campaignkit._cli import (
    MAX_SEEDS,
    parse_policy,
    run_simulate,
)
from campaignkit.pacing import Power, Predictive, Progressive, ServiceLevel
from campaignkit.sim import Scenario

QUICK = ["simulate", "--agents", "5", "--hours", "0.25", "--progress", "never"]


def test_demo_tours_an_hour_of_a_campaign(capsys: pytest.CaptureFixture[str]) -> None:
    """The demo names the objects, prints state changes, decisions and a table."""
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    for name in (
        "Spring@Sales",
        "Spring@Retention",
        "Spring@Renewals",
        "Spring@Winback",
    ):
        assert name in out
    assert "NOT_LOADED -> INACTIVE (LOAD by OCS_CLIENT)" in out
    assert "RUNNING -> RUNNING (SET_DIALING_MODE by OCS_CLIENT)" in out
    assert "ACTIVE -> INACTIVE (STOP_DIALING by SELF)" in out
    assert "MANUAL_RUNNING -> MANUAL_STOPPED (STOPPED)" in out
    assert "2 ready, window at 3.5 %       launch  0" in out
    assert "limited by records" in out
    assert "busy factor  hit ratio  overdial  time to complete" in out
    assert "14 events delivered to a RecordingNotifier." in out
    document = json.loads(out[out.index("{\n", out.index("as JSON")) :])
    assert document["status"] == 5


def test_the_demo_is_the_same_every_time(capsys: pytest.CaptureFixture[str]) -> None:
    """The demo reads no clock and seeds its simulation: same output twice."""
    main(["demo"])
    first = capsys.readouterr().out
    main(["demo"])
    assert capsys.readouterr().out == first


def test_the_module_runs_as_a_program() -> None:
    """`python -m campaignkit demo` exits 0 (the README's first command)."""
    result = subprocess.run(
        [sys.executable, "-m", "campaignkit", "demo"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Spring@Sales" in result.stdout


def test_simulate_prints_a_row_per_seed_and_the_summary(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Simulate prints each seed's figures, the mean and the worst seed."""
    assert main([*QUICK, "--seeds", "2", "--policy", "progressive"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0] == "policy:   Progressive(ratio=1.0)"
    assert lines[1] == "scenario: 5 agents, hit ratio 0.3, 0.25 h, abandon after 2 s"
    assert lines[2].split() == [
        "seed",
        "busy",
        "factor",
        "overdial",
        "mean",
        "wait",
        "dialed",
        "answered",
        "abandoned",
    ]
    assert [line.split()[0] for line in lines[4:]] == ["1", "2", "mean", "worst"]
    assert lines[-2].split()[2] == "0.0%"  # progressive never abandons
    assert captured.err == ""


def test_undefined_figures_are_n_a_everywhere(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Nobody answers: overdial and wait are n/a in each row, the mean and the worst."""
    assert main([*QUICK, "--seeds", "2", "--hit-ratio", "0"]) == 0
    rows = capsys.readouterr().out.splitlines()[4:]
    assert len(rows) == 4
    for row in rows:
        assert row.split()[2:4] == ["n/a", "n/a"]


def test_csv_has_one_column_per_figure(capsys: pytest.CaptureFixture[str]) -> None:
    """--format csv: a header of column names, a row per seed, n/a where undefined."""
    assert main([*QUICK, "--seed-list", "3,9", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [row["seed"] for row in rows] == ["3", "9"]
    assert set(rows[0]) == {
        "seed",
        "busy_factor",
        "overdial_rate",
        "mean_agent_wait_s",
        "calls_dialed",
        "calls_answered",
        "calls_abandoned",
    }
    assert 0 < float(rows[0]["busy_factor"]) <= 1
    assert main([*QUICK, "--seeds", "1", "--hit-ratio", "0", "--format", "csv"]) == 0
    (row,) = csv.DictReader(io.StringIO(capsys.readouterr().out))
    assert row["overdial_rate"] == row["mean_agent_wait_s"] == "n/a"


def test_json_carries_the_inputs_runs_and_summary(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--format json: policy, scenario in named units, runs, mean and worst."""
    argv = [*QUICK, "--seeds", "2", "--hit-ratio", "0", "--format", "json"]
    assert main(argv) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["scenario"]["hours"] == 0.25
    assert document["scenario"]["abandon_after_s"] == 2.0
    assert [run["seed"] for run in document["runs"]] == [1, 2]
    assert document["runs"][0]["overdial_rate"] is None
    assert document["mean"]["overdial_rate"] is None
    assert document["worst"]["mean_agent_wait_s"] is None
    assert document["mean"]["calls_answered"] == 0


def test_the_summary_averages_only_defined_figures() -> None:
    """The mean skips undefined runs; the worst picks the lowest busy factor."""
    lines: list[str] = []
    scenario = Scenario(agents=3, hit_ratio=0.3, duration=900)
    results = run_simulate(
        policy=Progressive(), scenario=scenario, seeds=[1, 2], out=lines.append
    )
    busy = sorted(r.busy_factor for r in results)
    mean_row, worst_row = lines[-2].split(), lines[-1].split()
    assert mean_row[1] == f"{sum(busy) / 2:.3f}"
    assert worst_row[1] == f"{busy[0]:.3f}"


def test_simulate_shows_progress_on_stderr_when_asked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--progress always draws a bar on stderr and leaves stdout clean."""
    argv = ["simulate", "--agents", "3", "--hours", "0.1", "--seeds", "2"]
    assert main([*argv, "--progress", "always"]) == 0
    captured = capsys.readouterr()
    assert "run 2/2 (seed 2)" in captured.err
    assert captured.err.endswith("done" + " " * 24 + "\n")
    assert "run 2/2" not in captured.out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--hours", "1e9"], "--hours 1e9: at most 720 hours"),
        (["--hours", "0"], "--hours 0: more than 0 hours"),
        (["--hours", "nan"], "--hours nan: a finite number hours"),
        (["--hours", "soon"], "--hours soon: a number"),
        (["--agents", "0"], "--agents 0: at least 1 agent"),
        (["--agents", "2.5"], "--agents 2.5: a whole number of agents"),
        (["--agents", "20000"], "--agents 20000: at most 10000 agents"),
        (["--hit-ratio", "1.5"], "--hit-ratio 1.5: at most 1"),
        (["--handle-time", "0"], "--handle-time 0: more than 0 s"),
        (["--abandon-after", "-1"], "--abandon-after -1: at least 0 s"),
        (["--seeds", "0"], "--seeds 0: at least 1 run"),
        (["--seeds", "5000"], f"--seeds 5000: at most {MAX_SEEDS} runs"),
        (["--seed-list", "1,x"], "--seed-list 1,x: integers separated by commas"),
        (["--policy", "warp:speed=9"], "--policy warp:speed=9: preview, progressive"),
        (["--policy", "progressive:ratio=1e308"], "--policy progressive:ratio=1e308"),
        (["--policy", "preview"], "--policy preview: preview is not simulated"),
    ],
)
def test_errors_name_the_flag_its_value_and_its_unit(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """A refused value is one line on stderr naming the flag, and exit status 2."""
    assert main(["simulate", *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {message}")
    assert err.count("\n") == 1
    assert "Scenario." not in err


def test_too_many_listed_seeds_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """--seed-list takes at most MAX_SEEDS seeds."""
    seeds = ",".join(str(i) for i in range(MAX_SEEDS + 1))
    assert main(["simulate", "--seed-list", seeds]) == 2
    assert f"1 to {MAX_SEEDS} seeds" in capsys.readouterr().err


def test_a_library_refusal_is_still_reported_against_its_flag(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Scenario rule the flags do not know (say, run cost) names the flag."""
    import campaignkit._cli as cli

    def refuse(**fields: Any) -> Scenario:
        raise ValidationError("Scenario", "duration", 3600.0, "a cheaper run")

    monkeypatch.setattr(cli, "Scenario", refuse)
    assert main(["simulate", "--hours", "1"]) == 2
    assert capsys.readouterr().err.startswith("error: --hours 1: Scenario.duration")

    def refuse_mean(**fields: Any) -> Scenario:
        raise ValidationError("Exponential", "mean", 1.0, "something")

    monkeypatch.setattr(cli, "Scenario", refuse_mean)
    assert main(["simulate", "--handle-time", "7"]) == 2
    assert capsys.readouterr().err.startswith("error: --handle-time 7:")

    def refuse_other(**fields: Any) -> Scenario:
        raise ValidationError("Uniform", "low", 1.0, "something")

    monkeypatch.setattr(cli, "Scenario", refuse_other)
    assert main(["simulate"]) == 2
    assert capsys.readouterr().err.startswith("error: Uniform.low")


def test_help_shows_defaults_and_units(capsys: pytest.CaptureFixture[str]) -> None:
    """Every value flag's help names its unit and its default."""
    with pytest.raises(SystemExit):
        main(["simulate", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for fragment in (
        "--agents N agents logged in for the run (default: 20)",
        "in hours (at most 720) (default: 8)",
        "how many runs, with seeds 1 to COUNT (default: 5)",
        "--handle-time SECONDS",
        "--format {table,csv,json}",
        "(default: predictive:overdial=3)",
        "so it is refused",
    ):
        assert fragment in text


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the package version."""
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith("campaignkit 0.")


def test_an_unknown_command_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """Unknown commands are refused with exit status 2."""
    with pytest.raises(SystemExit) as info:
        main(["fly"])
    assert info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


# --- parse_policy -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("progressive", Progressive(1.0)),
        (" Progressive : ratio = 1.5 ", Progressive(1.5)),
        ("power:ratio=2", Power(2.0)),
        ("service-level:percent=80", ServiceLevel(80)),
        ("predictive", Predictive(OptimizeBy.OVERDIAL_RATE, 3)),
        ("predictive:wait=5", Predictive(OptimizeBy.WAIT_TIME, 5)),
        (
            "predictive:busy=90,max-overdial=2",
            Predictive(OptimizeBy.BUSY_FACTOR, 90, max_overdial=2),
        ),
    ],
)
def test_parse_policy_builds_each_form(spec: str, expected: Any) -> None:
    """Each spec form gives its policy."""
    assert parse_policy(spec) == expected


@pytest.mark.parametrize(
    ("spec", "why"),
    [
        ("turbo", "preview, progressive"),
        ("preview:ratio=2", "options among"),
        ("progressive:ratio", "key=value"),
        ("progressive:ratio=fast", "a number for ratio"),
        ("progressive:ratio=1,ratio=2", "each option once"),
        ("service-level", "percent=<integer>"),
        ("service-level:percent=eighty", "an integer for percent"),
        ("predictive:overdial=3,busy=80", "one goal"),
        ("predictive:max-overdial=2", "max-overdial only with busy or wait"),
    ],
)
def test_parse_policy_refuses_bad_specs(spec: str, why: str) -> None:
    """A bad spec is a ValidationError saying what the spec should be."""
    with pytest.raises(ValidationError, match="policy spec") as info:
        parse_policy(spec)
    assert why in info.value.allowed


def test_parse_policy_stays_importable_from_pacing() -> None:
    """campaignkit.pacing.parse_policy is the CLI's function; other names still fail."""
    import campaignkit.pacing

    assert campaignkit.pacing.parse_policy is parse_policy
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = campaignkit.pacing.no_such_name
