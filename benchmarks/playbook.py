"""Benchmark: interview facts and the plan for 1,000,000 interviews.

Builds a synthetic programme with ``followup_kit.data.sample`` (about three
interviews per candidate, about two events per interview) and times
``facts`` + ``plan`` against one bare pandas pass over the same events,
``events.groupby(["interview_id", "kind"])["date"].min()``, measured in the
same run: the least work any per-interview summary has to do. The playbook
sorts the events once, builds one business-day calendar per country and
writes its reasons column by column, so the ratio should stay at 5 or less.

Run: ``python benchmarks/playbook.py [--interviews N] [--seed S] [--repeat R]``.

Output of one run (2 CPUs, other work running beside it)::

    sample: 333,333 candidates, 999,756 interviews, 2,335,307 events in 5.5 s
    machine: 2 CPUs (nproc 2), AMD EPYC
    first facts() (builds the holiday calendars)            2.021 s
    baseline: groupby(["interview_id","kind"]).date.min()    0.652 s   peak    215.2 MiB
    facts(candidates, interviews, events)                   1.585 s   peak    509.6 MiB
    plan(facts)                                             0.820 s   peak    122.1 MiB
    facts + plan                                            2.406 s
    ratio (facts + plan) / baseline: 3.69  (target <= 5)
    peak RSS of the whole run: 1,872 MiB
    actions: none 520,794, move_on 285,580, follow_up 70,468, wait 47,700, respond_to_offer 36,731, send_thank_you 24,117, reply_to_rejection 14,366
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

    # The first run also builds each country's holiday calendar; later runs reuse it.
    start = time.perf_counter()
    facts(candidates, interviews, events, as_of=SAMPLE_AS_OF)
    print(f"{'first facts() (builds the holiday calendars)':<52} {time.perf_counter() - start:8.3f} s")

    base, _ = timed('baseline: groupby(["interview_id","kind"]).date.min()',
                    lambda: events.groupby(["interview_id", "kind"])["date"].min(), args.repeat)
    t_facts, f = timed("facts(candidates, interviews, events)",
                       lambda: facts(candidates, interviews, events, as_of=SAMPLE_AS_OF), args.repeat)
    t_plan, p = timed("plan(facts)",
                      lambda: plan(f, today=SAMPLE_AS_OF), args.repeat)
    total = t_facts + t_plan
    print(f"{'facts + plan':<52} {total:8.3f} s")
    print(f"ratio (facts + plan) / baseline: {total / base:.2f}  (target <= 5)")
    print(f"peak RSS of the whole run: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10:,.0f} MiB")
    print("actions:", ", ".join(f"{k} {v:,}" for k, v in p["action"].value_counts().items()))


if __name__ == "__main__":
    main()
