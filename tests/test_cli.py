"""python -m campaignkit: the demo tour and the simulate command."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from campaignkit.__main__ import main


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
    argv = ["simulate", "--agents", "5", "--hours", "0.25", "--seeds", "2"]
    assert main([*argv, "--policy", "progressive", "--progress", "never"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0] == "policy:   Progressive(ratio=1.0)"
    assert lines[1] == "scenario: 5 agents, hit ratio 0.3, 0.25 h, abandon after 2 s"
    assert [line.split()[0] for line in lines[4:]] == ["1", "2", "mean", "worst"]
    assert lines[-2].split()[2] == "0.0%"  # progressive never abandons
    assert captured.err == ""


def test_simulate_shows_progress_on_stderr_when_asked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--progress always draws a bar on stderr and leaves stdout clean."""
    argv = ["simulate", "--agents", "3", "--hours", "0.1", "--seeds", "2"]
    assert main([*argv, "--progress", "always"]) == 0
    captured = capsys.readouterr()
    assert "seed 2/2" in captured.err
    assert captured.err.endswith("done" + " " * 12 + "\n")
    assert "seed 2/2" not in captured.out


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--policy", "warp:speed=9"], "warp"),
        (["--agents", "0"], "Scenario.agents"),
        (["--hit-ratio", "1.5"], "Scenario.hit_ratio"),
        (["--seeds", "0"], "--seeds"),
    ],
)
def test_simulate_refuses_bad_arguments(
    capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    """A bad scenario or policy is an error message and exit status 2."""
    assert main(["simulate", *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert words in err


def test_an_unknown_command_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """Unknown commands are refused with exit status 2."""
    with pytest.raises(SystemExit) as info:
        main(["fly"])
    assert info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
