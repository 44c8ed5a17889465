"""The picture work of OCR (scan_image.py) on pages drawn here: a tilted scan made level,
ruled tables found with their merged cells and page cuts, and lines that are no table."""

from __future__ import annotations

import random

import pytest
from PIL import Image, ImageDraw

from cchc.importer import scan_image

WIDTH, HEIGHT = 2480, 3508  # A4 at 300 dpi


def _page(rows: list[int], columns: list[int], *, skip_wall: tuple[int, int] | None = None,
          bottom_rule: bool = True, underline: bool = True, specks: int = 3000) -> Image.Image:
    """A page with a ruled table: horizontal rules at `rows`, vertical ones at `columns`, ink in
    every cell but the last row's last; `skip_wall` (row, column) leaves out one wall."""
    page = Image.new("L", (WIDTH, HEIGHT), 255)
    draw = ImageDraw.Draw(page)
    if underline:  # the rule under "Độc lập - Tự do - Hạnh phúc": long, but crossed by nothing
        draw.rectangle([1300, 300, 1900, 302], fill=0)
    top, bottom = rows[0], rows[-1]
    drawn_rows = rows if bottom_rule else rows[:-1]
    for y in drawn_rows:
        draw.rectangle([columns[0], y - 1, columns[-1], y + 1], fill=0)
    for c, x in enumerate(columns):
        for r in range(len(rows) - 1):
            if skip_wall == (r, c):
                continue
            draw.rectangle([x - 1, rows[r], x + 1, rows[r + 1]], fill=0)
    for r in range(len(rows) - 1):
        for c in range(len(columns) - 1):
            if (r, c) == (len(rows) - 2, len(columns) - 2):
                continue  # an empty cell
            if skip_wall == (r, c):
                continue  # merged with its left neighbour: its ink is there
            x, y = columns[c] + 30, rows[r] + 30
            draw.rectangle([x, y, x + 40, y + 30], fill=0)  # a "word"
    rng = random.Random(7)
    for _ in range(specks):  # dust: one or two dark pixels
        x, y = rng.randrange(WIDTH - 1), rng.randrange(HEIGHT - 1)
        page.putpixel((x, y), rng.randrange(40, 150))
    return page


ROWS = [800, 1000, 1200, 1400]
COLUMNS = [300, 420, 1100, 1600, 2200]


def _close(found: list[float], expected: list[int], tolerance: float = 6) -> bool:
    return len(found) == len(expected) and all(abs(f - e) <= tolerance for f, e in zip(found, expected))


@pytest.mark.parametrize("angle", [0.0, 0.45, -0.6])
def test_a_tilted_scan_is_made_level_and_its_table_found(angle):
    drawn = _page(ROWS, COLUMNS)
    tilted = drawn.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    level = scan_image.straighten(tilted)
    [grid] = scan_image.find_grids(level)
    # turned about the page's centre: the table, near it, moves by a few pixels at most
    assert _close(grid.rows, ROWS, 12) and _close(grid.columns, COLUMNS, 12), (grid.rows, grid.columns)
    assert all(all(walls) for walls in grid.walls)


def test_straightening_levels_a_rule_along_its_whole_length():
    tilted = _page(ROWS, COLUMNS).rotate(0.45, resample=Image.Resampling.BICUBIC, fillcolor=255)

    def rule_at(picture: Image.Image, x: int) -> list[int]:
        return [y for y in range(700, 900) if picture.getpixel((x, y)) < 128]

    assert abs(rule_at(tilted, 400)[0] - rule_at(tilted, 2100)[0]) > 10
    level = scan_image.straighten(tilted)
    assert abs(rule_at(level, 400)[0] - rule_at(level, 2100)[0]) <= 2


def test_a_merged_cell_has_no_wall_and_is_one_picture():
    page = scan_image.straighten(_page(ROWS, COLUMNS, skip_wall=(1, 2)))
    [grid] = scan_image.find_grids(page)
    assert grid.walls[1] == [True, True, False, True, True]
    assert grid.walls[0] == grid.walls[2] == [True] * 5
    cells = {(r, c): picture.size for r, c, picture in scan_image.cells(page, grid)}
    assert (1, 2) not in cells and (1, 1) in cells
    # the merged cell spans two columns (plus the white margin on each side)
    assert cells[(1, 1)][0] > (COLUMNS[3] - COLUMNS[1]) - 40 > cells[(0, 1)][0]
    assert (2, 3) not in cells  # no ink, no picture
    assert len(cells) == 3 * 4 - 2


def test_a_table_cut_by_the_page_break_ends_where_its_walls_end():
    page = scan_image.straighten(_page(ROWS, COLUMNS, bottom_rule=False))
    [grid] = scan_image.find_grids(page)
    assert _close(grid.rows, ROWS, 30)


def test_rules_that_do_not_cross_are_no_table():
    page = Image.new("L", (WIDTH, HEIGHT), 255)
    draw = ImageDraw.Draw(page)
    draw.rectangle([1300, 300, 1900, 302], fill=0)     # the header's underline
    draw.rectangle([300, 1000, 2200, 1002], fill=0)    # a rule across the page
    draw.rectangle([1200, 1500, 1202, 2000], fill=0)   # one vertical rule, crossing nothing
    assert scan_image.find_grids(scan_image.straighten(page)) == []


def test_blanking_removes_the_table_and_keeps_the_rest():
    page = scan_image.straighten(_page(ROWS, COLUMNS))
    grids = scan_image.find_grids(page)
    blanked = scan_image.blank(page, grids)
    left, top, right, bottom = (round(v) for v in grids[0].box)
    assert blanked.crop((left - 5, top - 5, right + 5, bottom + 5)).point(lambda v: 255 if v < 128 else 0).getbbox() is None
    assert blanked.crop((1290, 290, 1910, 310)).point(lambda v: 255 if v < 128 else 0).getbbox() is not None


def test_specks_are_cleaned_and_text_strokes_kept():
    page = Image.new("L", (400, 200), 255)
    draw = ImageDraw.Draw(page)
    draw.rectangle([50, 50, 53, 150], fill=0)  # a stroke four pixels wide
    for x, y in [(200, 100), (300, 60), (350, 150)]:
        page.putpixel((x, y), 60)  # dust
    cleaned = scan_image.straighten(page)
    assert all(cleaned.getpixel(p) == 255 for p in [(200, 100), (300, 60), (350, 150)])
    assert cleaned.getpixel((51, 100)) < 128
