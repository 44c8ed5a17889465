"""Geometry for the monthly chart of actual against expected (drawn as inline SVG, no JavaScript)."""

from __future__ import annotations

from dataclasses import dataclass

from .pacing import MonthRow

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
    partial: bool = False  # the month under way: drawn apart, labelled with a mark


@dataclass
class Chart:
    bars: list[Bar]
    line: str  # SVG points of the expected cumulative line
    ticks: list[tuple[float, int]]  # (y, value) for the value axis
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - BOTTOM


def monthly_chart(monthly: list[MonthRow]) -> Chart | None:
    if not monthly:
        return None
    top_value = max(max(row.cumulative for row in monthly), max(row.expected for row in monthly), 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(monthly)
    def y_of(value: int) -> float:
        return round(TOP + plot_h - plot_h * value / top_value, 1)
    bars, points = [], []
    for i, row in enumerate(monthly):
        x = LEFT + i * slot
        y = y_of(row.cumulative)
        label = f"T{row.month}*" if row.partial else f"T{row.month}"
        bars.append(Bar(round(x + slot * 0.2, 1), y, round(slot * 0.6, 1), round(TOP + plot_h - y, 1),
                        label, row.cumulative, row.partial))
        points.append(f"{round(x + slot / 2, 1)},{y_of(row.expected)}")
    step = max(1, -(-top_value // 4))
    ticks = [(y_of(v), v) for v in range(0, top_value + 1, step)]
    return Chart(bars, " ".join(points), ticks)
