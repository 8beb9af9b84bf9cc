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


def report_frame(report: pd.DataFrame) -> pd.DataFrame:
    """The report as a person reads it, one text cell each: rates as percentages, medians with their interval.

    The offer rate counts applications, once each with its final outcome;
    "too young" counts the applications left out of it because they are not
    old enough to have settled. "silent after a later round" is the share of
    applications that reached round 2 or later and never heard back; "follow-up
    warnings" is the share of interviews with an early, pushy or
    not-to-the-interviewer follow-up. The note column is left out when no
    cohort has a note.

    Parameters
    ----------
    report : DataFrame
        The result of :func:`~followup_kit.cohort_report`.

    Returns
    -------
    DataFrame
        One row per cohort (or per round), every cell text.
    """
    def days(x: float) -> str:
        return "not reached" if math.isinf(x) else ("-" if math.isnan(x) else f"{x:.0f}")

    def pct(x: float) -> str:
        return "-" if math.isnan(x) else f"{x:.0%}"

    def pct_ci(rates, lows, highs) -> list[str]:
        return ["-" if math.isnan(r) else f"{pct(r)} ({pct(lo)}-{pct(hi)})"
                for r, lo, hi in zip(rates, lows, highs, strict=True)]

    share = next(c for c in report.columns if c.startswith("answered_within_"))
    horizon = share.removeprefix("answered_within_").removesuffix("_days")
    key = report.columns[0]
    text = pd.DataFrame({
        key: report[key].astype("str"),
        "candidates": report["candidates"].astype("str"),
        "interviews": report["interviews"].astype("str"),
        "applications": report["applications"].astype("str"),
        "rounds per application": report["rounds_per_application"].map(
            lambda x: "-" if math.isnan(x) else f"{x:.1f}"),
        "thank-you on time": report["thank_you_on_time_rate"].map(pct),
        "median days to answer (95% CI)": [
            f"{days(m)} ({days(lo)}-{days(hi)})" for m, lo, hi in
            zip(report["median_response_days"], report["median_ci_low"], report["median_ci_high"],
                strict=True)],
        f"answered within {horizon} days": report[share].map(pct),
        "offer rate (95% CI)": pct_ci(report["offer_rate"], report["offer_ci_low"],
                                      report["offer_ci_high"]),
        "too young": report["too_young"].astype("str"),
        "silent after a later round (95% CI)": pct_ci(report["silent_after_later_round"],
                                                      report["silent_ci_low"], report["silent_ci_high"]),
        "follow-up warnings": report["warning_share"].map(pct),
        "note": report["note"].fillna("").astype("str"),
    })
    if not text["note"].str.strip().astype(bool).any():
        text = text.drop(columns="note")
    return text


def report_table(report: pd.DataFrame) -> str:
    """The report as text for a terminal; see :func:`report_frame` for the columns."""
    if report.empty:
        return "no interviews in the store yet: import some with 'followup-kit import'"
    return report_frame(report).to_string(index=False)
