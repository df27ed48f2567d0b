"""A lean heapq simulator of the pacing model, with common random numbers.

Every attempt resolves (live with probability ``p``) after a drawn time; a live
answer takes a ready agent or, after the grace (0 s: at once), is abandoned; talk
plus wrap-up is drawn per attempt. ``pace`` is asked every second and after each
event, from a snapshot filled the way a host fills it: the counts, the hit ratio /
handle time / answer time estimated from what has been observed (the hit ratio is
0, "no estimate", for the first 200 attempts), and the run's answered and
abandoned counts as the regulatory window (runs are shorter than 24 hours).

Common random numbers: the k-th attempt of a seed draws the same uniforms and
exponentials whatever the policy, so two policies on one seed meet the same tape.

Patterns: ``markov`` (resolution Exp(15 s), talk Exp(120 s), 0 s grace: the model
of the exact bound), ``classic`` (live answers after Exp(10 s) capped at 25 s,
unanswered attempts give up at 25 s, handle Exp(180 s), 2 s or 0 s grace), and
variants of talk shape, a halving hit ratio, drift and tiny teams.

Run: python benchmarks/markov.py --help
"""

from __future__ import annotations

import argparse
import heapq
import json
import math
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from pacing_baseline import baseline_calls

from campaignkit.enums import OptimizeBy
from campaignkit.pacing import PacingSnapshot, Predictive, pace

Decide = Callable[[PacingSnapshot], int]


@dataclass(frozen=True)
class Pattern:
    """One call pattern: team, audience, times (seconds) and grace."""

    agents: int
    hit: tuple[tuple[float, float], ...]  # (from hour, hit ratio), in order
    talk: str = "exp"  # exp | fixed | lognormal
    talk_mean: float = 120.0
    talk_cv: float = 1.0  # lognormal only
    talk_drift: float = 1.0  # talk mean at the end of the run / at the start
    live_mean: float = 15.0  # a live answer after Exp(live_mean) ...
    answer_cap: float = math.inf  # ... capped here
    unanswered: float = 15.0  # unanswered: Exp(mean) or, if fixed, this time
    unanswered_fixed: bool = False
    grace: float = 0.0
    hours: float = 8.0
    label: str = field(default="", compare=False)

    def hit_at(self, now: float) -> float:
        """The hit ratio at ``now`` (seconds from the start)."""
        p = self.hit[0][1]
        for start, value in self.hit:
            if now >= start * 3600.0:
                p = value
        return p


def markov(agents: int, p: float, hours: float = 8.0) -> Pattern:
    """The exact bound's model."""
    return Pattern(agents, ((0.0, p),), hours=hours, label=f"markov {agents}/{p}")


def classic(agents: int, p: float, grace: float, hours: float = 8.0) -> Pattern:
    """The first benchmark's scenarios: answers after about 10 s, no answer at 25 s."""
    return Pattern(
        agents,
        ((0.0, p),),
        talk_mean=180.0,
        live_mean=10.0,
        answer_cap=25.0,
        unanswered=25.0,
        unanswered_fixed=True,
        grace=grace,
        hours=hours,
        label=f"classic {agents}/{p} grace {grace:g}",
    )


_RESOLVE, _FREE, _GIVE_UP, _TICK = 0, 1, 2, 3
_WARMUP = 200  # attempts before the host trusts its hit-ratio estimate


def _blend(mean: float, count: int, value: float, k: float = 0.002) -> float:
    """The host's estimate: a running mean, then an EWMA of weight ``k``."""
    w = max(k, 1.0 / (count + 1))
    return (1.0 - w) * mean + w * value


