"""The programme lead's cohort explorer: pick cohorts, interview dates, a behaviour and a day.

The app only wires widgets to the layers below it: :func:`followup_kit.facts`
builds the interview facts, :mod:`followup_kit.stats` computes the report,
curves and rates, :mod:`followup_kit.charts` describes the pictures (which
JupyterLab draws in the browser, so a click costs the analysis and not the
drawing) and :func:`~followup_kit.stats.tables.report_frame` words the
table, shown as an HTML table that fits the notebook's width.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import ipywidgets as w
import pandas as pd

from ..charts import chart_bundle, outcome_rates_chart, response_curve_chart
from ..data import schema
from ..data.dates import as_day
from ..data.store import Store
from ..errors import FollowupKitError
from ..playbook.interview_facts import facts as build_facts
from ..stats.rates import outcome_rates
from ..stats.report import cohort_report
from ..stats.survival import response_curve
from ..stats.tables import report_frame
from .common import Progress, html_table, message, on_value, show_html

#: What the "compare by" menu offers: label shown -> facts column.
COMPARE_BY = {"cohort": "cohort", "thank-you timing": "thank_you_timing",
              "follow-up warnings (early, pushy, not the interviewer)": "warned"}
CSV_NAMES = tuple(f"{n}.csv" for n in schema.ORDER)


def load_tables(store_or_path: Store | str | Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The three typed tables from a store, a store file or a folder of the three CSV files.

    Parameters
    ----------
    store_or_path : Store, str or Path
        An open :class:`~followup_kit.Store`; the path of a store file (opened
        read-only); or a folder holding ``candidates.csv``, ``interviews.csv``
        and ``events.csv``, imported into a store in memory (checked as any
        import is).

    Returns
    -------
    tuple of DataFrame
        candidates, interviews, events.
    """
    if isinstance(store_or_path, Store):
        return store_or_path.tables()
    path = Path(store_or_path)
    if path.is_dir():
        missing = [name for name in CSV_NAMES if not (path / name).is_file()]
        if missing:
            raise FollowupKitError(
                f"{path}: no {', '.join(missing)} in this folder; give a folder holding "
                f"{', '.join(CSV_NAMES)}, or a store file made with 'followup-kit import'")
        with Store(":memory:") as store:
            store.import_csv(*(path / name for name in CSV_NAMES))
            return store.tables()
    with Store(path, readonly=True) as store:
        return store.tables()


class CohortController:
    """Holds what the lead chose (cohorts, grouping, day) and tells the views when it changes.

    Facts are rebuilt only when the day changes; choosing cohorts or a
    grouping reuses them. Every view registered with :meth:`register` is
    called with the controller after each change, as mpl-interactions'
    controller does.

    Parameters
    ----------
    tables : tuple of DataFrame
        candidates, interviews, events, as :func:`load_tables` returns them.
    as_of : date-like, optional
        The day the figures describe; defaults to today.
    """

    def __init__(self, tables: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame], as_of=None):
        self.tables = tables
        self.as_of: dt.date = pd.Timestamp(as_day(as_of)).date()
        self.all_facts = build_facts(*tables, as_of=self.as_of)
        self.cohorts: tuple[str, ...] = tuple(self.all_facts["cohort"].cat.categories)
        self.by = "cohort"
        # Interviews held from ... to ... (both included); None leaves that end open.
        self.held_from: dt.date | None = None
        self.held_to: dt.date | None = None
        #: What the views last showed: the report and the charts (Vega-Lite specifications).
        self.report: pd.DataFrame | None = None
        self.charts: list[dict] = []
        self._views: list[Callable[[CohortController], None]] = []

    def register(self, view: Callable[[CohortController], None]) -> None:
        """Call ``view(controller)`` now and after every change."""
        self._views.append(view)
        view(self)

    def update(self, *, cohorts=None, by: str | None = None, as_of=None, held_from=False,
               held_to=False) -> None:
        """Change any of the choices, then redraw every view once.

        Parameters
        ----------
        cohorts : sequence of str, optional
            The cohorts to show.
        by : str, optional
            A facts column to compare by, e.g. ``"thank_you_timing"``.
        as_of : date-like, optional
            The day the figures describe; the facts are rebuilt for it.
        held_from, held_to : date or None, optional
            Only interviews held in this range (both ends included); None opens that end.
        """
        if cohorts is not None:
            self.cohorts = tuple(cohorts)
        if by is not None:
            self.by = by
        if held_from is not False:
            self.held_from = held_from
        if held_to is not False:
            self.held_to = held_to
        if as_of is not None:
            day = pd.Timestamp(as_day(as_of)).date()
            if day != self.as_of:
                self.as_of = day
                self.all_facts = build_facts(*self.tables, as_of=day)
        for view in self._views:
            view(self)

    @property
    def facts(self) -> pd.DataFrame:
        """The interview facts of the chosen cohorts, the cohorts kept in the facts' order."""
        f = self.all_facts
        chosen = [c for c in f["cohort"].cat.categories if c in self.cohorts]
        keep = f["cohort"].isin(chosen)
        if self.held_from is not None:
            keep &= f["interview_date"] >= pd.Timestamp(self.held_from)
        if self.held_to is not None:
            keep &= f["interview_date"] <= pd.Timestamp(self.held_to)
        # A chosen cohort without interviews still gets its row in the report.
        return f.loc[keep].assign(cohort=lambda d: d["cohort"].cat.set_categories(chosen))


