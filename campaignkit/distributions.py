"""Distributions of seconds the simulator draws call times from.

Each is a frozen value with its ``mean``, a ``sampler(rng)`` that draws from a
:class:`random.Random` the simulator seeds, and ``capped_mean(cap)``, the mean of a
draw cut at ``cap`` (what the simulator's bound on a run's work needs). They are
also importable from :mod:`campaignkit.sim`.

>>> LogNormal(150.0, cv=1.5).mean
150.0
>>> Uniform(10.0, 30.0).capped_mean(20.0)
17.5
"""

from __future__ import annotations

import functools
import itertools
import math
import random
from collections.abc import Callable
from typing import Any

import attrs

from campaignkit import _validate as v

__all__ = [
    "MAX_CV",
    "MAX_SECONDS",
    "Distribution",
    "Exponential",
    "Fixed",
    "LogNormal",
    "Uniform",
]

MAX_SECONDS = 30 * 86_400.0
"""The longest time a distribution takes: 30 days, the longest simulated run."""

MAX_CV = 100.0
"""The largest coefficient of variation of a :class:`LogNormal`."""

_POSITIVE = v.number(0.0, MAX_SECONDS, above=True)


@attrs.frozen
class Exponential:
    """Exponentially distributed seconds: memoryless, the textbook handle time.

    Attributes:
        mean: The mean in seconds (> 0, at most :data:`MAX_SECONDS`).
    """

    mean: float = attrs.field(validator=_POSITIVE)

    def sampler(self, rng: random.Random) -> Callable[[], float]:
        """A function drawing one value per call from ``rng``."""
        return functools.partial(rng.expovariate, 1.0 / self.mean)

    def capped_mean(self, cap: float) -> float:
        """The mean of ``min(draw, cap)``."""
        return self.mean * -math.expm1(-cap / self.mean)


@attrs.frozen
class Fixed:
    """Always the same number of seconds: a deterministic baseline.

    Attributes:
        value: The seconds (>= 0, at most :data:`MAX_SECONDS`); 0 only makes
            sense for a wrap-up.
    """

    value: float = attrs.field(validator=v.number(0.0, MAX_SECONDS))

    @property
    def mean(self) -> float:
        """The mean, which is the value."""
        return self.value

    def sampler(self, rng: random.Random) -> Callable[[], float]:
        """A function returning the value (``rng`` is not used)."""
        return itertools.repeat(float(self.value)).__next__

    def capped_mean(self, cap: float) -> float:
        """The mean of ``min(value, cap)``."""
        return min(self.value, cap)


def _above_low(obj: Uniform, attribute: attrs.Attribute[Any], value: Any) -> None:
    _POSITIVE(obj, attribute, value)
    v.check(obj, attribute.name, value, value >= obj.low, "a number >= low")


@attrs.frozen
class Uniform:
    """Seconds uniformly spread between two bounds.

    Attributes:
        low: The smallest value (> 0).
        high: The largest value (>= low, at most :data:`MAX_SECONDS`).
    """

    low: float = attrs.field(validator=_POSITIVE)
    high: float = attrs.field(validator=_above_low)

    @property
    def mean(self) -> float:
        """The mean, halfway between the bounds."""
        return (self.low + self.high) / 2.0

    def sampler(self, rng: random.Random) -> Callable[[], float]:
        """A function drawing one value per call from ``rng``."""
        return functools.partial(rng.uniform, self.low, self.high)

    def capped_mean(self, cap: float) -> float:
        """The mean of ``min(draw, cap)``."""
        low, high = self.low, self.high
        if cap >= high:
            return self.mean
        if cap <= low:
            return cap
        below = (cap - low) * (cap + low) / 2.0
        return (below + (high - cap) * cap) / (high - low)


@attrs.frozen
class LogNormal:
    """Log-normally distributed seconds with a given mean and spread.

    The coefficient of variation (standard deviation / mean) sets the skew: 0 is
    always the mean, 1 as spread as an exponential, 2 a long tail.

    Attributes:
        mean: The mean in seconds (> 0, at most :data:`MAX_SECONDS`).
        cv: The coefficient of variation (0 to :data:`MAX_CV`).
    """

    mean: float = attrs.field(validator=_POSITIVE)
    cv: float = attrs.field(default=1.0, validator=v.number(0.0, MAX_CV))

    @property
    def sigma(self) -> float:
        """The standard deviation of the logarithm."""
        return math.sqrt(math.log1p(self.cv * self.cv))

    @property
    def mu(self) -> float:
        """The mean of the logarithm."""
        return math.log(self.mean) - self.sigma**2 / 2.0

    def sampler(self, rng: random.Random) -> Callable[[], float]:
        """A function drawing one value per call from ``rng``."""
        return functools.partial(rng.lognormvariate, self.mu, self.sigma)

    def capped_mean(self, cap: float) -> float:
        """The mean of ``min(draw, cap)``."""
        mu, sigma = self.mu, self.sigma
        if sigma == 0.0:
            return min(self.mean, cap)
        z = (math.log(cap) - mu) / sigma
        return self.mean * _phi(z - sigma) + cap * (1.0 - _phi(z))


def _phi(z: float) -> float:
    return 0.5 * math.erfc(-z / math.sqrt(2.0))


Distribution = Exponential | Fixed | Uniform | LogNormal
"""A distribution of seconds the simulator can draw from."""
