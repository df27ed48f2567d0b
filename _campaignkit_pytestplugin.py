"""campaignkit's pytest plugin: the ``recorder`` and ``clock`` fixtures.

The ``pytest11`` entry point loads it in every test run of an environment where
campaignkit is installed, before coverage starts. So it lives outside the
``campaignkit`` package (importing any module of that package runs the whole
package's ``__init__``), imports nothing of campaignkit until a fixture is used,
and never needs hypothesis; a coverage run still sees every line of campaignkit.
``-p campaignkit.testing.plugin`` (or ``pytest_plugins``) loads the same fixtures
where autoloading is off; ``-p no:campaignkit`` turns the plugin off. (Do not name
this module with ``-p`` where the entry point is installed: pytest would refuse to
register one module under two names.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from campaignkit.testing import RecordingNotifier, SteppingClock

__all__ = ["clock", "recorder"]


@pytest.fixture
def recorder() -> RecordingNotifier:
    """A fresh :class:`~campaignkit.notify.RecordingNotifier` for each test."""
    from campaignkit.testing import RecordingNotifier

    return RecordingNotifier()


@pytest.fixture
def clock() -> SteppingClock:
    """A :class:`~campaignkit.testing.SteppingClock` at 2026-01-01 09:00 UTC."""
    from campaignkit.testing import SteppingClock

    return SteppingClock()
