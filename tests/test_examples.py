"""The examples and the pacing notebook run, and print what they say they show.

Each script in ``examples/`` is run as ``__main__`` with its output captured;
the notebook's code cells are executed in one namespace, as Jupyter would, with
the figure written to a temporary file. (``http_notifier.py`` has its own test.)
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import logging
import re
import runpy
from pathlib import Path
from typing import Any

import pytest

from campaignkit import GroupAction, GroupStatus, OptimizeBy
from campaignkit.pacing import Predictive, Progressive
from campaignkit.sim import sweep
from campaignkit.wire.genesys import parse_group_state

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
NOTEBOOK = EXAMPLES / "pacing_playground.ipynb"
PLOT = ROOT / "docs" / "pacing_plot.png"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SCRIPTS = ("quickstart", "ocs_group_reporting", "ccaas_status", "cpaas_service_level")


def run_example(name: str, capsys: pytest.CaptureFixture[str]) -> str:
    """Run ``examples/<name>.py`` as a script and return what it printed."""
    capsys.readouterr()
    runpy.run_path(str(EXAMPLES / f"{name}.py"), run_name="__main__")
    return capsys.readouterr().out


def test_every_example_script_is_tested_here() -> None:
    """A new example script fails this test until it gets one of its own."""
    scripts = {p.stem for p in EXAMPLES.glob("*.py")} - {"http_notifier"}
    assert scripts == set(SCRIPTS)


# --- quickstart ---------------------------------------------------------------


def test_quickstart_walks_the_group_through_its_lifecycle(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Load, start, stop with calls up and the drain print as status changes."""
    out = run_example("quickstart", capsys)
    assert "calling list Spring@Renewals share 70 %" in out
    assert "Spring@Sales: NOT_LOADED -> INACTIVE (LOAD by OCS_CLIENT)" in out
    assert "allowed now: COMPLETE, FORCE_UNLOAD, START_DIALING, UNLOAD" in out
    assert "Spring@Sales: INACTIVE -> RUNNING (START_DIALING by OCS_CLIENT)" in out
    assert "the first group is unchanged: NOT_LOADED" in out
    assert "campaign activity: RUNNING" in out
    assert "in status RUNNING cannot LOAD" in out
    assert "Spring@Sales: RUNNING -> ACTIVE (STOP_DIALING by OCS_CLIENT)" in out
    assert "Spring@Sales: ACTIVE -> INACTIVE (STOP_DIALING by SELF)" in out
    assert "status since 2026-03-02 17:00:40 UTC" in out


