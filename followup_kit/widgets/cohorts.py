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
from pathlib import Path

import ipywidgets as w
import pandas as pd
import traitlets as t

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
              "follow-up warnings (early, pushy, not the interviewer)": "warned",
              # Response curves of each round's interviews; offer rates of the applications that
              # ended after each round.
              "round": "round"}
CSV_NAMES = tuple(f"{n}.csv" for n in schema.ORDER)
#: What the lead chooses: the controller's traits, which every view observes.
CHOICES = ("cohorts", "by", "as_of", "held_from", "held_to")


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


class CohortController(t.HasTraits):
    """Holds what the lead chose (cohorts, grouping, interview dates, day); the views observe it.

    Each choice is a trait (:data:`CHOICES`), and the views observe them, as
    ipywidgets' own widgets observe their traits. Facts are rebuilt only when
    the day changes, before any view hears of it; choosing cohorts, a grouping
    or interview dates reuses them.

    Parameters
    ----------
    tables : tuple of DataFrame
        candidates, interviews, events, as :func:`load_tables` returns them.
    as_of : date-like, optional
        The day the figures describe; defaults to today.

    Attributes
    ----------
    cohorts : tuple of str
        The cohorts to show.
    by : str
        A facts column to compare by, e.g. ``"thank_you_timing"``.
    as_of : datetime.date
        The day the figures describe (a datetime or Timestamp is taken as its day).
    held_from, held_to : datetime.date or None
        Only interviews held in this range (both ends included); None leaves that end open.
    report : DataFrame or None
        The cohort report the report view last showed.
    charts : list of dict
        The Vega-Lite specifications the plot view last showed.
    """

    cohorts = t.Tuple()
    by = t.Unicode("cohort")
    as_of = t.Instance(dt.date)
    held_from = t.Instance(dt.date, allow_none=True)
    held_to = t.Instance(dt.date, allow_none=True)

    def __init__(self, tables: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame], as_of=None):
        super().__init__()
        self.tables = tables
        self.as_of = pd.Timestamp(as_day(as_of)).date()
        self.all_facts = build_facts(*tables, as_of=self.as_of)
        self.cohorts = tuple(self.all_facts["cohort"].cat.categories)
        self.report: pd.DataFrame | None = None
        self.charts: list[dict] = []
        # Observing before any view does, the facts are those of the new day when a view redraws.
        self.observe(self._rebuild, names="as_of")

    @t.validate("as_of")
    def _day(self, proposal: t.Bunch) -> dt.date:
        return pd.Timestamp(proposal["value"]).date()

    def _rebuild(self, change: t.Bunch) -> None:
        self.all_facts = build_facts(*self.tables, as_of=change["new"])

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


def show_report(controller: CohortController, output: w.Output) -> None:
    """Show the cohort report as an HTML table in ``output`` (``controller.report``), after every choice."""

    def view(_=None) -> None:
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

    view()
    controller.observe(view, names=CHOICES)


def show_plots(controller: CohortController, output: w.Output) -> None:
    """Show the response curves and offer rates in ``output`` (``controller.charts``), after every choice."""

    def view(_=None) -> None:
        controller.charts = []
        if not controller.cohorts:
            output.outputs = ()
            return
        f = controller.facts
        controller.charts = [response_curve_chart(response_curve(f, by=controller.by)),
                             outcome_rates_chart(outcome_rates(f, by=controller.by))]
        output.outputs = tuple(chart_bundle(chart) for chart in controller.charts)

    view()
    controller.observe(view, names=CHOICES)


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
            controller.as_of = value

    on_value(cohorts, said, "show the report for these cohorts", lambda v: setattr(controller, "cohorts", v))
    on_value(compare_by, said, "compare by that", lambda v: setattr(controller, "by", v))
    on_value(day, said, "show the figures as of that day", day_changed)
    on_value(held_from, said, "keep the interviews held from that day",
             lambda v: setattr(controller, "held_from", v))
    on_value(held_to, said, "keep the interviews held up to that day",
             lambda v: setattr(controller, "held_to", v))
    show_report(controller, report)
    show_plots(controller, pictures)

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
