"""campaignkit.testing as a host's test suite uses it: fixtures, clocks, strategies."""

from __future__ import annotations

import asyncio
import datetime as dt
import importlib
import selectors
import socket
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import campaignkit.testing
from campaignkit import CampaignGroup, GroupStateChanged, ValidationError
from campaignkit.testing import (
    START,
    RecordingNotifier,
    SteppingClock,
    VirtualClockLoop,
    run_virtual,
    strategies,
)
from campaignkit.testing._clock import _Selector
from campaignkit.wire import eightbyeight, genesys, voipbin

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[1]

HOST_TESTS = '''
import hypothesis.strategies as st
from hypothesis import given, settings

import campaignkit.testing  # registers the strategies
from campaignkit import CampaignGroup, GroupStateChanged, lifecycle
from campaignkit.notify import dispatch


def start_group(group, notifiers, *, at):
    """The host's code under test."""
    transition = lifecycle.start(lifecycle.load(group, at=at).after, at=at)
    for event in transition.events:
        dispatch(event, notifiers)
    return transition.after


def test_start_is_notified(recorder, clock):
    group = CampaignGroup(campaign_name="Spring", group_name="Sales")
    clock.advance(30)
    start_group(group, [recorder], at=clock.now)
    (started,) = recorder.of_type(GroupStateChanged)
    assert started.at == clock.now
    assert started.group.status.name == "RUNNING"
    recorder.clear()
    assert recorder.events == []


def test_each_test_gets_fresh_fixtures(recorder, clock):
    assert recorder.events == []
    assert clock.now.isoformat() == "2026-01-01T09:00:00+00:00"


@settings(max_examples=10)
@given(st.from_type(CampaignGroup))
def test_from_type_builds_groups(group):
    assert isinstance(group, CampaignGroup)
'''


