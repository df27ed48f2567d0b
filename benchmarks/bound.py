"""Exact bound on the busy factor of any pacing policy in the Markov dialer model.

Every pacing policy in ``benchmarks/`` is reported as a fraction of this bound.

Model (all times exponential, strict 0 s grace, decisions after every event):
``agents`` agents; a state is (b busy agents, k calls in flight). Each busy agent
ends its talk at rate 1 / ``talk_mean``; each call in flight resolves at rate
1 / ``resolve_mean``. A resolved call is a live answer with probability
``hit_ratio``: it takes a free agent (b + 1) if there is one and is *abandoned*
otherwise; any other outcome just ends the call. After any event the dialer may
launch any number of calls at once.

Best non-anticipating policy: a constrained Markov decision process (maximise the
long-run mean b / agents subject to abandons <= alpha * live answers) solved as a
linear program over state-action frequencies. "Launch one call" is an
instantaneous action (zero sojourn, state (b, k) -> (b, k + 1)), so a state has two
actions, wait or launch one, instead of one per launch count. Variables: y(b, k),
the long-run fraction of time spent waiting in (b, k), and z(b, k), the long-run
rate of launches from (b, k). Rows: flow balance per state, sum y = 1, and the
abandonment row sum y * (abandon rate - alpha * live rate) <= 0. An optimal vertex
randomises in at most one state (one constraint), and the dual of the abandonment
row is the price of an abandon.

Truncation: launches at busy level b are allowed up to a cap L(b) set a few
standard deviations above the useful number in flight (expected live answers =
free agents + agents that free up during one resolution time); below the levels
the chain visits, L drops by one call per level so the closure of the state space
stays small. The solution reports ``truncated`` if any visited level launches up
to its cap; ``python benchmarks/bound.py --check`` re-solves every case with
looser caps and shows that the bound does not move.

Run: python benchmarks/bound.py [--write] [--check]   (needs the ``bench`` extra)
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog
from scipy.sparse.linalg import spsolve

GRID_PATH = Path(__file__).with_name("bound_grid.json")
GRID_AGENTS = (5, 10, 20, 50, 100)
GRID_HIT_RATIOS = (0.15, 0.3, 0.5)
# the bounds first quoted for five cases of the grid, checked against here
PUBLISHED = {(5, 0.3): 0.784, (10, 0.3): 0.829, (20, 0.3): 0.879,
             (50, 0.3): 0.930, (20, 0.15): 0.870}  # fmt: skip
VISITED = 1e-9  # stationary probability below which a level counts as unvisited
ENTERED = 1e-7  # share of all state entries below which a state counts as unvisited
MIXED = 0.01  # launch probabilities within this of 0 or 1 are LP tolerance noise


@dataclasses.dataclass(frozen=True)
class Level:
    """The optimal policy at one busy count.

    Attributes:
        busy: Busy agents b.
        probability: Long-run fraction of time with b agents busy.
        threshold: k*(b): the policy launches while fewer calls than this are in
            flight and never at or above it.
        mixed: Launch probability at (b, threshold - 1) when the policy
            randomises there (at most one level in the whole policy), else None.
        frozen_last: Probability that the last launched call (the threshold-th in
            flight), if live, finds no free agent when no further call is launched.
        frozen_next: The same for the first call the policy does not launch.
    """

    busy: int
    probability: float
    threshold: int
    mixed: float | None
    frozen_last: float
    frozen_next: float


@dataclasses.dataclass(frozen=True)
class Solution:
    """The optimum of one case.

    Attributes:
        bound: Best long-run busy factor (mean busy agents / agents).
        price: Lagrange multiplier of the abandonment row in agent-seconds of talk
            per abandon (net of the alpha credit each live answer earns); 0 when
            the cap does not bind.
        abandon_ratio: Abandons / live answers of the optimal policy.
        levels: The policy per visited busy count, lowest first.
        truncated: True if a visited level launches up to its cap (the bound may
            then grow with looser caps).
        states: Number of (b, k) states in the LP.
        seconds: Wall time of the LP solve.
    """

    bound: float
    price: float
    abandon_ratio: float
    levels: tuple[Level, ...]
    truncated: bool
    states: int
    seconds: float


def _caps(
    agents: int, hit_ratio: float, talk_mean: float, resolve_mean: float, slack: float
) -> list[int]:
    """Launch cap L(b): useful calls in flight plus ``slack`` standard deviations."""
    frees = agents * resolve_mean / talk_mean
    margin = 2.0 + slack * math.sqrt(1.0 + frees)
    caps = [
        math.ceil((agents - b + b * resolve_mean / talk_mean + margin) / hit_ratio)
        for b in range(agents + 1)
    ]
    for b in range(agents - 1, -1, -1):  # non-increasing in b
        caps[b] = max(caps[b], caps[b + 1])
    # Levels far below the team size are never visited: let the cap grow by one
    # call per level there so the closure of the state space stays small.
    low = max(0, agents - round(slack * (2 * math.ceil(math.sqrt(agents)) + 5)))
    for b in range(low - 1, -1, -1):
        caps[b] = min(caps[b], caps[b + 1] + 1)
    return caps


def frozen_risk(
    agents: int, hit_ratio: float, talk_mean: float, resolve_mean: float, others: int
) -> np.ndarray:
    """P(a tagged call, if live, finds no free agent) with no further launches.

    Transient analysis of the (busy, in flight) chain: entry [b, j] is for b busy
    agents and j other calls in flight beside the tagged one.
    """
    n = agents
    risk = np.zeros((n + 1, others + 1))
    for j in range(others + 1):
        for b in range(n + 1):
            tagged, talk, rest = 1.0 / resolve_mean, b / talk_mean, j / resolve_mean
            value = tagged * (b == n)
            if b:
                value += talk * risk[b - 1, j]
            if j:
                value += rest * (
                    hit_ratio * risk[min(b + 1, n), j - 1]
                    + (1 - hit_ratio) * risk[b, j - 1]
                )
            risk[b, j] = value / (tagged + talk + rest)
    return risk


def _solve(
    agents: int,
    hit_ratio: float,
    *,
    talk_mean: float,
    resolve_mean: float,
    alpha: float | None,
    caps: list[int],
) -> Solution:
    n, p = agents, hit_ratio
    sizes = [caps[0]]
    for b in range(1, n + 1):  # closure: (b, k) -> (b + 1, k - 1) must exist
        sizes.append(max(caps[b], sizes[b - 1] - 1))
    offset = np.concatenate(([0], np.cumsum([s + 1 for s in sizes])))
    count = int(offset[-1])
    bs = np.repeat(np.arange(n + 1), [s + 1 for s in sizes])
    ks = np.arange(count) - offset[bs]
    launch = np.nonzero(ks < np.asarray(caps)[bs])[0]
    talk, resolve = bs / talk_mean, ks / resolve_mean
    every = np.arange(count)
    down, up, stay = bs > 0, (ks > 0) & (bs < n), (ks > 0) & (bs == n)
    rows = [every, offset[bs[down] - 1] + ks[down]]
    cols = [every, every[down]]
    vals = [talk + resolve, -talk[down]]
    rows += [offset[bs[up] + 1] + ks[up] - 1, every[up] - 1, every[stay] - 1]
    cols += [every[up], every[up], every[stay]]
    vals += [-resolve[up] * p, -resolve[up] * (1 - p), -resolve[stay]]
    z = count + np.arange(launch.size)
    rows += [launch, launch + 1]
    cols += [z, z]
    vals += [np.ones(launch.size), -np.ones(launch.size)]
    balance = sp.csr_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
        shape=(count, count + launch.size),
    )
    pad = np.zeros(launch.size)
    total = sp.csr_matrix(np.concatenate((np.ones(count), pad)))
    live = resolve * p
    abandons = np.where(bs == n, live, 0.0)
    cap_row = np.concatenate((abandons - (alpha or 0.0) * live, pad))
    started = time.perf_counter()
    result = linprog(
        -np.concatenate((bs / n, pad)),
        A_ub=None if alpha is None else sp.csr_matrix(cap_row),
        b_ub=None if alpha is None else [0.0],
        A_eq=sp.vstack((balance, total)).tocsr(),
        b_eq=np.concatenate((np.zeros(count), [1.0])),
        bounds=(0, None),
        method="highs",
    )
    seconds = time.perf_counter() - started
    if result.status != 0:
        raise RuntimeError(f"HiGHS failed on {agents} agents: {result.message}")
    wait = result.x[:count]
    rate = np.zeros(count)
    rate[launch] = result.x[count:]
    price = 0.0 if alpha is None else -float(result.ineqlin.marginals[0]) * n
    risk = frozen_risk(n, p, talk_mean, resolve_mean, max(caps) + 1)
    flow = rate + wait * (talk + resolve)  # entries into each state per second
    entered = flow > ENTERED * flow.sum()
    chance = np.where(entered, rate / np.where(entered, flow, 1.0), 0.0)
    levels = _levels(bs, ks, wait, chance, risk)
    truncated = any(level.threshold >= caps[level.busy] for level in levels)
    return Solution(
        bound=-float(result.fun),
        price=price,
        abandon_ratio=float(abandons @ wait / (live @ wait)),
        levels=tuple(levels),
        truncated=truncated,
        states=count,
        seconds=seconds,
    )


def _levels(
    bs: np.ndarray,
    ks: np.ndarray,
    wait: np.ndarray,
    chance: np.ndarray,
    risk: np.ndarray,
) -> list[Level]:
    """Read the thresholds off the LP solution, level by visited level."""
    levels = []
    for b in range(risk.shape[0]):
        mass = float(wait[bs == b].sum())
        if mass < VISITED:
            continue
        k, launches = ks[bs == b], chance[bs == b]
        launched = k[launches > MIXED]
        threshold = int(launched.max()) + 1 if launched.size else 0
        last = float(launches[threshold - 1]) if threshold else 1.0
        levels.append(
            Level(
                busy=b,
                probability=mass,
                threshold=threshold,
                mixed=last if last < 1 - MIXED else None,
                frozen_last=float(risk[b, threshold - 1]) if threshold else 0.0,
                frozen_next=float(risk[b, min(threshold, risk.shape[1] - 1)]),
            )
        )
    return levels


def optimal_policy(
    agents: int,
    hit_ratio: float,
    *,
    talk_mean: float = 120.0,
    resolve_mean: float = 15.0,
    alpha: float | None = 0.03,
    max_in_flight: int | None = None,
    slack: float = 1.0,
) -> Solution:
    """Solve the constrained MDP for one case.

    Args:
        agents: Team size N.
        hit_ratio: Probability that a resolved call is a live answer.
        talk_mean: Mean talk time in seconds.
        resolve_mean: Mean time for a call in flight to resolve, in seconds.
        alpha: Cap on abandons / live answers; None drops the cap (the
            unconstrained optimum, which only the truncation keeps below 1).
        max_in_flight: A flat launch cap for every b instead of the automatic one
            (for tests of the truncation itself).
        slack: Standard deviations of headroom in the automatic launch cap.

    Returns:
        The bound, the price of an abandon and the policy's thresholds.
    """
    if agents < 1 or not 0 < hit_ratio <= 1 or min(talk_mean, resolve_mean) <= 0:
        raise ValueError("need agents >= 1, 0 < hit_ratio <= 1 and positive means")
    if alpha is not None and alpha < 0:
        raise ValueError("alpha must be >= 0")
    caps = (
        [max_in_flight] * (agents + 1)
        if max_in_flight is not None
        else _caps(agents, hit_ratio, talk_mean, resolve_mean, slack)
    )
    return _solve(
        agents,
        hit_ratio,
        talk_mean=talk_mean,
        resolve_mean=resolve_mean,
        alpha=alpha,
        caps=caps,
    )


def untruncated_policy(
    agents: int,
    hit_ratio: float,
    *,
    talk_mean: float = 120.0,
    resolve_mean: float = 15.0,
    alpha: float = 0.03,
) -> Solution:
    """:func:`optimal_policy`, the launch cap loosened until no visited level hits it.

    Raises:
        RuntimeError: If the cap still binds (alpha so large that more calls in
            flight always help, so no finite bound below 1 exists).
    """
    for slack in (1.0, 2.0, 3.0):
        solution = optimal_policy(
            agents,
            hit_ratio,
            talk_mean=talk_mean,
            resolve_mean=resolve_mean,
            alpha=alpha,
            slack=slack,
        )
        if not solution.truncated:
            return solution
    raise RuntimeError("the launch cap still binds: alpha too large for a bound")


def bound(
    agents: int,
    hit_ratio: float,
    *,
    talk_mean: float = 120.0,
    resolve_mean: float = 15.0,
    alpha: float = 0.03,
) -> float:
    """Best long-run busy factor of any non-anticipating policy at abandons <= alpha.

    The value is that of the untruncated model to the LP tolerance (about 1e-7):
    see :func:`untruncated_policy`.
    """
    return untruncated_policy(
        agents,
        hit_ratio,
        talk_mean=talk_mean,
        resolve_mean=resolve_mean,
        alpha=alpha,
    ).bound


def evaluate(
    agents: int,
    hit_ratio: float,
    thresholds: list[int],
    *,
    talk_mean: float = 120.0,
    resolve_mean: float = 15.0,
) -> tuple[float, float]:
    """Exact long-run (busy factor, abandon ratio) of a deterministic threshold policy.

    ``thresholds[b]`` is k*(b): launch while fewer calls are in flight (b busy).
    """
    n, p, top = agents, hit_ratio, max(thresholds)
    states = [(b, k) for b in range(n + 1) for k in range(thresholds[b], top + 1)]
    index = {state: i for i, state in enumerate(states)}
    rows, cols, vals = [], [], []

    def move(i: int, b: int, k: int, rate: float) -> None:
        rows.extend((i, i))
        cols.extend((index[b, max(k, thresholds[b])], i))
        vals.extend((rate, -rate))

    for i, (b, k) in enumerate(states):
        if b:
            move(i, b - 1, k, b / talk_mean)
        if k:
            move(i, min(b + 1, n), k - 1, k / resolve_mean * p)
            move(i, b, k - 1, k / resolve_mean * (1 - p))
    generator = sp.csr_matrix((vals, (rows, cols)), shape=(len(states),) * 2)
    system = generator.T.tolil()
    system[0, :] = np.ones(len(states))
    rhs = np.zeros(len(states))
    rhs[0] = 1.0
    share = spsolve(system.tocsr(), rhs)
    bs, ks = np.array(states).T
    live = float(share @ ks)
    return float(share @ bs) / n, float(share @ np.where(bs == n, ks, 0)) / live


def risk_thresholds(risk: np.ndarray, theta: float) -> list[int]:
    """k*(b) of the rule "launch while the next call's frozen risk is <= theta"."""
    return [
        int(np.argmax(row > theta)) if (row > theta).any() else row.size for row in risk
    ]


def grid() -> list[dict[str, float]]:
    """The Markov grid of docs/pacing.md (alpha 3 %, talk 120 s, resolution 15 s)."""
    return [
        {
            "agents": agents,
            "hit_ratio": hit_ratio,
            "talk_mean": 120.0,
            "resolve_mean": 15.0,
            "alpha": 0.03,
            "bound": round(bound(agents, hit_ratio), 6),
        }
        for agents in GRID_AGENTS
        for hit_ratio in GRID_HIT_RATIOS
    ]


def load_grid() -> list[dict[str, float]]:
    """The stored grid (no scipy needed), as written by ``--write``."""
    rows: list[dict[str, float]] = json.loads(GRID_PATH.read_text())
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {GRID_PATH}")
    parser.add_argument(
        "--check", action="store_true", help="re-solve with looser caps"
    )
    parser.add_argument("--policy", action="store_true", help="print thresholds")
    args = parser.parse_args()
    rows = []
    print("agents  hit  bound   quoted  price(s)  abandon  states  LP s   check")
    for agents in GRID_AGENTS:
        for hit_ratio in GRID_HIT_RATIOS:
            sol = untruncated_policy(agents, hit_ratio)
            quoted = PUBLISHED.get((agents, hit_ratio))
            check = ""
            if args.check:
                loose = optimal_policy(agents, hit_ratio, slack=3.0)
                check = f"{loose.bound - sol.bound:+.1e} ({loose.states} states)"
            print(
                f"{agents:6d} {hit_ratio:4.2f} {sol.bound:.4f} "
                f"{'' if quoted is None else f'{quoted:.3f}':>6} {sol.price:8.1f} "
                f"{sol.abandon_ratio:8.4f} {sol.states:7d} {sol.seconds:5.1f}  {check}"
            )
            if args.policy:
                for lv in sol.levels:
                    mixed = (
                        "" if lv.mixed is None else f" (last launch p={lv.mixed:.3f})"
                    )
                    print(
                        f"    b={lv.busy:3d} P={lv.probability:.4f} "
                        f"k*={lv.threshold:3d}{mixed} frozen risk "
                        f"last {lv.frozen_last:.4f} next {lv.frozen_next:.4f}"
                    )
            rows.append(
                {
                    "agents": agents,
                    "hit_ratio": hit_ratio,
                    "talk_mean": 120.0,
                    "resolve_mean": 15.0,
                    "alpha": 0.03,
                    "bound": round(sol.bound, 6),
                }
            )
    if args.write:
        GRID_PATH.write_text(json.dumps(rows, indent=1) + "\n")
        print(f"wrote {GRID_PATH}")


if __name__ == "__main__":
    main()
