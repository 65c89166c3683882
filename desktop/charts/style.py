"""The look shared by every chart: page size, fonts, status colours and hatches.

Status colours alone vanish on a black-and-white printer, so every status
also has a hatch (bars) and a marker shape (lines), and every bar carries
its status as text.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from desktop.engine.status import status_name
from desktop.formats import format_plain

A4_LANDSCAPE = (11.69, 8.27)  # inches
TITLE_SIZE = 15
SUBTITLE_SIZE = 11
LABEL_SIZE = 10
SMALL_SIZE = 8.5
INK = "#222222"
TARGET_COLOUR = "#000000"
BAND_COLOUR = "#9e9e9e"


@dataclass(frozen=True)
class StatusStyle:
    colour: str
    hatch: str
    marker: str
    hatch_colour: str = INK


STATUS_STYLES = {
    "achieved": StatusStyle("#2e7d32", "", "o"),
    "on_track": StatusStyle("#90caf9", "///", "s"),
    "at_risk": StatusStyle("#ffb74d", "...", "^"),
    "behind": StatusStyle("#ef5350", "xxx", "v"),
    "no_data": StatusStyle("#ffffff", "", "x"),
    "no_target": StatusStyle("#e0e0e0", "--", "d"),
}


def style_of(status: str) -> StatusStyle:
    return STATUS_STYLES.get(status, STATUS_STYLES["no_data"])


def legend_text(status: str, names: dict[str, str] | None) -> str:
    return names[status] if names and status in names else status_name(status)


def wrap(text: str, width: int) -> str:
    """Long Vietnamese names on several lines, broken between words; line breaks kept."""
    return "\n".join("\n".join(textwrap.wrap(line, width=width, break_long_words=False)) or line
                     for line in text.split("\n"))


def balanced_wrap(text: str, width: int) -> str:
    """`wrap` on as few lines, as even as they can be: a title on two lines is two halves,
    not a line and one word left over."""
    lines = len(wrap(text, width).split("\n"))
    if lines <= 1 or "\n" in text:
        return wrap(text, width)
    for narrower in range(max(1, len(text) // lines), width):
        wrapped = wrap(text, narrower)
        if wrapped.count("\n") + 1 <= lines:
            return wrapped
    return wrap(text, width)


def number_formatter():
    """A matplotlib tick formatter writing numbers the Vietnamese way (15.945; 60,5;
    2,5), with the decimals a tick needs — the screen's painter writes them alike."""
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _position: format_plain(value))


def new_figure(size: tuple[float, float] = A4_LANDSCAPE):
    """A Figure (never pyplot) with constrained layout, for screen and paper alike."""
    from desktop.charts.mplsetup import prepare_matplotlib

    prepare_matplotlib()
    from matplotlib.figure import Figure

    figure = Figure(figsize=size, layout="constrained", facecolor="white")
    figure.get_layout_engine().set(h_pad=0.12, w_pad=0.15)
    return figure


TITLE_CHAR_WIDTH = 0.62  # a bold DejaVu Sans character's mean width, in font sizes


def titles(figure, axes, title: str, subtitle: str, width: int = 90) -> None:
    """The title (wrapped to the figure's width: a narrow screen figure gets more lines,
    not a title cut at both sides) and the subtitle."""
    fits = int(figure.figure.get_size_inches()[0] * 72 * 0.94 / (TITLE_SIZE * TITLE_CHAR_WIDTH))
    figure.suptitle(balanced_wrap(title, max(min(width, fits), 20)), fontsize=TITLE_SIZE,
                    fontweight="bold", color=INK)
    shown = axes.set_title(wrap(subtitle, max(min(width + 30, int(fits * TITLE_SIZE / SUBTITLE_SIZE)),
                                         30)), fontsize=SUBTITLE_SIZE, color=INK, pad=10)
    # Centred under the title, on the figure, not on the plot (which long labels push right).
    from matplotlib.transforms import blended_transform_factory

    shown.set_transform(blended_transform_factory(figure.transSubfigure, axes.transAxes)
                        + axes.titleOffsetTrans)


def page_with_footer(size: tuple[float, float] = A4_LANDSCAPE, footer_share: float = 0.04):
    """A page Figure and the SubFigure above its footer strip, where a chart is drawn."""
    page = new_figure(size)
    body, _footer = page.subfigures(2, 1, height_ratios=[1 - footer_share, footer_share])
    return page, body
