"""A scanned page as a picture: straightened, cleaned, and its ruled tables found.

Tesseract reads text lines well only when they are level and the paper is clean:
a scan is tilted by a fraction of a degree and carries dust and grain, which
Tesseract reads as stray letters or punctuation. A task table has no text layer
to say where its cells are, but its ruling lines are in the picture: long runs
of dark pixels, horizontal and vertical, that cross each other. Those lines give
the cells, and each cell is read as a picture of its own: read with the page, a
table row is one long line whose wide gaps hide the spaces between its words,
and the rules are read as "|" or "l" glued to the words beside them.

Pillow (a dependency of pdfplumber) does the pixel work in C: averaging a row
of pixels is a resize, thresholding is a lookup table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter, ImageOps

# Skew of a scan is a fraction of a degree; searched in steps of 0.05°.
MAX_SKEW = 1.5
SKEW_STEP = 0.05
# A ruling line: dark pixels over at least this many pixels at 300 dpi (about 17 mm),
# much longer than any letter's stroke. Underlines of the Decree 30 header are as long,
# but no vertical line crosses them, so they make no table.
WINDOW = 25
MIN_RULE = 200
# Pixels of one rule (its thickness, the scan's blur) and where two rules meet.
NEAR = 12
# White added around a cell's picture.
MARGIN = 20

_DARK = bytes(255 if v < 128 else 0 for v in range(256))
_SOLID = bytes(ord("1") if v >= 200 else ord("0") for v in range(256))
_RUN = re.compile(rb"1{%d,}" % (MIN_RULE // WINDOW))


@dataclass(frozen=True)
class Rule:
    at: float      # y of a horizontal rule, x of a vertical one (pixels)
    start: float   # where it begins along its length
    end: float


@dataclass
class Grid:
    """One ruled table: its row and column boundaries, and which cells are one."""
    rows: list[float]          # y of each horizontal boundary, top to bottom
    columns: list[float]       # x of each vertical boundary, left to right
    walls: list[list[bool]]    # walls[r][c]: a rule separates column c-1 from c in row r

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.columns[0], self.rows[0], self.columns[-1], self.rows[-1]


def straighten(image: Image.Image) -> Image.Image:
    """The page turned level, specks removed and the paper's grain whitened."""
    grey = image.convert("L")
    angle = _skew(grey)
    if angle:
        grey = grey.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    grey = grey.filter(ImageFilter.MedianFilter(3))
    return grey.point(lambda v: 255 if v > 170 else v)


def _skew(grey: Image.Image) -> float:
    """The angle that makes the rows of ink sharpest (variance of the row profile).

    Text lines and table rules both give sharp peaks when level. The ink is taken
    at full size and then averaged to a quarter, which keeps thin strokes (a
    quarter-size picture thresholded afterwards loses them) and is sixteen times
    cheaper to turn.
    """
    ink = grey.point(_DARK).reduce(4)
    steps = int(MAX_SKEW / SKEW_STEP)

    def sharpness(angle: float) -> float:
        turned = ink.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=0)
        profile = turned.resize((1, turned.height), Image.Resampling.BOX).tobytes()
        mean = sum(profile) / len(profile)
        return sum((v - mean) ** 2 for v in profile)

    scores = {step * SKEW_STEP: sharpness(step * SKEW_STEP) for step in range(-steps, steps + 1)}
    return max(scores, key=lambda a: (scores[a], -abs(a)))


def find_grids(page: Image.Image) -> list[Grid]:
    """The ruled tables of a straightened page."""
    dark = page.point(_DARK)
    horizontal = _rules(dark)
    vertical = _rules(dark.transpose(Image.Transpose.TRANSPOSE))
    return [grid for group in _crossing_groups(horizontal, vertical)
            if (grid := _grid(*group, page.height)) is not None]


def cells(page: Image.Image, grid: Grid) -> Iterator[tuple[int, int, Image.Image]]:
    """(row, column, picture) of each cell that holds ink; a merged cell is one picture.

    The picture stops short of the rules and gets a white margin: Tesseract reads
    text best with paper around it.
    """
    inset = NEAR // 2 + 2
    for r, walls in enumerate(grid.walls):
        top, bottom = grid.rows[r] + inset, grid.rows[r + 1] - inset
        starts = [c for c in range(len(grid.columns) - 1) if c == 0 or walls[c]]
        for c, following in zip(starts, [*starts[1:], len(grid.columns) - 1]):
            left, right = grid.columns[c] + inset, grid.columns[following] - inset
            if right - left < 4 or bottom - top < 4:
                continue
            picture = page.crop((round(left), round(top), round(right), round(bottom)))
            if picture.point(_DARK).getbbox() is None:
                continue
            yield r, c, ImageOps.expand(picture, border=MARGIN, fill=255)


