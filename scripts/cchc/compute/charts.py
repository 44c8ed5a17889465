"""Geometry for the monthly chart of actual against expected (drawn as inline SVG, no JavaScript)."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT = 600, 220
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 10, 30


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int


@dataclass
class Chart:
    bars: list[Bar]
    line: str  # SVG points of the expected cumulative line
    ticks: list[tuple[float, int]]  # (y, value) for the value axis
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - BOTTOM


def monthly_chart(monthly: list[tuple[int, int, int, int]]) -> Chart | None:
    """`monthly` rows are (month, in month, cumulative, expected cumulative)."""
    if not monthly:
        return None
    top_value = max(max(row[2] for row in monthly), max(row[3] for row in monthly), 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(monthly)
    def y_of(value: int) -> float:
        return round(TOP + plot_h - plot_h * value / top_value, 1)
    bars, points = [], []
    for i, (month, _in_month, cumulative, expected) in enumerate(monthly):
        x = LEFT + i * slot
        y = y_of(cumulative)
        bars.append(Bar(round(x + slot * 0.2, 1), y, round(slot * 0.6, 1), round(TOP + plot_h - y, 1),
                        f"T{month}", cumulative))
        points.append(f"{round(x + slot / 2, 1)},{y_of(expected)}")
    step = max(1, -(-top_value // 4))
    ticks = [(y_of(v), v) for v in range(0, top_value + 1, step)]
    return Chart(bars, " ".join(points), ticks)
