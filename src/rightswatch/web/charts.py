"""Inline SVG charts, computed here and drawn by templates (no JavaScript, no inline styles).

Only numbers and escaped labels reach the markup; colours come from CSS classes.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

__all__ = ["Bar", "MonthlyChart", "monthly_chart", "PALETTE_SIZE"]

PALETTE_SIZE = 10


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int  # palette index
    title: str


@dataclass(frozen=True, slots=True)
class MonthlyChart:
    width: int
    height: int
    bars: list[Bar]
    legend: list[tuple[int, str, int]]  # palette index, type, total
    ticks: list[tuple[float, str]]  # x, label
    ymax: int
    months: int


def _month_range(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last and len(out) < 600:
        out.append(f"{y:04d}-{m:02d}")
        m += 1
        if m > 12:
            y, m = y + 1, 1
    return out


def monthly_chart(counts: list[tuple[str, str, int]], *, width: int = 720, height: int = 200,
                  max_months: int = 36) -> MonthlyChart:
    """Stacked bars of incidents per month by type (the last ``max_months`` months with data)."""
    if not counts:
        return MonthlyChart(width, height, [], [], [], 0, 0)
    valid = [(m, t, n) for m, t, n in counts if m[:4].isdigit() and m[5:7].isdigit()]
    if not valid:
        return MonthlyChart(width, height, [], [], [], 0, 0)
    months = _month_range(min(m for m, _, _ in valid), max(m for m, _, _ in valid))[-max_months:]
    totals: dict[str, int] = {}
    for _, t, n in valid:
        totals[t] = totals.get(t, 0) + n
    types = [t for t, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))]
    top = types[: PALETTE_SIZE - 1]
    series = {t: i for i, t in enumerate(top)}
    other = len(top)
    grid: dict[str, OrderedDict[int, int]] = {m: OrderedDict() for m in months}
    for m, t, n in valid:
        if m in grid:
            s = series.get(t, other)
            grid[m][s] = grid[m].get(s, 0) + n
    ymax = max((sum(v.values()) for v in grid.values()), default=0) or 1
    left, bottom, top_pad = 30, 20, 6
    plot_w, plot_h = width - left - 4, height - bottom - top_pad
    step = plot_w / len(months)
    bars: list[Bar] = []
    labels = {i: t for t, i in series.items()}
    labels[other] = "other types"
    for i, m in enumerate(months):
        y = height - bottom
        for s, n in sorted(grid[m].items()):
            h = plot_h * n / ymax
            y -= h
            bars.append(Bar(round(left + i * step + 1, 2), round(y, 2), round(max(step - 2, 1), 2), round(h, 2), s,
                            f"{m}: {labels[s]} — {n}"))
    every = max(1, len(months) // 8)
    ticks = [(round(left + i * step, 2), m) for i, m in enumerate(months) if i % every == 0]
    legend = [(i, t, totals[t]) for i, t in enumerate(top)]
    if len(types) > len(top):
        legend.append((other, "other types", sum(totals[t] for t in types[len(top):])))
    return MonthlyChart(width, height, bars, legend, ticks, ymax, len(months))
