"""The one percentile every benchmark prints (nearest rank on the sorted values, no interpolation)."""

from __future__ import annotations


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))]
