"""How fast the simulator runs, beside a lean heapq loop of the same model.

The lean loop is what one would write by hand for one scenario: the same events
(launch, resolve, free, give up, a pacing tick every interval), the same draws from
the same streams (so it meets the same attempts), Progressive's rule inlined, and
nothing else: no snapshot, no `pace`, no estimates, no ledger, no per-minute series.
`simulate` adds all of those; the ratio is what they cost. All run in this process,
taking turns, best of ``--repeat`` in CPU time (so that other processes on a busy
machine do not skew it), so the ratio is measured in one run. The target:
`simulate(Progressive(), ...)` within 3x of the bare lean loop at every team size.

    python benchmarks/sim_speed.py [--hours 8] [--repeat 3]
"""

from __future__ import annotations

import argparse
import heapq
import math
import time
from collections.abc import Callable
from functools import partial

from campaignkit import OptimizeBy
from campaignkit.pacing import PacingSnapshot, Predictive, Progressive, pace
from campaignkit.sim import Scenario, _stream, simulate

PREDICTIVE = Predictive(OptimizeBy.OVERDIAL_RATE, 3)


def lean(  # noqa: PLR0915
    sc: Scenario, seed: int, *, with_pace: bool = False
) -> tuple[int, int, int, float]:
    """Progressive(1) over the scenario, by hand: dialed, answered, abandoned, busy.

    With ``with_pace`` each tick after an event builds a validated
    ``PacingSnapshot`` and asks ``pace``, as a lean host loop must to drive a real
    policy (and as the pacing benchmarks' own lean simulator does).
    """
    outcome = _stream(seed, "outcome").random
    draw_answer = sc.answer_time.sampler(_stream(seed, "answer"))
    draw_unanswered = sc.unanswered_time.sampler(_stream(seed, "unanswered"))
    draw_talk = sc.handle_time.sampler(_stream(seed, "talk"))
    draw_wrap = sc.wrap_up.sampler(_stream(seed, "wrap"))
    hit, timeout, grace, duration = (
        sc.hit_ratio,
        sc.no_answer_timeout,
        sc.abandon_after,
        sc.duration,
    )
    events: list[tuple[float, int, int, float]] = [(0.0, 0, 0, 0.0)]
    seq, ready, out = 1, sc.agents, 0
    waiting: dict[int, float] = {}
    dialed = answered = abandoned = 0
    busy = 0.0
    push, pop = heapq.heappush, heapq.heappop
    changed, quiet, policy = True, False, Progressive()
    while True:
        now, call, kind, handle = pop(events)
        if now >= duration:
            break
        if kind == 0:  # tick: Progressive(1), ready - out - waiting
            push(events, (now + sc.pacing_interval, seq, 0, 0.0))
            seq += 1
            calls = ready - out - len(waiting)
            if with_pace:
                if quiet and not changed:
                    continue
                snapshot = PacingSnapshot(
                    agents_ready=ready,
                    agents_busy=sc.agents - ready,
                    calls_dialing=out,
                    calls_waiting=len(waiting),
                    answered=answered,
                    abandoned=abandoned,
                )
                calls = pace(snapshot, policy).calls
                changed, quiet = False, calls == 0
            for _ in range(calls):
                live = outcome() < hit
                a, u = draw_answer(), draw_unanswered()
                h = draw_talk() + draw_wrap()
                after = min(a if live else u, timeout)
                push(events, (now + after, seq, 1, h if live else -1.0))
                seq += 1
                out += 1
                dialed += 1
            continue
        changed = True
        if kind == 1:  # resolve
            out -= 1
            if handle >= 0.0:
                answered += 1
                if ready:
                    ready -= 1
                    busy += min(handle, duration - now)
                    push(events, (now + handle, seq, 2, 0.0))
                    seq += 1
                elif grace == 0.0:
                    abandoned += 1
                else:
                    waiting[call] = handle
                    push(events, (now + grace, call, 3, 0.0))
        elif kind == 2:  # free
            ready += 1
            if waiting:
                h = waiting.pop(next(iter(waiting)))
                ready -= 1
                busy += min(h, duration - now)
                push(events, (now + h, seq, 2, 0.0))
                seq += 1
        elif waiting.pop(call, None) is not None:
            abandoned += 1
    return dialed, answered, abandoned, busy / (sc.agents * duration)


def best(runs: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """The best CPU time of each run over ``repeat`` turns, in seconds."""
    times = dict.fromkeys(runs, math.inf)
    for _ in range(repeat):
        for name, run in runs.items():
            start = time.process_time()
            run()
            times[name] = min(times[name], time.process_time() - start)
    return times


def main() -> None:
    """Time simulate against the lean loop on a few teams and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=8.0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--teams", type=int, nargs="+", default=[1, 5, 20, 100, 1000])
    parser.add_argument(
        "--predictive-up-to", type=int, default=100, help="time Predictive up to"
    )
    args = parser.parse_args()
    duration = args.hours * 3600.0
    print(
        "| team | scenario | attempts | lean s | lean + pace s | simulate s |"
        " ratio to lean | ratio to lean + pace | simulate(Predictive) s |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for agents in args.teams:
        for name, sc in (
            ("2 s grace", Scenario(agents=agents, hit_ratio=0.3, duration=duration)),
            (
                "Markov",
                Scenario.markov(
                    agents, 0.3, duration=duration, pace_after_events=False
                ),
            ),
        ):
            prog = simulate(Progressive(), sc, seed=1)
            assert lean(sc, 1)[0] == prog.calls_dialed  # the same model, same tape
            assert lean(sc, 1, with_pace=True)[0] == prog.calls_dialed
            t = best(
                {
                    "lean": partial(lean, sc, 1),
                    "paced": partial(lean, sc, 1, with_pace=True),
                    "sim": partial(simulate, Progressive(), sc, seed=1),
                },
                args.repeat,
            )
            lean_s, paced_s, sim_s = t["lean"], t["paced"], t["sim"]
            pred_s = (
                best({"p": partial(simulate, PREDICTIVE, sc, seed=1)}, 1)["p"]
                if agents <= args.predictive_up_to
                else math.nan
            )
            print(
                f"| {agents} | {name} | {prog.calls_dialed} | {lean_s:.3f} | "
                f"{paced_s:.3f} | {sim_s:.3f} | {sim_s / lean_s:.2f}x | "
                f"{sim_s / paced_s:.2f}x | {pred_s:.3f} |"
            )


if __name__ == "__main__":
    main()
