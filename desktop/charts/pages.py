"""The text pages of the meeting pack: the cover and the summary table.

Both are drawn with matplotlib on A4 landscape Figures, so the whole pack
is one PDF with the same embedded TrueType font (DejaVu Sans).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.charts.style import A4_LANDSCAPE, INK, new_figure, style_of, wrap

TABLE_COLUMNS = (  # (header vi, header en, share of the width, text width in characters)
    ("TT", "No.", 0.04, 4),
    ("Chỉ tiêu", "Indicator", 0.37, 50),
    ("Cấp", "Level", 0.10, 14),
    ("Mục tiêu", "Target", 0.14, 16),
    ("Thực hiện", "Actual", 0.10, 12),
    ("% mục tiêu", "% of target", 0.09, 12),
    ("Đánh giá", "Status", 0.16, 16),
)
TABLE_TOP = 0.86  # figure fraction where the table starts
TABLE_ROOM = 0.76  # height for header and rows; the status note goes below
LINE_HEIGHT = 0.026
ROW_PADDING = 0.012


@dataclass(frozen=True)
class Cover:
    issuer_lines: list[str]
    heading: str
    plan_title: str
    plan_reference: str
    period_label: str
    date_line: str
    unit_line: str = ""  # when the pack is about another unit than the office's own
    receiver_line: str = ""  # "Kính gửi: …", the office's receiving body
    plan_note: str = ""  # said when the period lies past the plan's last year


@dataclass(frozen=True)
class SummaryRow:
    cells: list[str]  # one per TABLE_COLUMNS, the last being the status name
    status: str


def cover_figure(cover: Cover, headers: tuple[str, str]):
    """The cover: issuer and national motto on top, the heading, the plan, the period, the date."""
    figure = new_figure(A4_LANDSCAPE)
    figure.set_layout_engine("none")
    for index, line in enumerate(cover.issuer_lines):
        figure.text(0.2, 0.9 - index * 0.035, line, ha="center", fontsize=12,
                    fontweight="bold" if index == len(cover.issuer_lines) - 1 else "normal")
    figure.text(0.72, 0.9, headers[0], ha="center", fontsize=12, fontweight="bold")
    figure.text(0.72, 0.865, headers[1], ha="center", fontsize=12, fontweight="bold")
    figure.add_artist(_rule(figure, 0.625, 0.815, 0.853))
    rule_y = 0.9 - (len(cover.issuer_lines) - 1) * 0.035 - 0.014
    figure.add_artist(_rule(figure, 0.16, 0.24, rule_y))
    figure.text(0.5, 0.64, wrap(cover.heading, 60), ha="center", va="center", fontsize=20,
                fontweight="bold", color=INK, linespacing=1.5)
    figure.text(0.5, 0.50, wrap(cover.plan_title, 95), ha="center", va="top", fontsize=13,
                color=INK, linespacing=1.5)
    if cover.plan_reference:
        figure.text(0.5, 0.39, cover.plan_reference, ha="center", va="top", fontsize=12,
                    style="italic", color=INK)
    figure.text(0.5, 0.30, cover.period_label, ha="center", va="center", fontsize=18,
                fontweight="bold", color=INK)
    if cover.unit_line:
        figure.text(0.5, 0.565, cover.unit_line, ha="center", va="center", fontsize=15,
                    fontweight="bold", color=INK)
    if cover.plan_note:
        figure.text(0.5, 0.25, wrap(cover.plan_note, 110), ha="center", va="top", fontsize=11,
                    style="italic", color="#7a4b00", linespacing=1.4)
    if cover.receiver_line:
        figure.text(0.5, 0.17, cover.receiver_line, ha="center", fontsize=12, color=INK)
    figure.text(0.5, 0.12, cover.date_line, ha="center", fontsize=12, style="italic",
                color=INK)
    return figure


def _rule(figure, x0: float, x1: float, y: float):
    from matplotlib.lines import Line2D

    return Line2D([x0, x1], [y, y], transform=figure.transFigure, color=INK, linewidth=0.8)


def _row_height(cells: list[str]) -> float:
    lines = max(wrap(cell, column[3]).count("\n") + 1 for cell, column in zip(cells, TABLE_COLUMNS))
    return lines * LINE_HEIGHT + ROW_PADDING


def table_pages(rows: list[SummaryRow]) -> list[list[SummaryRow]]:
    """The summary rows cut into pages by the height their wrapped text takes."""
    pages: list[list[SummaryRow]] = [[]]
    used = _row_height([vi for vi, _en, _share, _chars in TABLE_COLUMNS])
    for row in rows:
        height = _row_height(row.cells)
        if pages[-1] and used + height > TABLE_ROOM:
            pages.append([])
            used = _row_height([vi for vi, _en, _share, _chars in TABLE_COLUMNS])
        pages[-1].append(row)
        used += height
    return pages


def table_figure(title: str, subtitle: str, headers: list[str], rows: list[SummaryRow],
                 note: str = ""):
    """A ruled table of indicators: wrapped names, status swatch (colour + hatch) and text."""
    figure = new_figure(A4_LANDSCAPE)
    figure.set_layout_engine("none")
    figure.text(0.5, 0.94, title, ha="center", fontsize=15, fontweight="bold", color=INK)
    figure.text(0.5, 0.905, subtitle, ha="center", fontsize=11, color=INK)
    left, right, top = 0.04, 0.96, TABLE_TOP
    width = right - left
    lefts = [left]
    for _vi, _en, share, _chars in TABLE_COLUMNS:
        lefts.append(lefts[-1] + share * width)
    y = _table_row(figure, lefts, top, headers, header=True)
    for row in rows:
        y = _table_row(figure, lefts, y, row.cells, status=row.status)
    if note:
        figure.text(left, y - 0.03, wrap(note, 170), va="top", fontsize=8.5, color="#444444",
                    style="italic")
    return figure


def _table_row(figure, lefts: list[float], top: float, cells: list[str],
               header: bool = False, status: str | None = None) -> float:
    from matplotlib.patches import Rectangle

    wrapped = [wrap(cell, column[3]) for cell, column in zip(cells, TABLE_COLUMNS)]
    height = _row_height(cells)
    bottom = top - height
    if header:
        figure.add_artist(Rectangle((lefts[0], bottom), lefts[-1] - lefts[0], height,
                                    transform=figure.transFigure, facecolor="#e6e6e6",
                                    edgecolor="none"))
    for index, text in enumerate(wrapped):
        numeric = index in (0, 4, 5) and not header
        x = lefts[index + 1] - 0.006 if numeric and index else lefts[index] + 0.006
        if header or index == 0:
            x = (lefts[index] + lefts[index + 1]) / 2
        if status and index == len(wrapped) - 1:
            _swatch(figure, lefts[index] + 0.006, top - height / 2, status)
            x = lefts[index] + 0.03
        figure.text(x, top - height / 2, text, va="center",
                    ha="center" if header or index == 0 else ("right" if numeric else "left"),
                    fontsize=10, fontweight="bold" if header else "normal", color=INK,
                    linespacing=1.35)
    for x in lefts:
        figure.add_artist(_vertical(x, bottom, top))
    figure.add_artist(_horizontal(lefts[0], lefts[-1], bottom))
    if header:
        figure.add_artist(_horizontal(lefts[0], lefts[-1], top))
    return bottom


def _swatch(figure, x: float, y: float, status: str) -> None:
    from matplotlib.patches import Rectangle

    style = style_of(status)
    figure.add_artist(Rectangle((x, y - 0.011), 0.018, 0.022, transform=figure.transFigure,
                                facecolor=style.colour, hatch=style.hatch, edgecolor=INK,
                                linewidth=0.7))


def _vertical(x: float, y0: float, y1: float):
    from matplotlib.lines import Line2D

    return Line2D([x, x], [y0, y1], color=INK, linewidth=0.7)


def _horizontal(x0: float, x1: float, y: float):
    from matplotlib.lines import Line2D

    return Line2D([x0, x1], [y, y], color=INK, linewidth=0.7)
