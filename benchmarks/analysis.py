"""Benchmark: the cohort report, per-cohort response curves and offer rates on 1,000,000 interviews.

Builds a synthetic programme of 40 cohorts with ``followup_kit.data.sample`` and
its interview facts with ``followup_kit.facts``, then times the three
analyses a programme lead runs against one bare
``facts.groupby(["cohort", "response_days", "responded"]).size()``: the
least work any count-based analysis has to do. The analyses reduce the facts
to counts in one pass per count table (``cohort`` is a Categorical, so its
codes number the groups), so the ratio should stay at 3 or less.

Run: ``python benchmarks/analysis.py [--interviews N] [--seed S]``.
"""

from __future__ import annotations

import argparse
import time

from _common import candidates_for, machine, timed

from followup_kit import cohort_report, outcome_rates, response_curve
from followup_kit.data.sample import SAMPLE_AS_OF, generate_typed
from followup_kit.playbook.interview_facts import facts as build_facts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--interviews", type=int, default=1_000_000)
    parser.add_argument("--cohorts", type=int, default=40)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(machine())

    start = time.perf_counter()
    tables = generate_typed(candidates_for(args.interviews), seed=args.seed,
                            cohorts=args.cohorts, progress=True)
    facts = build_facts(*tables, as_of=SAMPLE_AS_OF)
    del tables
    print(f"facts: {len(facts):,} interviews in {facts['cohort'].nunique()} cohorts, "
          f"built in {time.perf_counter() - start:.1f} s")

    bare, _ = timed("bare groupby(cohort, response_days, responded)",
                    lambda: facts.groupby(["cohort", "response_days", "responded"]).size(),
                    args.repeat, width=44)

    def analyses():
        return (cohort_report(facts), response_curve(facts, by="cohort"),
                outcome_rates(facts, by="cohort", outcome="offer"))

    total, (report, curve, rates) = timed("cohort_report + curves + offer rates", analyses,
                                          args.repeat, width=44)
    timed("  cohort_report", lambda: cohort_report(facts), args.repeat, width=44)
    timed("  response_curve(by='cohort')", lambda: response_curve(facts, by="cohort"), args.repeat, width=44)
    timed("  outcome_rates(by='cohort')", lambda: outcome_rates(facts, by="cohort"), args.repeat, width=44)
    print(f"ratio to the bare groupby: {total / bare:.2f} (target at most 3)")
    print(f"report: {len(report)} cohorts; curves: {len(curve):,} rows; rates: {len(rates)} rows")


if __name__ == "__main__":
    main()