@pytest.fixture
def host(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A host project whose tests use the plugin, seeing this checkout's package.

    Plugin autoloading is off, so the run is the same whether or not campaignkit
    is installed (installed, its entry point would load the plugin by itself).
    """
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    pytester.makepyfile(test_host=HOST_TESTS)
    return pytester


@pytest.mark.parametrize(
    "plugin", ["_campaignkit_pytestplugin", "campaignkit.testing.plugin"]
)
def test_the_plugin_serves_a_hosts_tests(host: pytest.Pytester, plugin: str) -> None:
    """Loaded with -p (the entry point's module, or the package's): all pass."""
    result = host.runpytest("-p", plugin, "-p", "no:cacheprovider")
    result.assert_outcomes(passed=3)


def test_loading_the_plugin_with_p_makes_hypothesis_warn_of_nothing(
    host: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Registering strategies on import builds none, so no HypothesisSideeffectWarning.

    ``-p campaignkit.testing.plugin`` imports the strategies before hypothesis's
    own plugin loads; building a strategy then warns on every host's run.
    """
    monkeypatch.delenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD")  # hypothesis's plugin on
    result = host.runpytest_subprocess(
        "-p", "campaignkit.testing.plugin", "-p", "no:cacheprovider"
    )
    result.assert_outcomes(passed=3, warnings=0)


def test_the_plugin_needs_neither_hypothesis_nor_an_early_import(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With hypothesis unimportable the plugin loads and its fixtures work.

    Loading it imports no campaignkit module, so a coverage run started after the
    plugins load (pytest-cov) still sees every line of campaignkit.
    """
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    pytester.makeconftest(
        """
import sys
assert not [m for m in sys.modules if m.startswith("campaignkit")], "imported early"
sys.modules["hypothesis"] = None  # as if the testing extra were not installed
"""
    )
    pytester.makepyfile(
        test_plain="""
import campaignkit.testing

def test_fixtures(recorder, clock):
    assert recorder.events == []
    assert clock.advance(1).second == 1
    assert not hasattr(campaignkit.testing, "strategies")
"""
    )
    result = pytester.runpytest_subprocess(
        "-p",
        "_campaignkit_pytestplugin",
        "-p",
        "no:cacheprovider",
    )
    result.assert_outcomes(passed=1)


def test_importing_without_hypothesis_skips_the_strategies(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The package imports without hypothesis; any other missing module is an error."""
    monkeypatch.delitem(sys.modules, "campaignkit.testing")
    monkeypatch.delitem(sys.modules, "campaignkit.testing.strategies")
    monkeypatch.setitem(sys.modules, "hypothesis", None)
    bare = importlib.import_module("campaignkit.testing")
    assert not hasattr(bare, "strategies")
    assert bare.SteppingClock is SteppingClock
    monkeypatch.delitem(sys.modules, "campaignkit.testing")
    monkeypatch.setitem(sys.modules, "campaignkit.testing.strategies", None)
    with pytest.raises(ModuleNotFoundError, match="strategies"):
        importlib.import_module("campaignkit.testing")
    monkeypatch.setattr(campaignkit, "testing", campaignkit.testing, raising=False)


# --- SteppingClock ------------------------------------------------------------------


def test_the_clock_steps_only_when_told() -> None:
    """It starts at START, moves by the seconds given (1 by default), never back."""
    clock = SteppingClock()
    assert clock.now == clock() == START
    assert clock.advance() == START + dt.timedelta(seconds=1)
    assert clock.advance(0.5) == START + dt.timedelta(seconds=1.5)
    for bad in (-1, float("inf"), float("nan")):
        with pytest.raises(ValidationError, match="seconds"):
            clock.advance(bad)
    assert clock.now == START + dt.timedelta(seconds=1.5)
    with pytest.raises(ValidationError, match="now"):
        SteppingClock(dt.datetime(2026, 1, 1))


# --- VirtualClockLoop ---------------------------------------------------------------


def test_virtual_time_jumps_to_the_next_timer() -> None:
    """An hour's sleep and a timeout take no real time; advance moves the clock."""

    async def main() -> list[float]:
        loop = asyncio.get_running_loop()
        assert isinstance(loop, VirtualClockLoop)
        seen = [loop.time()]
        await asyncio.sleep(3600)
        seen.append(loop.time())
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(5):
                await asyncio.Event().wait()
        seen.append(loop.time())
        loop.advance(0.5)
        seen.append(loop.time())
        return seen

    assert run_virtual(main()) == [0.0, 3600.0, 3605.0, 3605.5]


def test_virtual_time_still_does_io_and_threads() -> None:
    """Ready I/O is served before the clock jumps; a thread wakes a waiting loop."""
    left, right = socket.socketpair()

    async def main() -> tuple[bytes, int, float]:
        loop = asyncio.get_running_loop()
        left.setblocking(False)
        right.setblocking(False)
        right.send(b"x")
        data = await asyncio.wait_for(loop.sock_recv(left, 1), timeout=60)
        answer = await loop.run_in_executor(None, lambda: 42)
        return data, answer, loop.time()

    try:
        assert run_virtual(main()) == (b"x", 42, 0.0)
    finally:
        left.close()
        right.close()


def test_with_nothing_scheduled_the_selector_waits_for_io() -> None:
    """No timer to jump to: it waits for I/O (or a thread) as a real loop does."""
    left, right = socket.socketpair()
    selector = _Selector()
    try:
        selector.register(left, selectors.EVENT_READ)
        right.send(b"x")
        ((key, _),) = selector.select(None)
        assert key.fileobj is left
        assert selector.clock == 0.0
    finally:
        selector.close()
        left.close()
        right.close()


# --- strategies ---------------------------------------------------------------------


@pytest.mark.parametrize("cls", list(strategies._REGISTERED), ids=lambda c: c.__name__)
def test_from_type_builds_every_registered_class(cls: type[Any]) -> None:
    """st.from_type works for every model, snapshot, event, figure and record."""

    @settings(max_examples=20)
    @given(st.from_type(cls))
    def check(value: Any) -> None:
        assert isinstance(value, cls)

    check()


def test_registering_again_changes_nothing() -> None:
    """register() is idempotent (importing twice is harmless)."""
    strategies.register()
    test_group_events_carry_a_group()


@settings(max_examples=30)
@given(strategies.eightbyeight_documents())
def test_eightbyeight_documents_decode_and_encode_back(doc: dict[str, Any]) -> None:
    """Each 8x8 document decodes, and encodes back to itself."""
    assert eightbyeight.encode_campaign(eightbyeight.decode_campaign(doc)) == doc


@settings(max_examples=30)
@given(strategies.voipbin_documents())
def test_voipbin_documents_decode_and_encode_back(doc: dict[str, Any]) -> None:
    """Each VoIPbin resource decodes to a campaign and group that encode back."""
    assert voipbin.encode_campaign(*voipbin.decode_campaign(doc)) == doc


@settings(max_examples=30)
@given(strategies.genesys_documents)
def test_genesys_documents_parse(doc: dict[str, Any]) -> None:
    """Each CampaignGroupState body parses, naming its group."""
    report = genesys.parse_group_state(doc)
    assert report.group_name == doc["GSW_GROUP_NAME"]


@settings(max_examples=30)
@given(strategies.events)
def test_events_are_events(event: Any) -> None:
    """Every event strategy draws something a notifier accepts."""
    recorder = RecordingNotifier()
    recorder.notify(event)
    assert recorder.events == [event]


@settings(max_examples=30)
@given(strategies.models)
def test_models_are_models(model: Any) -> None:
    """The models strategy draws frozen attrs values."""
    assert hash(model) == hash(model)


@settings(max_examples=30)
@given(st.from_type(GroupStateChanged))
def test_group_events_carry_a_group(event: GroupStateChanged) -> None:
    """A drawn event's group is a CampaignGroup and its time aware."""
    assert isinstance(event.group, CampaignGroup)
    assert event.at.utcoffset() is not None


def test_every_value_class_a_host_handles_is_registered() -> None:
    """Models, events, figures, records, policies: none is left to a failing guess."""
    import attrs

    from campaignkit import events, models, pacing, records, stats

    public = [
        getattr(module, name)
        for module in (models, events, stats, records, pacing)
        for name in module.__all__
    ]
    values = [c for c in public if isinstance(c, type) and attrs.has(c)]
    # Transition is built by the lifecycle, never drawn on its own.
    missing = [c.__name__ for c in values if c not in strategies._REGISTERED]
    assert missing == ["Transition"]


HOST_TYPED = """
from campaignkit import GroupStateChanged, GroupStatus
from campaignkit.testing import RecordingNotifier


def statuses(recorder: RecordingNotifier) -> list[GroupStatus]:
    return [event.group.status for event in recorder.of_type(GroupStateChanged)]


reveal_type(RecordingNotifier().of_type(GroupStateChanged))
"""


def test_of_type_is_typed_for_mypy_strict(tmp_path: Path) -> None:
    """A host's typed test code using of_type passes mypy --strict as it is."""
    api = pytest.importorskip("mypy.api")
    snippet = tmp_path / "host_typed.py"
    snippet.write_text(HOST_TYPED)
    out, err, status = api.run(
        ["--strict", "--cache-dir", str(tmp_path / "cache"), str(snippet)]
    )
    assert "list[campaignkit.events.GroupStateChanged]" in out
    assert "error" not in out, out + err
    assert status == 0, out + err
