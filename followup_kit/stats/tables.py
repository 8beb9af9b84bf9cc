"""The cohort report as a person reads it: one presentation for the command line and the notebooks.

:func:`report_table` turns the numbers of :func:`~followup_kit.cohort_report`
into text (rates as percentages, medians with their interval);
:func:`report_records` into plain row objects for JSON.
"""

from __future__ import annotations

import math

import pandas as pd


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
    """The report as text a person reads: rates as percentages, medians with their interval.

    "too young" counts the interviews left out of the offer rate because they
    are not old enough to have settled; "follow-up warnings" is the share of
    interviews with an early, pushy or not-to-the-interviewer follow-up.
    """
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
            "-" if math.isnan(r) else f"{pct(r)} ({pct(lo)}-{pct(hi)})" for r, lo, hi in
            zip(report["offer_rate"], report["offer_ci_low"], report["offer_ci_high"], strict=True)],
        "too young": report["too_young"],
        "follow-up warnings": report["warning_share"].map(pct),
        "note": report["note"],
    })
    if not report["note"].fillna("").str.strip().astype(bool).any():
        text = text.drop(columns="note")
    return text.to_string(index=False)
