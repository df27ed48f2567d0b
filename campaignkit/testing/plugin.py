"""The pytest fixtures, for ``-p campaignkit.testing.plugin`` or ``pytest_plugins``.

Installed campaignkit registers them by itself (the ``pytest11`` entry point
loads ``_campaignkit_pytestplugin``, which stays outside this package so that
loading it imports nothing); this module is for runs with plugin autoloading
off. Fixtures: ``recorder`` (a fresh RecordingNotifier) and ``clock`` (a
SteppingClock at 2026-01-01 09:00 UTC).
"""

from __future__ import annotations

from _campaignkit_pytestplugin import clock, recorder

__all__ = ["clock", "recorder"]
