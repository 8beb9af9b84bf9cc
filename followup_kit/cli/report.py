"""The ``report`` subcommand: the cohort report as a table, CSV or JSON, and its pictures."""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import pandas as pd

from ..analysis import cohort_report, funnel, outcome_rates, response_curve
from ..errors import FollowupKitError
from ..store import Store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="compare cohorts: thank-you habits, response times, offer rates")
    p.add_argument("--db", required=True, help="the store file")
    p.add_argument("--as-of", help="the day the report describes, YYYY-MM-DD (default: today)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="table for reading, csv for a spreadsheet, json for other tools")
    p.add_argument("--plots", metavar="DIR", help="also write the report's pictures as PNG files here")
    p.set_defaults(func=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from ..facts import facts as build_facts

    with Store(args.db, readonly=True) as store:
        tables = store.tables()
    facts = build_facts(*tables, as_of=args.as_of)
    report = cohort_report(facts)
    if args.format == "json":
        print(json.dumps(report_records(report), indent=2))
    elif args.format == "csv":
        report.to_csv(sys.stdout, index=False)
    else:
        print(report_table(report))
    if args.plots:
        for path in write_plots(facts, Path(args.plots)):
            print(f"wrote {path}", file=sys.stderr)
    return 0


def report_records(report: pd.DataFrame) -> list[dict]:
    """The report as a list of plain row objects; NaN and infinity become null, the note says why."""
    rows = report.astype(object).to_dict(orient="records")
    for row in rows:
        for key, value in row.items():
            if isinstance(value, float) and not math.isfinite(value):
                row[key] = None
            elif hasattr(value, "item"):
                row[key] = value.item()
    return rows


def report_table(report: pd.DataFrame) -> str:
    """The report as text a person reads: rates as percentages, medians with their interval."""
    if report.empty:
        return "no interviews in the store yet: import some with 'followup-kit import'"

    def days(x: float) -> str:
        return "not reached" if math.isinf(x) else ("-" if math.isnan(x) else f"{x:.0f}")

    def pct(x: float) -> str:
        return "-" if math.isnan(x) else f"{x:.0%}"

    share = next(c for c in report.columns if c.startswith("answered_within_"))
    horizon = share.removeprefix("answered_within_").removesuffix("_days")
    text = pd.DataFrame({
        "cohort": report["cohort"],
        "candidates": report["candidates"],
        "interviews": report["interviews"],
        "thank-you on time": report["thank_you_on_time_rate"].map(pct),
        "median days to answer (95% CI)": [
            f"{days(m)} ({days(lo)}-{days(hi)})" for m, lo, hi in
            zip(report["median_response_days"], report["median_ci_low"], report["median_ci_high"],
                strict=True)],
        f"answered within {horizon} days": report[share].map(pct),
        "offer rate (95% CI)": [
            f"{pct(r)} ({pct(lo)}-{pct(hi)})" for r, lo, hi in
            zip(report["offer_rate"], report["offer_ci_low"], report["offer_ci_high"], strict=True)],
        "note": report["note"],
    })
    if not report["note"].fillna("").str.strip().astype(bool).any():
        text = text.drop(columns="note")
    return text.to_string(index=False)


def write_plots(facts: pd.DataFrame, folder: Path) -> list[Path]:
    """Write the report's pictures (curves, offer rates, funnel) as PNG files in ``folder``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .. import plots

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FollowupKitError(f"cannot make the folder {folder}: {exc.strerror}") from None
    pictures = {
        "response_curves.png": (plots.plot_response_curve, response_curve(facts, by="cohort")),
        "offer_rates.png": (plots.plot_outcome_rates, outcome_rates(facts, by="cohort")),
        "funnel.png": (plots.plot_funnel, funnel(facts)),
    }
    paths = []
    for name, (draw, result) in pictures.items():
        ax = draw(result)
        ax.figure.savefig(folder / name, dpi=150)
        plt.close(ax.figure)
        paths.append(folder / name)
    return paths
