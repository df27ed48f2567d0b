"""The README's two commands are the ones CI runs."""

from __future__ import annotations

import pathlib

ROOT = pathlib.Path(__file__).parent.parent


def readme_commands() -> list[str]:
    """The commands of the README's first code block."""
    text = (ROOT / "README.md").read_text()
    block = text.split("```sh\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.strip()]


def test_readme_opens_with_the_demo_and_the_test_command() -> None:
    """The first block has exactly two commands: the demo, then the tests."""
    demo, tests = readme_commands()
    assert demo.endswith("python -m campaignkit demo")
    assert "python -m pytest" in tests


def test_ci_runs_the_readme_test_command_exactly() -> None:
    """.ci/run runs the README's test command, character for character."""
    test_command = readme_commands()[1].split(" && ", 1)[1]
    assert test_command in (ROOT / ".ci" / "run").read_text().splitlines()
