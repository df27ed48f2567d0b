"""Helpers for testing a host of campaignkit: recorders, clocks, strategies.

- :class:`RecordingNotifier` keeps the events it is given (``of_type``,
  ``clear``);
- :class:`SteppingClock` is a wall clock the test moves (``clock.now``,
  ``clock.advance(seconds)``);
- :class:`VirtualClockLoop` and :func:`run_virtual` run asyncio code on a clock
  that jumps to the next timer, so timeouts take no real time;
- :mod:`campaignkit.testing.strategies` has hypothesis strategies for every model,
  snapshot, event and vendor document. When hypothesis is installed (the
  ``testing`` extra), importing this package registers them, so
  ``st.from_type(CampaignGroup)`` works; without it, the rest still imports.
- :mod:`campaignkit.testing.plugin` offers them as pytest fixtures.

None of this is imported by campaignkit itself.
"""

from __future__ import annotations

from campaignkit.notify import RecordingNotifier
from campaignkit.testing._clock import (
    START,
    SteppingClock,
    VirtualClockLoop,
    run_virtual,
)

__all__ = [
    "START",
    "RecordingNotifier",
    "SteppingClock",
    "VirtualClockLoop",
    "run_virtual",
]

try:  # registers the strategies with hypothesis
    from campaignkit.testing import strategies as strategies
except ModuleNotFoundError as missing:  # the testing extra is not installed
    if missing.name != "hypothesis":
        raise