def blank(page: Image.Image, grids: list[Grid]) -> Image.Image:
    """The page with its tables painted white: their cells are read one by one."""
    if not grids:
        return page
    cleaned = page.copy()
    draw = ImageDraw.Draw(cleaned)
    for grid in grids:
        left, top, right, bottom = grid.box
        draw.rectangle([left - NEAR, top - NEAR, right + NEAR, bottom + NEAR], fill=255)
    return cleaned


def _rules(dark: Image.Image) -> list[Rule]:
    """Horizontal runs of dark pixels at least MIN_RULE long, one per rule however thick."""
    width, height = dark.size
    # Each pixel of the averaged picture is the share of ink in WINDOW pixels of a row.
    columns = max(1, width // WINDOW)
    data = dark.resize((columns, height), Image.Resampling.BOX).tobytes().translate(_SOLID)
    runs: list[Rule] = []
    for y in range(height):
        for found in _RUN.finditer(data, y * columns, (y + 1) * columns):
            start, end = found.start() - y * columns, found.end() - y * columns
            runs.append(Rule(float(y), float(start * WINDOW), float(end * WINDOW)))
    return _merge(runs)


def _merge(runs: list[Rule]) -> list[Rule]:
    """Runs on neighbouring rows that overlap are one rule (its thickness, or a little skew)."""
    rules: list[list[float]] = []  # [first y, last y, start, end]
    for run in runs:
        touching = next((rule for rule in reversed(rules) if run.at - rule[1] <= 2
                         and run.start < rule[3] and rule[2] < run.end), None)
        if touching is None:
            rules.append([run.at, run.at, run.start, run.end])
        else:
            touching[1] = run.at
            touching[2], touching[3] = min(touching[2], run.start), max(touching[3], run.end)
    return [Rule((first + last) / 2, start, end) for first, last, start, end in rules]


def _crossing_groups(horizontal: list[Rule], vertical: list[Rule]) -> list[tuple[list[Rule], list[Rule]]]:
    """Rules that cross or touch each other, grouped: each group may be a table."""
    reach = NEAR + WINDOW  # a rule's ends are known to a window's width

    def crosses(h: Rule, v: Rule) -> bool:
        return h.start - reach <= v.at <= h.end + reach and v.start - reach <= h.at <= v.end + reach

    groups: list[tuple[list[Rule], list[Rule]]] = []
    unplaced = list(vertical)
    for h in horizontal:
        joined = [g for g in groups if any(crosses(h, v) for v in g[1])]
        met = [v for v in unplaced if crosses(h, v)]
        if not joined and not met:
            continue
        group: tuple[list[Rule], list[Rule]] = ([h], met)
        for other in joined:
            groups.remove(other)
            group[0].extend(other[0])
            group[1].extend(other[1])
        unplaced = [v for v in unplaced if v not in met]
        groups.append(group)
    return groups


def _grid(horizontal: list[Rule], vertical: list[Rule], page_height: float) -> Grid | None:
    columns = _positions([v.at for v in vertical])
    if len(columns) < 3:  # a table of two columns or more has three vertical rules
        return None
    rows = _positions([h.at for h in horizontal if h.end - h.start >= 0.5 * (columns[-1] - columns[0])])
    # A table cut by the page break has no rule at the cut: its vertical rules end there.
    top = min(v.start for v in vertical)
    bottom = max(v.end for v in vertical)
    if not rows or top < rows[0] - WINDOW:
        rows.insert(0, max(top, 1.0))
    if bottom > rows[-1] + WINDOW:
        rows.append(min(bottom, page_height - 1))
    if len(rows) < 2:
        return None
    walls = []
    for upper, lower in zip(rows, rows[1:]):
        middle = (upper + lower) / 2
        walls.append([any(abs(v.at - x) <= NEAR and v.start - WINDOW <= middle <= v.end + WINDOW for v in vertical)
                      for x in columns])
    return Grid(rows, columns, walls)


def _positions(values: list[float]) -> list[float]:
    """Positions closer than NEAR are one boundary (the same rule, seen in two parts)."""
    merged: list[list[float]] = []
    for value in sorted(values):
        if merged and value - merged[-1][-1] <= NEAR:
            merged[-1].append(value)
        else:
            merged.append([value])
    return [sum(group) / len(group) for group in merged]
