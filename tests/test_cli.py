"""python -m campaignkit: the demo."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from campaignkit.__main__ import main


def test_demo_prints_stat_server_names_and_json(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The demo names both groups and both lists, then prints valid JSON."""
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    for name in (
        "Spring@Sales",
        "Spring@Retention",
        "Spring@Renewals",
        "Spring@Winback",
    ):
        assert name in out
    document = json.loads(out[out.index("{") :])
    assert len(document["groups"]) == 2
    assert len(document["calling_lists"]) == 2


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


def test_an_unknown_command_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """Unknown commands are refused with exit status 2."""
    with pytest.raises(SystemExit) as info:
        main(["fly"])
    assert info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
