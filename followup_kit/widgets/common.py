"""What every widget shares: HTML tables that fit, pictures that scale, visible progress."""

from __future__ import annotations

import base64
import html
from collections.abc import Iterable

import ipywidgets as w
import pandas as pd

#: Tables wrap their text inside the cell width rather than pushing the page sideways; text reads
#: from the left (JupyterLab right-aligns every cell of a rendered table unless told otherwise).
TABLE_CSS = (
    "<style>"
    "table.fk-table{border-collapse:collapse;width:100%;max-width:100%;table-layout:auto !important;"
    "font-size:13px;line-height:1.35}"
    "table.fk-table th{text-align:left !important;font-weight:600;border-bottom:2px solid #444;padding:4px 8px;"
    "vertical-align:bottom;white-space:normal;overflow-wrap:break-word}"
    "table.fk-table td{text-align:left !important;border-bottom:1px solid #ddd;padding:4px 8px;vertical-align:top;"
    "overflow-wrap:break-word}"
    "table.fk-table td.num{text-align:right !important;font-variant-numeric:tabular-nums;white-space:nowrap}"
    ".fk-table tr.overdue td{background:#fff3e0}"
    ".fk-table caption{text-align:left;font-weight:600;padding:4px 0}"
    ".fk-note{color:#555;font-size:12px}"
    ".fk-error{color:#b00020;font-weight:600}"
    ".fk-ok{color:#1b5e20}"
    "</style>"
)


def html_table(frame: pd.DataFrame, *, caption: str | None = None, numeric: Iterable[str] = (),
               row_classes: Iterable[str] | None = None) -> str:
    """A DataFrame as an HTML table that fits the notebook's width, every cell escaped.

    Parameters
    ----------
    frame : DataFrame
        What to show; its index is left out.
    caption : str, optional
    numeric : list of str
        Columns to right-align (counts, percentages).
    row_classes : list of str, optional
        A CSS class per row (``"overdue"`` shades a row).

    Returns
    -------
    str
    """
    numeric = set(numeric)
    classes = list(row_classes) if row_classes is not None else [""] * len(frame)
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = []
    for css, row in zip(classes, frame.astype("str").itertuples(index=False), strict=True):
        cells = "".join(
            f'<td class="num">{html.escape(v)}</td>' if c in numeric else f"<td>{html.escape(v)}</td>"
            for c, v in zip(frame.columns, row, strict=True))
        body.append(f'<tr class="{css}">{cells}</tr>' if css else f"<tr>{cells}</tr>")
    title = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return (f'{TABLE_CSS}<table class="fk-table">{title}<thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def show_html(output: w.Output, markup: str, text: str = "") -> None:
    """Replace what ``output`` shows with ``markup`` in one step, so nothing flickers or piles up."""
    output.outputs = ({"output_type": "display_data",
                       "data": {"text/html": markup, "text/plain": text or "(table)"},
                       "metadata": {}},)


def svg_image(svg: str, alt: str) -> str:
    """An SVG picture as an ``<img>`` that scales to the width of the page, described by ``alt``.

    As an image, the picture can run no script and take no style from the
    page; its words stay text, so it is sharp on any screen.
    """
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return (f'<img src="data:image/svg+xml;base64,{data}" alt="{html.escape(alt)}" '
            'style="width:100%;max-width:480px;height:auto;display:block">')


def message(kind: str, text: str) -> str:
    """A short line beside a form: ``"error"`` in red, ``"ok"`` in green, else a grey note."""
    css = {"error": "fk-error", "ok": "fk-ok"}.get(kind, "fk-note")
    return f'{TABLE_CSS}<span class="{css}">{html.escape(text)}</span>'


class Progress:
    """A progress bar that renders in the notebook as a widget (never terminal escape codes).

    Parameters
    ----------
    steps : int
        How many steps the work has.
    description : str
        What is happening, shown beside the bar.
    display : bool
        Show the bar at once; left False in tests.
    """

    def __init__(self, steps: int, description: str, *, display: bool = False):
        self.bar = w.IntProgress(value=0, min=0, max=max(steps, 1), description="",
                                 layout=w.Layout(width="240px"))
        self.label = w.HTML(html.escape(description))
        self.box = w.HBox([self.label, self.bar])
        if display:
            from IPython.display import display as show

            show(self.box)

    def step(self, what: str | None = None) -> None:
        """One step done; ``what`` says what comes next."""
        self.bar.value = min(self.bar.value + 1, self.bar.max)
        if what:
            self.label.value = html.escape(what)

    def done(self) -> None:
        """Hide the bar: the work is finished."""
        self.bar.value = self.bar.max
        self.box.layout.display = "none"
