"""The analyses over applications and rounds: outcomes per application, response curves per round."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_facts import make_tables
from test_playbook_properties import START
from test_playbook_properties import tables as one_interview_each

import followup_kit as fk
from followup_kit.data import schema
from followup_kit.stats.counts import count
from followup_kit.stats.tables import report_frame, report_records

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
AS_OF = "2026-09-01"
CANDIDATES = [{"candidate_id": c, "name": f"Ann {c}", "email": f"{c.lower()}@example.org",
               "cohort": "2026-spring", "country": "GB", "timezone": ""} for c in ("C1", "C2", "C3")]


def iso(offset: int) -> str:
    return (START + dt.timedelta(days=offset)).isoformat()


def interview(iid: str, candidate: str, company: str, held: str, rnd: int) -> dict:
    return {"interview_id": iid, "candidate_id": candidate, "company": company, "role": "Analyst",
            "interview_date": held, "round": str(rnd)}


# A: three rounds, then an offer. B: one round, rejected. C: two rounds, then silence.
# D: two rounds, then rejected. E: invited to a second round that is never logged.
HAND = [
    interview("A1", "C1", "Kora Bank", "2026-04-01", 1),
    interview("A2", "C1", "Kora Bank", "2026-04-20", 2),
    interview("A3", "C1", "Kora Bank", "2026-05-01", 3),
    interview("B1", "C1", "Acme", "2026-04-02", 1),
    interview("C1", "C2", "Beta", "2026-04-03", 1),
    interview("C2", "C2", "Beta", "2026-04-14", 2),
    interview("D1", "C3", "Gamma", "2026-04-05", 1),
    interview("D2", "C3", "Gamma", "2026-04-12", 2),
    interview("E1", "C3", "Delta", "2026-06-01", 1),
]
HAND_EVENTS = [
    {"interview_id": "A1", "date": "2026-04-10", "kind": "next_round"},
    {"interview_id": "A2", "date": "2026-04-25", "kind": "next_round"},
    {"interview_id": "A3", "date": "2026-05-10", "kind": "offer"},
    {"interview_id": "B1", "date": "2026-04-15", "kind": "rejection"},
    {"interview_id": "C1", "date": "2026-04-08", "kind": "next_round"},
    {"interview_id": "D1", "date": "2026-04-09", "kind": "next_round"},
    {"interview_id": "D2", "date": "2026-04-30", "kind": "rejection"},
    {"interview_id": "E1", "date": "2026-06-05", "kind": "next_round"},
]


def hand_facts(as_of=AS_OF) -> pd.DataFrame:
    return fk.facts(*make_tables(HAND, HAND_EVENTS, CANDIDATES), as_of=as_of)


def test_an_offer_after_three_rounds_is_one_offer_in_one_application():
    f = hand_facts()
    assert len(f) == 9
    row = fk.cohort_report(f).iloc[0]
    assert (row["interviews"], row["applications"]) == (9, 5)
    assert row["rounds_per_application"] == pytest.approx(9 / 5)
    # E awaits its second round (invited on 5 June, give_up_after_days not passed): too young.
    assert (row["old_enough"], row["too_young"], row["offers"]) == (4, 1, 1)
    assert row["offer_rate"] == pytest.approx(1 / 4)
    rates = {o: fk.outcome_rates(f, by="cohort", outcome=o).iloc[0]
             for o in ("offer", "rejection", "no_response", "withdrawn", "pending")}
    assert [(rates[o]["count"], rates[o]["trials"]) for o in rates] == \
        [(1, 4), (2, 4), (1, 4), (0, 4), (1, 5)]
    funnel = fk.funnel(f).set_index("stage")
    assert funnel.loc["offers", "count"] == 1
    assert funnel.loc["offers", "share"] == pytest.approx(1 / 5)
    assert funnel.loc["interviews", "count"] == 9
    # Every round was answered, an invitation included, but C's second round.
    assert funnel.loc["answered", "count"] == 8


def test_an_invitation_never_followed_closes_the_application_once_the_wait_is_over():
    row = fk.cohort_report(hand_facts("2026-10-01")).iloc[0]
    assert (row["applications"], row["old_enough"], row["too_young"]) == (5, 5, 0)
    assert row["offer_rate"] == pytest.approx(1 / 5)
    # E went silent after round 1, not after a later round.
    assert (row["reached_later_round"], row["later_round_old_enough"], row["silent_later_round"]) == (3, 3, 1)


def test_silent_after_a_later_round_by_hand_with_its_wilson_interval():
    from statsmodels.stats.proportion import proportion_confint

    row = fk.cohort_report(hand_facts()).iloc[0]
    # A, C and D reached round 2 or later; C went silent after it.
    assert (row["reached_later_round"], row["later_round_old_enough"], row["silent_later_round"]) == (3, 3, 1)
    assert row["silent_after_later_round"] == pytest.approx(1 / 3)
    low, high = proportion_confint(1, 3, alpha=0.05, method="wilson")
    assert (row["silent_ci_low"], row["silent_ci_high"]) == (pytest.approx(low), pytest.approx(high))
    shown = report_frame(fk.cohort_report(hand_facts()))
    assert shown.loc[0, "applications"] == "5"
    assert shown.loc[0, "rounds per application"] == "1.8"
    assert shown.loc[0, "silent after a later round (95% CI)"].startswith("33% (")
    record = report_records(fk.cohort_report(hand_facts()))[0]
    assert record["applications"] == 5 and record["silent_after_later_round"] == pytest.approx(1 / 3)


def test_silence_after_a_later_round_is_blank_with_a_note_when_none_reached_one():
    f = fk.facts(*make_tables(HAND[3:4], HAND_EVENTS[3:4], CANDIDATES), as_of=AS_OF)
    row = fk.cohort_report(f).iloc[0]
    assert row["reached_later_round"] == 0
    assert np.isnan(row["silent_after_later_round"]) and np.isnan(row["silent_ci_low"])
    assert "no application reached a second round" in row["note"]
    assert report_frame(fk.cohort_report(f)).loc[0, "silent after a later round (95% CI)"] == "-"


def test_an_application_counts_in_the_group_of_its_latest_round():
    f = hand_facts()
    by_round = count(f, "round", ["applications", "offer", "old_enough"]).groups
    assert by_round["round"].tolist() == [1, 2, 3]
    assert by_round["interviews"].tolist() == [5, 3, 1]
    # B and E ended at round 1, C and D at round 2, A at round 3 (its offer).
    assert by_round["applications"].tolist() == [2, 2, 1]
    assert by_round["offer"].tolist() == [0, 0, 1]
    report = fk.cohort_report(f, by="round")
    assert report["round"].tolist() == [1, 2, 3]
    assert report["rounds_per_application"].tolist() == [1.0, 2.0, 3.0]
    # Round 1's applications ended there: no share of silence after a later round, and no note.
    assert np.isnan(report.loc[0, "silent_after_later_round"]) and "second round" not in report.loc[0, "note"]
    assert report.loc[1, "silent_after_later_round"] == pytest.approx(1 / 2)


def test_response_curves_are_per_round_and_an_invitation_is_an_answer():
    f = hand_facts()
    curves = fk.response_curve(f, by="round")
    first = curves.loc[curves["round"] == 1]
    # Round 1: A1 answered on day 9 (invited), B1 on 13, C1 on 5, D1 on 4, E1 on 4.
    assert first["events"].sum() == 5 and first["censored"].sum() == 0
    assert first["days"].tolist() == [4, 5, 9, 13]
    compared = fk.compare_groups(f, "round", (1, 2))
    assert compared.loc[0, "median_days_a"] == 5
    # The offer rate of applications that ended after round 1 against those that ended after 2.
    assert (compared.loc[0, "count_a"], compared.loc[0, "trials_a"]) == (0, 1)
    assert (compared.loc[0, "count_b"], compared.loc[0, "trials_b"]) == (0, 2)


# -- the median by round against lifelines -----------------------------------------------------
def programme_tables(seed: int, n_candidates: int = 12, cohorts=("2026-spring", "2026-autumn")):
    """Text frames of candidates with applications of one to three rounds, answered or not."""
    rng = np.random.default_rng(seed)
    cands, ivs, evs = [], [], []
    for c in range(n_candidates):
        cid = f"P{c:03d}"
        cands.append({"candidate_id": cid, "name": f"Pat {c}", "email": f"p{c}@example.org",
                      "cohort": cohorts[c % len(cohorts)], "country": "GB", "timezone": ""})
        for a in range(int(rng.integers(1, 4))):
            held = int(rng.integers(0, 150))
            rounds = int(rng.choice([1, 2, 3], p=[0.5, 0.35, 0.15]))
            for r in range(1, rounds + 1):
                iid = f"{cid}-{a}-{r}"
                ivs.append({"interview_id": iid, "candidate_id": cid, "company": f"Firm {a}",
                            "role": "Analyst", "interviewer_name": "Jo Bloggs",
                            "interviewer_email": "jo@firm.example", "interview_date": iso(held),
                            "promised_decision_date": "", "round": str(r), "application_id": ""})
                if rng.random() < 0.7:
                    evs.append({"interview_id": iid, "date": iso(held + 1), "kind": "thank_you_sent"})
                wait = int(rng.integers(1, 30))
                if r < rounds:
                    evs.append({"interview_id": iid, "date": iso(held + wait), "kind": "next_round"})
                    held += wait + int(rng.integers(1, 10))
                else:
                    end = rng.choice(["offer", "rejection", "withdrawn", "", ""])
                    if end:
                        evs.append({"interview_id": iid, "date": iso(held + wait), "kind": str(end)})
    evs = [{"event_id": f"E{n}", "channel": "email", "to_interviewer": "", "note": "", **e}
           for n, e in enumerate(evs)]
    return (pd.DataFrame(cands), pd.DataFrame(ivs),
            pd.DataFrame(evs, columns=["event_id", "interview_id", "date", "kind", "channel",
                                       "to_interviewer", "note"]))


def typed(frames) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    raws = [schema.frame_to_raw(schema.TABLES[name], frame.astype("str"), name)
            for name, frame in zip(schema.ORDER, frames, strict=True)]
    checked = schema.validate(raws)
    return tuple(checked[name] for name in schema.ORDER)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_median_by_round_agrees_with_lifelines(seed):
    from lifelines import KaplanMeierFitter

    f = fk.facts(*typed(programme_tables(seed, 20)), as_of="2026-09-15")
    assert f["round"].max() >= 2
    medians = fk.median_response(f, by="round").set_index("round")
    reported = fk.cohort_report(f, by="round").set_index("round")
    curves = fk.response_curve(f, by="round")
    for rnd, rows in f.groupby("round"):
        kmf = KaplanMeierFitter().fit(rows["response_days"], event_observed=rows["responded"])
        expected = kmf.median_survival_time_
        assert medians.loc[rnd, "median"] == pytest.approx(expected), rnd
        assert reported.loc[rnd, "median_response_days"] == pytest.approx(expected), rnd
        mine = curves.loc[curves["round"] == rnd].set_index("days")["survival"]
        theirs = kmf.survival_function_.iloc[:, 0].reindex(mine.index)
        np.testing.assert_allclose(mine.to_numpy(), theirs.to_numpy(), rtol=1e-12)


# -- one round per application: the per-application rates are the per-interview ones -----------
KINDS = [k for k in schema.KINDS if k != "next_round"]
one_round = st.fixed_dictionaries({
    "held": st.integers(0, 300),
    "promise": st.one_of(st.none(), st.integers(0, 40)),
    "country": st.sampled_from(["", "GB"]),
    "events": st.lists(st.tuples(st.integers(0, 120), st.sampled_from(KINDS), st.just("")), max_size=4),
})


@SETTINGS
@given(rows=st.lists(one_round, min_size=1, max_size=10), today=st.integers(0, 420))
def test_with_one_round_each_the_rates_per_application_are_the_rates_per_interview(rows, today):
    f = fk.facts(*one_interview_each(rows), as_of=iso(today))
    assert (f["rounds"] == 1).all()
    for outcome in ("offer", "rejection", "withdrawn", "no_response"):
        got = fk.outcome_rates(f, by=None, outcome=outcome).iloc[0]
        old = f["old_enough"].to_numpy(dtype=bool)
        hit = (f["outcome"].astype("str").to_numpy() == outcome) & old
        assert (got["trials"], got["count"]) == (old.sum(), hit.sum())
        if old.sum():
            assert got["rate"] == pytest.approx(hit.sum() / old.sum())
    report = fk.cohort_report(f)
    assert (report["applications"] == report["interviews"]).all()
    assert (report.loc[report["applications"] > 0, "rounds_per_application"] == 1.0).all()
