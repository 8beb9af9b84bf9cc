"""What every widget shares: HTML tables that fit, pictures that scale, visible progress, errors said."""

from __future__ import annotations

import base64
import functools
import html
import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import ipywidgets as w
import pandas as pd

from ..data.store import Store
from ..errors import FollowupKitError, ValidationError

log = logging.getLogger(__name__)
#: The longest an unexpected error's own words are shown beside a form; the log has them whole.
MAX_SHOWN = 160

#: The width every coaching view and its rows take: the whole notebook cell.
WIDE = w.Layout(width="100%")

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


def error_text(exc: Exception, action: str, *, field_words: Mapping[str, str] | None = None,
               nothing: str = "") -> str:
    """What a person reads when ``action`` ("save the correction") failed with ``exc``.

    Parameters
    ----------
    exc : Exception
    action : str
        What was being done, as the words after "could not".
    field_words : mapping, optional
        What each column is called on the form, for a value the store refused.
    nothing : str
        Said after a refused value, e.g. "Nothing was logged."

    Returns
    -------
    str
        A :class:`~followup_kit.errors.ValidationError` as the form's field and
        what is wrong with it; any other ``FollowupKitError`` as its message;
        anything else as one line naming the action.

    Examples
    --------
    >>> error_text(OSError("disk full"), "save the correction")
    'could not save the correction: OSError: disk full (the details are in the log)'
    """
    if isinstance(exc, ValidationError):
        problem = exc.problems[0]
        where = (field_words or {}).get(problem.column, problem.column)
        return f"{where}: {problem.message}. {nothing}".strip()
    if isinstance(exc, FollowupKitError):
        return str(exc)
    said = " ".join(str(exc).split())
    said = said if len(said) <= MAX_SHOWN else said[:MAX_SHOWN - 1] + "\u2026"
    return f"could not {action}: {type(exc).__name__}{': ' + said if said else ''} (the details are in the log)"


def says_errors(shown: w.HTML, action: str, *, field_words: Mapping[str, str] | None = None,
                nothing: str = "") -> Callable[[Callable], Callable]:
    """Wrap a widget's callback so that whatever goes wrong in it is said in ``shown``.

    A button or a value that changes calls its callback from the widget's
    event loop, where an exception reaches nobody: the button seems to do
    nothing. Wrapped, the callback shows :func:`error_text` in red instead
    and logs an unexpected error with its traceback (on the logger of this
    module); the error it showed goes once the same callback runs through.

    Parameters
    ----------
    shown : ipywidgets.HTML
        Where the message goes, beside the form.
    action, field_words, nothing
        As for :func:`error_text`.

    Returns
    -------
    callable
        A decorator.
    """

    def wrap(callback: Callable) -> Callable:
        said: dict = {"error": None}

        @functools.wraps(callback)
        def run(*args, **kwargs):
            try:
                result = callback(*args, **kwargs)
            except Exception as exc:
                if not isinstance(exc, FollowupKitError):
                    log.exception("could not %s", action)
                shown.value = said["error"] = message(
                    "error", error_text(exc, action, field_words=field_words, nothing=nothing))
                return None
            if said["error"] is not None and shown.value == said["error"]:
                shown.value = ""
            said["error"] = None
            return result

        return run

    return wrap


def on_value(widget: w.ValueWidget, shown: w.HTML, action: str, apply: Callable[[object], None]) -> None:
    """Call ``apply(new value)`` whenever ``widget``'s value changes, what goes wrong said in ``shown``.

    See :func:`says_errors`; ``action`` is what a change of this widget does.
    """
    widget.observe(says_errors(shown, action)(lambda change: apply(change["new"])), names="value")


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


class StoreInEachThread:
    """The store at ``path``, opened once in each thread that uses it; otherwise a :class:`Store`.

    A kernel answers a widget from the thread of the cell or of the subshell
    the widget was made in: the session a caseload opens is made in a
    callback, so its buttons may be answered in another thread than the
    caseload's. A SQLite connection serves the thread that opened it only,
    so each thread gets its own, on the same file (the store's WAL lets them
    read and write side by side).

    Parameters
    ----------
    path : str or Path
        The store file, opened for writing.
    """

    def __init__(self, path: str | Path):
        self.path = str(path)
        self._mine = threading.local()
        self._opened: list[Store] = []
        self._store()  # a path that is no store fails here, where it is given

    def _store(self) -> Store:
        store = getattr(self._mine, "store", None)
        if store is None:
            store = self._mine.store = Store(self.path)
            self._opened.append(store)
        return store

    def __getattr__(self, name: str):
        return getattr(self._store(), name)

    def close(self) -> None:
        """Close the store in every thread it was opened in."""
        for store in self._opened:
            store.close()
        self._opened.clear()
        self._mine = threading.local()

    def __repr__(self) -> str:
        return f"StoreInEachThread({self.path!r})"


def writable_store(store_or_path: Store | StoreInEachThread | str | Path) -> Store | StoreInEachThread:
    """A store for writing: the one given, or the file at that path opened in each thread that uses it."""
    if isinstance(store_or_path, (Store, StoreInEachThread)):
        return store_or_path
    return StoreInEachThread(store_or_path)