def show_report(output: w.Output) -> Callable[[CohortController], None]:
    """A view that shows the cohort report as an HTML table in ``output`` (``controller.report``)."""

    def view(controller: CohortController) -> None:
        if not controller.cohorts:
            controller.report = None
            show_html(output, message("note", "Choose at least one cohort to see its report."),
                      "Choose at least one cohort to see its report.")
            return
        controller.report = report = cohort_report(controller.facts)
        shown = report_frame(report)
        show_html(output, html_table(shown, caption="Cohort report (95% intervals)",
                                     numeric=[c for c in shown.columns if c not in ("cohort", "note")]),
                  shown.to_string(index=False))

    return view


def show_plots(output: w.Output) -> Callable[[CohortController], None]:
    """A view that shows the response curves and the offer rates in ``output`` (``controller.charts``)."""

    def view(controller: CohortController) -> None:
        controller.charts = []
        if not controller.cohorts:
            output.outputs = ()
            return
        f = controller.facts
        controller.charts = [response_curve_chart(response_curve(f, by=controller.by)),
                             outcome_rates_chart(outcome_rates(f, by=controller.by))]
        output.outputs = tuple(chart_bundle(chart) for chart in controller.charts)

    return view


def cohort_app(store_or_path: Store | str | Path, as_of=None,
               display: bool = False) -> tuple[w.VBox, dict]:
    """Compare cohorts: the report table, response curves and offer rates, for chosen cohorts.

    Parameters
    ----------
    store_or_path : Store, str or Path
        Where the data is: an open store, a store file, or a folder of the
        three CSV files (see :func:`load_tables`).
    as_of : date-like, optional
        The day to look from at first; the lead can change it in the app.
        Defaults to today.
    display : bool
        Show the app at once (in a notebook); leave False to get it back
        without showing it, e.g. in a test.

    Returns
    -------
    box : ipywidgets.VBox
        The app.
    parts : dict
        ``cohorts`` (SelectMultiple), ``compare_by`` (Dropdown), ``as_of``,
        ``held_from`` and ``held_to`` (DatePicker), ``report`` and ``plots``
        (Output), ``message`` (HTML: what went wrong with a choice, if
        anything) and ``controller`` (the :class:`CohortController` that owns
        the choices).

    Examples
    --------
    In a notebook cell (``notebooks/cohort_analysis.ipynb`` does this, and the
    test suite runs it)::

        app, parts = cohort_app("../data", as_of="2026-11-01")
        app                                    # shows the app
        parts["cohorts"].value = ("2026-autumn",)  # what a click does
    """
    bar = Progress(3, "reading the store", display=display)
    tables = load_tables(store_or_path)
    bar.step("building the interview facts")
    controller = CohortController(tables, as_of=as_of)
    bar.step("drawing the report")
    cohorts = w.SelectMultiple(options=controller.cohorts, value=controller.cohorts,
                               rows=min(max(len(controller.cohorts), 2), 8),
                               description="cohorts")
    compare_by = w.Dropdown(options=list(COMPARE_BY.items()), value="cohort",
                            description="compare by")
    day = w.DatePicker(value=controller.as_of, description="as of")
    held_from = w.DatePicker(value=None, description="held from")
    held_to = w.DatePicker(value=None, description="held to")
    report = w.Output(layout=w.Layout(overflow="auto"))
    pictures = w.Output()
    said = w.HTML()

    def day_changed(value) -> None:
        # A cleared date picker keeps the last day rather than silently jumping to today.
        if value is not None:
            controller.update(as_of=value)

    on_value(cohorts, said, "show the report for these cohorts", lambda v: controller.update(cohorts=v))
    on_value(compare_by, said, "compare by that", lambda v: controller.update(by=v))
    on_value(day, said, "show the figures as of that day", day_changed)
    on_value(held_from, said, "keep the interviews held from that day",
             lambda v: controller.update(held_from=v))
    on_value(held_to, said, "keep the interviews held up to that day", lambda v: controller.update(held_to=v))
    controller.register(show_report(report))
    controller.register(show_plots(pictures))

    box = w.VBox([
        w.HBox([cohorts, w.VBox([compare_by, day]), w.VBox([held_from, held_to])],
               layout=w.Layout(flex_flow="row wrap")),
        said,
        w.HTML("Rates go with a cohort or a behaviour; they are not its effect. The offer rate counts "
               "only interviews old enough to have settled."),
        report,
        pictures,
    ], layout=w.Layout(width="100%"))
    parts = {"cohorts": cohorts, "compare_by": compare_by, "as_of": day, "held_from": held_from,
             "held_to": held_to, "report": report, "plots": pictures, "message": said,
             "controller": controller}
    bar.done()
    if display:
        from IPython.display import display as show

        show(box)
    return box, parts
