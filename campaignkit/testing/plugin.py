"""campaignkit's pytest plugin: ``recorder`` and ``clock`` fixtures.

Enabled by the ``pytest11`` entry point once campaignkit is installed (or with
``-p campaignkit.testing.plugin``). It imports nothing of campaignkit until a
fixture is used, so it costs nothing in a test run that does not use it and
coverage tools started after plugins load still see every line of campaignkit;
it never needs hypothesis.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from campaignkit.testing import RecordingNotifier, SteppingClock


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