class _Tape:
    """The seed's attempts: the k-th attempt's draws, whatever the policy."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.draws: list[tuple[float, float, float, float, float]] = []

    def __getitem__(self, k: int) -> tuple[float, float, float, float, float]:
        while k >= len(self.draws):
            r = self.rng
            self.draws.append(
                (
                    r.random(),
                    r.expovariate(1.0),
                    r.expovariate(1.0),
                    r.expovariate(1.0),
                    r.gauss(0.0, 1.0),
                )
            )
        return self.draws[k]


def _talk(pt: Pattern, at: float, horizon: float, e: float, z: float) -> float:
    mean = pt.talk_mean * (1.0 + (pt.talk_drift - 1.0) * at / horizon)
    if pt.talk == "fixed":
        return mean
    if pt.talk == "lognormal":
        s2 = math.log1p(pt.talk_cv**2)
        return mean * math.exp(math.sqrt(s2) * z - s2 / 2.0)
    return mean * e


def simulate(decide: Decide, pt: Pattern, seed: int) -> dict[str, Any]:  # noqa: PLR0915
    """One run: busy factor, abandonment and counts."""
    tape = _Tape(seed)
    horizon = pt.hours * 3600.0
    events: list[tuple[float, int, int, int, float]] = [(0.0, 0, _TICK, 0, 0.0)]
    seq = 0
    ready, dialing, busy_time = pt.agents, 0, 0.0
    waiting: dict[int, float] = {}
    answered = abandoned = dialed = 0
    hit, attempts, handle, handles, answer, answers = 0.0, 0, 180.0, 0, 10.0, 0
    changed, quiet = True, False

    def connect(now: float, k: int) -> None:
        nonlocal ready, busy_time, seq
        ready -= 1
        _, _, _, e, z = tape[k]
        talk = max(_talk(pt, now, horizon, e, z), 1e-9)
        busy_time += min(talk, horizon - now)
        seq += 1
        heapq.heappush(events, (now + talk, seq, _FREE, k, talk))

    while True:
        now, _, kind, item, value = heapq.heappop(events)
        if now >= horizon:
            break
        if kind == _TICK:
            seq += 1
            heapq.heappush(events, (now + 1.0, seq, _TICK, 0, 0.0))
            if quiet and not changed:
                continue  # the same snapshot as last time: pace is pure
        elif kind == _RESOLVE:
            dialing -= 1
            live = value >= 0.0
            hit = _blend(hit, attempts, 1.0 if live else 0.0)
            attempts += 1
            if live:
                answer = _blend(answer, answers, max(now - value, 1e-9))
                answers += 1
                answered += 1
                if ready:
                    connect(now, item)
                elif pt.grace == 0.0:
                    abandoned += 1
                else:
                    waiting[item] = now
                    seq += 1
                    heapq.heappush(events, (now + pt.grace, seq, _GIVE_UP, item, 0.0))
        elif kind == _FREE:
            ready += 1
            handle = _blend(handle, handles, value)
            handles += 1
            if waiting:
                call = next(iter(waiting))
                del waiting[call]
                connect(now, call)
        elif waiting.pop(item, None) is not None:
            abandoned += 1
        snapshot = PacingSnapshot(
            agents_ready=ready,
            agents_busy=pt.agents - ready,
            calls_dialing=dialing,
            calls_waiting=len(waiting),
            hit_ratio=hit if attempts >= _WARMUP else 0.0,
            mean_handle_time=handle,
            mean_answer_time=answer,
            answered=answered,
            abandoned=abandoned,
        )
        calls = decide(snapshot)
        changed, quiet = False, calls == 0
        p = pt.hit_at(now)
        for _ in range(calls):
            u, e_live, e_none, _, _ = tape[dialed]
            if u < p:  # live: value is the launch time (>= 0)
                after, tag = min(pt.live_mean * e_live, pt.answer_cap), now
            else:
                after = pt.unanswered if pt.unanswered_fixed else pt.unanswered * e_none
                tag = -1.0
            seq += 1
            heapq.heappush(events, (now + after, seq, _RESOLVE, dialed, tag))
            dialed += 1
        dialing += calls
    return {
        "busy": busy_time / (pt.agents * horizon),
        "abandonment": abandoned / answered if answered else 0.0,
        "answered": answered,
        "abandoned": abandoned,
        "dialed": dialed,
    }


def _job(job: tuple[str, float, Pattern, int]) -> dict[str, Any]:
    name, goal, pt, seed = job
    started = time.perf_counter()
    row = simulate(POLICIES[name](goal), pt, seed)
    row.update(
        policy=name,
        goal=goal,
        pattern=pt.label,
        seed=seed,
        agents=pt.agents,
        seconds=time.perf_counter() - started,
    )
    return row


def new_policy(goal: float = 3.0) -> Decide:
    """Predictive(OVERDIAL_RATE, goal) as it is in campaignkit now."""
    policy = Predictive(OptimizeBy.OVERDIAL_RATE, goal)
    return lambda s: pace(s, policy).calls


def old_policy(goal: float = 3.0) -> Decide:
    """The previous Predictive (benchmarks/pacing_baseline.py)."""
    return lambda s: baseline_calls(s, goal)


POLICIES: dict[str, Callable[[float], Decide]] = {"new": new_policy, "old": old_policy}


def run(
    jobs: list[tuple[str, float, Pattern, int]], workers: int, log: str = ""
) -> list[dict[str, Any]]:
    """Run the jobs (in a process pool when ``workers > 1``), logging each row."""
    import multiprocessing

    rows = []
    with multiprocessing.Pool(max(1, workers)) as pool:
        for row in pool.imap_unordered(_job, jobs, chunksize=1):
            rows.append(row)
            if log:
                with Path(log).open("a") as f:
                    f.write(json.dumps(row) + "\n")
    return rows


def summary(rows: list[dict[str, Any]], cap: float = 0.03) -> list[dict[str, Any]]:
    """Per pattern and policy: mean busy, worst-run abandonment, runs within cap."""
    groups: dict[tuple[str, str, float], list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault((r["pattern"], r["policy"], r["goal"]), []).append(r)
    out = []
    for (pattern, policy, goal), rs in groups.items():
        out.append(
            {
                "pattern": pattern,
                "policy": policy,
                "goal": goal,
                "busy": sum(r["busy"] for r in rs) / len(rs),
                "worst": max(r["abandonment"] for r in rs),
                "within": sum(r["abandonment"] <= cap for r in rs),
                "runs": len(rs),
            }
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="markov", help="markov|classic|other|all")
    parser.add_argument("--agents", default="5,10,20,50,100")
    parser.add_argument("--hits", default="0.15,0.3,0.5")
    parser.add_argument("--hours", type=float, default=8.0)
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--policies", default="new")
    parser.add_argument("--goal", type=float, default=3.0)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--out", default="")
    parser.add_argument("--only", default="", help="patterns whose label has this")
    args = parser.parse_args()
    agents = [int(a) for a in args.agents.split(",")]
    hits = [float(h) for h in args.hits.split(",")]
    patterns = [
        pt
        for pt in PATTERN_SETS[args.set](agents, hits, args.hours)
        if args.only in pt.label
    ]
    jobs = [
        (name, args.goal, pt, seed)
        for pt in patterns
        for name in args.policies.split(",")
        for seed in range(args.first_seed, args.first_seed + args.seeds)
    ]
    started = time.perf_counter()
    rows = run(jobs, args.workers, args.out + "l" if args.out else "")
    print(f"{len(jobs)} runs in {time.perf_counter() - started:.0f} s")
    for r in summary(rows):
        print(
            f"{r['pattern']:32} {r['policy']:4} busy {r['busy']:.4f} "
            f"worst {r['worst']:.2%} within {r['within']}/{r['runs']}"
        )
    if args.out:
        Path(args.out).write_text(json.dumps(rows, indent=1))


def _markov_set(agents: list[int], hits: list[float], hours: float) -> list[Pattern]:
    return [markov(n, p, hours) for n in agents for p in hits]


def _classic_set(agents: list[int], hits: list[float], hours: float) -> list[Pattern]:
    cases = ((5, 0.3), (20, 0.3), (50, 0.3), (20, 0.15))
    return [classic(n, p, g, hours) for g in (2.0, 0.0) for n, p in cases]


def _other_set(agents: list[int], hits: list[float], hours: float) -> list[Pattern]:
    out = [
        Pattern(n, ((0.0, 0.3),), hours=hours, label=f"tiny {n}/0.3") for n in (1, 2, 3)
    ]
    for n in (10, 50):
        out.append(
            Pattern(
                n, ((0.0, 0.3), (hours / 2, 0.15)), hours=hours, label=f"halving {n}"
            )
        )
        out.append(
            Pattern(
                n, ((0.0, 0.3),), talk="fixed", hours=hours, label=f"fixed talk {n}"
            )
        )
        out.append(
            Pattern(
                n,
                ((0.0, 0.3),),
                talk="lognormal",
                talk_cv=1.5,
                hours=hours,
                label=f"lognormal cv1.5 {n}",
            )
        )
        out.append(
            Pattern(
                n, ((0.0, 0.3),), talk_drift=2.0, hours=hours, label=f"drift x2 {n}"
            )
        )
    return out


PATTERN_SETS = {
    "markov": _markov_set,
    "classic": _classic_set,
    "other": _other_set,
    "all": lambda a, h, t: (
        _markov_set(a, h, t) + _classic_set(a, h, t) + _other_set(a, h, t)
    ),
}


if __name__ == "__main__":
    main()
