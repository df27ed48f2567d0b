"""How fast the simulator runs, beside a lean heapq loop of the same model.

The lean loop is what one would write by hand for one scenario: the same events
(launch, resolve, free, give up, a pacing tick every interval), the same draws from
the same streams (so it meets the same attempts), Progressive's rule inlined, and
nothing else: no snapshot, no `pace`, no estimates, no ledger, no per-minute series.
`simulate` adds all of those; the ratio is what they cost. Both run in this process,
one after the other, best of ``--repeat``, so the ratio is measured in one run.

    python benchmarks/sim_speed.py [--hours 8] [--repeat 3]
"""

from __future__ import annotations

import argparse
import heapq
import time
from collections.abc import Callable

from campaignkit import OptimizeBy
from campaignkit.pacing import Predictive, Progressive
from campaignkit.sim import Scenario, _stream, simulate


def lean(sc: Scenario, seed: int) -> tuple[int, int, int, float]:  # noqa: PLR0915
    """Progressive(1) over the scenario, by hand: dialed, answered, abandoned, busy."""
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
    while True:
        now, call, kind, handle = pop(events)
        if now >= duration:
            break
        if kind == 0:  # tick: Progressive(1), ready - out
            push(events, (now + sc.pacing_interval, seq, 0, 0.0))
            seq += 1
            for _ in range(ready - out):
                live = outcome() < hit
                a, u = draw_answer(), draw_unanswered()
                h = draw_talk() + draw_wrap()
                after = min(a if live else u, timeout)
                push(events, (now + after, seq, 1, h if live else -1.0))
                seq += 1
                out += 1
                dialed += 1
        elif kind == 1:  # resolve
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


def best(run: Callable[[], object], repeat: int) -> float:
    """The best wall time of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    """Time simulate against the lean loop on a few teams and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=8.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    duration = args.hours * 3600.0
    print(f"{args.hours:g} simulated hours, best of {args.repeat}, seed 1")
    print(
        "| team | scenario | lean loop s | simulate(Progressive) s | ratio |"
        " simulate(Predictive) s | attempts |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|")
    for agents in (5, 20, 100, 1000):
        for name, sc in (
            ("2 s grace", Scenario(agents=agents, hit_ratio=0.3, duration=duration)),
            (
                "Markov",
                Scenario.markov(
                    agents, 0.3, duration=duration, pace_after_events=False
                ),
            ),
        ):
            lean_s = best(lambda sc=sc: lean(sc, 1), args.repeat)
            prog = simulate(Progressive(), sc, seed=1)
            assert lean(sc, 1)[0] > 0
            sim_s = best(lambda sc=sc: simulate(Progressive(), sc, seed=1), args.repeat)
            pred_s = best(
                lambda sc=sc: simulate(
                    Predictive(OptimizeBy.OVERDIAL_RATE, 3), sc, seed=1
                ),
                1,
            )
            print(
                f"| {agents} | {name} | {lean_s:.3f} | {sim_s:.3f} | "
                f"{sim_s / lean_s:.2f}x | {pred_s:.3f} | {prog.calls_dialed} |"
            )


if __name__ == "__main__":
    main()