def test_quickstart_paces_predictively_and_computes_the_figures(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The running group's policy launches some calls; the stats are the counters'."""
    out = run_example("quickstart", capsys)
    assert "policy: Predictive(optimize_by=<OptimizeBy.OVERDIAL_RATE: 2>, goal=3" in out
    launched = re.search(r"launch (\d+) calls \(predictive: ", out)
    assert launched is not None
    assert 1 <= int(launched.group(1)) <= 30 - 16 - 6  # at most the free lines
    assert "busy factor 0.84, hit ratio 0.285, overdial rate 0.018" in out
    assert "time to complete: 9176 s" in out
    assert "Renewals: hit ratio 0.30, time to complete 9000 s" in out
    assert "Winback: hit ratio 0.25, time to complete 9600 s" in out


# --- OCS group reporting ------------------------------------------------------


def printed_payloads(out: str) -> list[dict[str, Any]]:
    """The JSON objects printed with indent=2 (from a ``{`` line to a ``}`` line)."""
    blocks = re.findall(r"^\{\n.*?^\}$", out, flags=re.MULTILINE | re.DOTALL)
    return [json.loads(block) for block in blocks]


def test_ocs_day_prints_one_payload_per_event_in_order(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Load, start, reports, two mode changes, stop, drain and unload, in order."""
    out = run_example("ocs_group_reporting", capsys)
    payloads = printed_payloads(out)
    s, a = GroupStatus, GroupAction
    expected = [
        (s.INACTIVE, a.LOAD),
        (s.RUNNING, a.START_DIALING),
        (s.RUNNING, None),
        (s.RUNNING, None),
        (s.RUNNING, a.SET_DIALING_MODE),
        (s.RUNNING, None),
        (s.RUNNING, a.SET_DIALING_MODE),
        (s.RUNNING, None),
        (s.ACTIVE, a.STOP_DIALING),
        (s.ACTIVE, None),
        (s.INACTIVE, a.STOP_DIALING),
        (s.NOT_LOADED, a.UNLOAD),
    ]
    reports = [parse_group_state(p) for p in payloads]
    assert [(r.status, r.action) for r in reports] == expected
    assert [r.dial_mode for r in reports if r.action is a.SET_DIALING_MODE] == [2, 1]
    assert all(r.campaign_group_name == "Spring@Sales" for r in reports)
    assert [r.at for r in reports] == sorted(r.at for r in reports)
    assert "recorded 12 events: 7 state changes, 5 periodic reports" in out


def test_ocs_periodic_reports_carry_group_and_list_figures(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Each periodic payload has the four GSW_STAT_* figures and both lists."""
    out = run_example("ocs_group_reporting", capsys)
    periodic = [p for p in printed_payloads(out) if p["GSW_CAMPAIGN_GROUP_ACTION"] == 0]
    assert len(periodic) == 5
    for payload in periodic:
        assert payload["GSW_STAT_BUSY_FACTOR"] == pytest.approx(0.84)
        assert 0 < payload["GSW_STAT_OVERDIAL_RATE"] < 0.03
        assert payload["GSW_STAT_TIME_TO_COMPLETE"] > 0
        names = [c["GSW_CALLING_LIST_NAME"] for c in payload["GSW_CALLING_LISTS"]]
        assert names == ["Renewals", "Winback"]
    left = [p["GSW_STAT_TIME_TO_COMPLETE"] for p in periodic]
    assert left == sorted(left, reverse=True)  # the lists run down during the day


def test_ocs_day_logs_ocs_messages_and_shows_the_refused_mode(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """LoggingNotifier prints 81000/81001 lines; the Preview change is refused."""
    out = run_example("ocs_group_reporting", capsys)
    assert out.count("log 81000: Sending HTTP status notification") == 7
    assert out.count("log 81001: Sending periodic HTTP status notification") == 5
    assert "to https://reports.example.com/ocs/campaign-group-states" in out
    assert "PREVIEW refused while running: Spring@Sales in status RUNNING" in out
    assert "failed" not in out
    handlers = logging.getLogger("ocs_group_reporting").handlers
    assert not [h for h in handlers if type(h) is logging.StreamHandler]  # removed


# --- 8x8 CC status ------------------------------------------------------------


def test_ccaas_decides_and_builds_the_status_change(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The seed campaign is paused: URL, body and write-token header are printed."""
    out = run_example("ccaas_status", capsys)
    assert "GET https://vcc-na12.8x8.com/api/stats/campaigns/6561.json" in out
    assert "status 3 MANUAL_RUNNING, phase RUNNING" in out
    assert "allowed requests: PAUSED, STOPPED" in out
    assert "MANUAL_RUNNING -> MANUAL_PAUSED (trigger PAUSED)" in out
    post = out[out.index("POST ") :]
    assert post.startswith("POST https://vcc-na12.8x8.com/api/tstats/campaigns/6561\n")
    assert "Content-Type: application/json" in post
    assert '{"status": "PAUSED"}' in post
    header = re.search(r"Authorization: Basic (\S+)", post)
    assert header is not None
    assert base64.b64decode(header.group(1)) == b"acme:fake-action-token"
    assert "8x8 answered: Campaign status changed." in out
    assert "time zone EST5EST (read in America/New_York)" in out
    assert "not sent: campaign 6561 (My Callbacks)" in out
    assert "dynamic campaigns only" in out
    assert "allowed requests: PURGED, RUNNING, STOPPED" in out
    assert "encoded status: 8" in out
    assert "fake-action-token" not in out  # the Credentials repr hides tokens


def test_ccaas_shows_the_refused_changes(capsys: pytest.CaptureFixture[str]) -> None:
    """Purging a running campaign and resuming a stopped one are refused."""
    out = run_example("ccaas_status", capsys)
    refusal = (
        "in status MANUAL_RUNNING cannot request PURGED; allowed now: PAUSED, STOPPED"
    )
    assert refusal in out
    assert "MANUAL_PAUSED -> MANUAL_STOPPED" in out
    assert "allowed requests: none" in out
    assert "in status MANUAL_STOPPED cannot request RUNNING; allowed now: none" in out


# --- VoIPbin service level ----------------------------------------------------


def test_cpaas_table_shows_where_the_two_rules_part(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """At 100 % both rules agree; at 80 % and 150 % they differ as documented."""
    out = run_example("cpaas_service_level", capsys)
    assert "service level 100 %, end handle stop" in out
    assert "INACTIVE (stop)" in out
    rows = {
        int(agents): re.findall(r"(\d+) / (\d+)", cells)
        for agents, cells in re.findall(r"^ +(\d+)((?: +\d+ / \d+){3})$", out, re.M)
    }
    assert sorted(rows) == [1, 2, 5, 10, 20]
    for agents, (at_100, at_80, at_150) in rows.items():
        assert at_100 == (str(agents), str(agents))
        assert int(at_80[0]) >= agents >= int(at_80[1])  # documented >= coded
        assert int(at_150[0]) <= agents <= int(at_150[1])
    assert rows[10] == [("10", "10"), ("13", "8"), ("7", "15")]
    assert "5 agents free and 3 calls dialing: 2 more" in out


def test_cpaas_run_stop_bodies_and_hangups(capsys: pytest.CaptureFixture[str]) -> None:
    """Run/stop bodies, the three wire statuses, and hangups map as the vendor's."""
    out = run_example("cpaas_service_level", capsys)
    assert 'request body {"status": "run"}' in out
    assert 'request body {"status": "stop"}' in out
    assert "RUNNING is written as 'run'" in out
    assert "ACTIVE is written as 'stopping'" in out
    assert "INACTIVE is written as 'stop'" in out
    assert "refused: status_request.target: 'stopping' is not allowed" in out
    outcomes = dict(re.findall(r"'([\w-]*)' -> (\w+)", out))
    assert outcomes == {
        "normal": "SUCCESS",
        "busy": "FAILURE",
        "noanswer": "FAILURE",
        "amd": "FAILURE",
        "timeout": "FAILURE",
        "": "FAILURE",
        "carrier-x": "FAILURE",
    }


# --- the notebook -------------------------------------------------------------


def load_notebook() -> dict[str, Any]:
    """The committed notebook's JSON."""
    notebook: dict[str, Any] = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    return notebook


def test_notebook_is_committed_without_outputs() -> None:
    """Code cells have no outputs and null execution counts (nbformat 4)."""
    notebook = load_notebook()
    assert notebook["nbformat"] == 4
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert code
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code)


def test_committed_plot_is_a_png() -> None:
    """docs/pacing_plot.png, generated by the notebook, is committed and a PNG."""
    assert PLOT.read_bytes().startswith(PNG_MAGIC)


@pytest.fixture(scope="module")
def notebook_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The notebook's namespace after running every code cell, plot in a tmp dir.

    ``PLOT_PATH`` is replaced right after the cell that sets it, so the committed
    figure is never overwritten.
    """
    pytest.importorskip("matplotlib")
    plot_path = tmp_path_factory.mktemp("notebook") / "pacing_plot.png"
    namespace: dict[str, Any] = {"__name__": "__main__"}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        for number, cell in enumerate(load_notebook()["cells"]):
            if cell["cell_type"] != "code":
                continue
            source = "".join(cell["source"])
            exec(compile(source, f"{NOTEBOOK.name}[{number}]", "exec"), namespace)
            if "PLOT_PATH" in namespace and namespace["PLOT_PATH"] != plot_path:
                namespace["PLOT_PATH"] = plot_path
    namespace["_plot_path"] = plot_path
    namespace["_printed"] = printed.getvalue()
    return namespace


def test_notebook_writes_the_plot(notebook_run: dict[str, Any]) -> None:
    """The figure goes to PLOT_PATH, as a PNG, and the results table is printed."""
    path = notebook_run["_plot_path"]
    assert path.read_bytes().startswith(PNG_MAGIC)
    assert path.stat().st_size > 10_000
    printed = notebook_run["_printed"]
    assert f"saved {path}" in printed
    assert printed.count("Predictive, overdial goal") == 2 * 3  # 2 audiences, 3 goals


def test_notebook_sweeps_every_policy_on_every_scenario(
    notebook_run: dict[str, Any],
) -> None:
    """One result per scenario and policy, with figures in range."""
    results = notebook_run["results"]
    scenarios, policies = notebook_run["SCENARIOS"], notebook_run["POLICIES"]
    assert len(results) == len(scenarios) * len(policies)
    assert {type(r["policy"]) for r in results} >= {Progressive, Predictive}
    for row in results:
        assert 0.0 < row["busy_factor"] < 1.0
        assert 0.0 <= row["abandonment"] <= 1.0
        assert row["dialed"] > 0


def test_notebook_results_are_sane(notebook_run: dict[str, Any]) -> None:
    """Predictive keeps its overdial goal and beats plain progressive on busy factor."""
    results = notebook_run["results"]
    for row in results:
        policy = row["policy"]
        if (
            isinstance(policy, Predictive)
            and policy.optimize_by is OptimizeBy.OVERDIAL_RATE
        ):
            assert row["abandonment"] <= policy.goal / 100 + 0.01
        if policy == Progressive(1.0):
            assert row["abandonment"] == 0.0
    for scenario in notebook_run["SCENARIOS"]:
        mine = {
            str(r["policy"]): r["busy_factor"]
            for r in results
            if r["scenario"] == scenario
        }
        predictive = str(Predictive(OptimizeBy.OVERDIAL_RATE, 3))
        assert mine[predictive] > mine[str(Progressive(1.0))] + 0.05


def test_notebook_sweeps_with_sweep_and_draws_a_progress_bar(
    notebook_run: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """It runs its grid through sim.sweep with its progress callback, a text bar."""
    code = "".join(
        "".join(c["source"])
        for c in load_notebook()["cells"]
        if c["cell_type"] == "code"
    )
    assert "rows = sweep(" in code
    assert "progress=progress" in code
    assert notebook_run["sweep"] is sweep
    notebook_run["progress"](3, 4)
    assert "] 3/4" in capsys.readouterr().err
