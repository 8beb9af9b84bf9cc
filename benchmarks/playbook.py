"""Benchmark: interview facts and the plan for 1,000,000 interviews.

Builds a synthetic programme with ``followup_kit.data.sample`` (about three
interviews per candidate, about two events per interview) and times
``facts`` + ``plan`` against one bare pandas pass over the same events,
``events.groupby(["interview_id", "kind"])["date"].min()``, measured in the
same run: the least work any per-interview summary has to do. Two ratios:

* a ``followup-kit plan`` process: its first ``facts`` (which also builds each
  country's business-day calendar) and ``plan``, against the baseline's own
  first run;
* later calls in the same process (a notebook, a server), best of ``--repeat``
  each, against the baseline's best.

The playbook sorts the events once, builds one business-day calendar per
country and writes its reasons column by column; both ratios should stay at 5
or less.

Run: ``python benchmarks/playbook.py [--interviews N] [--seed S] [--repeat R]``.
"""

from __future__ import annotations

import argparse
import resource
import time

from _common import candidates_for, machine, timed

from followup_kit import facts, plan
from followup_kit.data.sample import SAMPLE_AS_OF, generate_typed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--interviews", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    start = time.perf_counter()
    candidates, interviews, events = generate_typed(
        candidates_for(args.interviews), seed=args.seed, as_of=SAMPLE_AS_OF)
    print(f"sample: {len(candidates):,} candidates, {len(interviews):,} interviews, "
          f"{len(events):,} events in {time.perf_counter() - start:.1f} s")
    print(machine())

    group = lambda: events.groupby(["interview_id", "kind"])["date"].min()  # noqa: E731
    # A new process pays for its first calls: facts() also builds each country's holiday calendar.
    start = time.perf_counter()
    group()
    base_first = time.perf_counter() - start
    start = time.perf_counter()
    f = facts(candidates, interviews, events, as_of=SAMPLE_AS_OF)
    facts_first = time.perf_counter() - start
    start = time.perf_counter()
    plan(f, today=SAMPLE_AS_OF)
    plan_first = time.perf_counter() - start
    print(f"{'first baseline groupby':<52} {base_first:8.3f} s")
    print(f"{'first facts() (builds the holiday calendars)':<52} {facts_first:8.3f} s")
    print(f"{'first plan()':<52} {plan_first:8.3f} s")
    first = facts_first + plan_first
    print(f"ratio of a plan process, first facts + plan / first baseline: {first / base_first:.2f}  "
          f"(target <= 5)")

    base, _ = timed('baseline: groupby(["interview_id","kind"]).date.min()', group, args.repeat)
    t_facts, f = timed("facts(candidates, interviews, events)",
                       lambda: facts(candidates, interviews, events, as_of=SAMPLE_AS_OF), args.repeat)
    t_plan, p = timed("plan(facts)",
                      lambda: plan(f, today=SAMPLE_AS_OF), args.repeat)
    total = t_facts + t_plan
    print(f"{'facts + plan':<52} {total:8.3f} s")
    print(f"ratio of later calls, (facts + plan) / baseline: {total / base:.2f}  (target <= 5)")
    print(f"peak RSS of the whole run: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10:,.0f} MiB")
    print("actions:", ", ".join(f"{k} {v:,}" for k, v in p["action"].value_counts().items()))


if __name__ == "__main__":
    main()
