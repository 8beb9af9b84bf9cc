"""Count tables cached in the store: always equal to the ones built from scratch."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import followup_kit as fk
from followup_kit.cli import main
from followup_kit.data import schema
from followup_kit.data.sample import SAMPLE_AS_OF, generate, write_frames
from followup_kit.stats import cache
from followup_kit.stats.counts import count
from followup_kit.stats.report import cohort_report
from followup_kit.stats.survival import chance_of_answer
from followup_kit.stats.tables import report_records

FILES = [f"{name}.csv" for name in schema.ORDER]
DAY = SAMPLE_AS_OF


@pytest.fixture
def store(tmp_path):
    folder = tmp_path / "sample"
    write_frames(folder, generate(60, seed=11, cohorts=3))
    with fk.Store(tmp_path / "s.db") as s:
        s.import_csv(*(folder / name for name in FILES))
        yield s


@pytest.fixture
def builds(monkeypatch):
    """How each refresh was made: 'whole' or 'changed' (only the candidates who changed)."""
    made = []
    real_whole, real_changed = cache._built_whole, cache._brought_up_to_date

    def whole(*args, **kwargs):
        made.append("whole")
        return real_whole(*args, **kwargs)

    def changed(*args, **kwargs):
        out = real_changed(*args, **kwargs)
        if out is not None:
            made.append("changed")
        return out

    monkeypatch.setattr(cache, "_built_whole", whole)
    monkeypatch.setattr(cache, "_brought_up_to_date", changed)
    return made


def assert_cache_is_fresh(store, day=DAY):
    """The cached count tables equal count(facts(...)) of the whole store, table for table."""
    counted = cache.cohort_counts(store, day)
    assert counted.current
    f = fk.facts(*store.tables(), as_of=day)
    by_cohort = count(f, "cohort", cache.COHORT_QUESTIONS, days=True)
    by_behaviour = count(f, ["cohort", "thank_you_timing"], cache.COHORT_QUESTIONS)
    pd.testing.assert_frame_equal(counted.by_cohort.groups, by_cohort.groups)
    pd.testing.assert_frame_equal(counted.by_cohort.days, by_cohort.days)
    pd.testing.assert_frame_equal(counted.by_behaviour.groups, by_behaviour.groups)
    pd.testing.assert_frame_equal(cache.cohort_report_from_store(store, day), cohort_report(f))
    pd.testing.assert_frame_equal(cache.chance_of_answer_from_store(store, 10, 7, day),
                                  chance_of_answer(f, 10, 7, by="cohort"))
    return counted


def test_cached_counts_follow_every_kind_of_change(store, builds):
    cands, ints, evs = store.tables()
    assert_cache_is_fresh(store)
    assert builds == ["whole"]
    # A second read is the kept tables themselves.
    assert_cache_is_fresh(store)
    assert builds == ["whole"]

    # An event logged by the coach: only that candidate is built again.
    interview = ints.iloc[5]
    store.add_events(pd.DataFrame({"event_id": ["X1"], "interview_id": [interview["interview_id"]],
                                   "date": [DAY], "kind": ["offer"], "channel": ["phone"]}))
    assert_cache_is_fresh(store)
    # A new candidate with an interview, imported.
    store.add_candidates(pd.DataFrame({"candidate_id": ["N1"], "name": ["Nia"], "email": ["nia@example.org"],
                                       "cohort": [cands["cohort"].iloc[0]]}))
    store.add_interviews(pd.DataFrame({
        "interview_id": ["NI1"], "candidate_id": ["N1"], "company": ["Co"], "role": ["Clerk"],
        "interviewer_name": ["Ivy"], "interviewer_email": ["ivy@co.example"],
        "interview_date": ["2026-10-20"]}))
    assert_cache_is_fresh(store)
    # Corrections and deletions written with plain SQL, as another program would.
    db = store._db
    db.execute("UPDATE events SET kind = 'rejection' WHERE event_id = 'X1'")
    db.execute("UPDATE interviews SET interview_date = '2026-10-01' WHERE interview_id = ?",
               (ints["interview_id"].iloc[8],))
    db.execute("UPDATE candidates SET cohort = ? WHERE candidate_id = ?",
               (cands["cohort"].iloc[-1], cands["candidate_id"].iloc[0]))
    assert_cache_is_fresh(store)
    db.execute("DELETE FROM events WHERE event_id = ?", (evs["event_id"].iloc[3],))
    db.execute("DELETE FROM interviews WHERE interview_id = ?", (ints["interview_id"].iloc[12],))
    assert_cache_is_fresh(store)
    assert builds == ["whole", "changed", "changed", "changed", "changed"]

    # A forgotten candidate takes their cached rows along: the next read builds whole.
    db.execute("DELETE FROM candidates WHERE candidate_id = ?", (cands["candidate_id"].iloc[2],))
    assert db.execute("SELECT count(*) FROM count_tables WHERE per_candidate = 1").fetchone()[0] == 0
    assert_cache_is_fresh(store)
    assert builds[-1] == "whole"
    # Rows another program inserted cannot be traced to a candidate: whole again.
    db.execute("INSERT INTO events (event_id, interview_id, date, kind, channel) "
               "VALUES ('X9', ?, ?, 'employer_response', 'email')", (store.interviews()["interview_id"][0], DAY))
    assert_cache_is_fresh(store)
    assert builds[-1] == "whole"


def test_a_new_day_or_another_policy_builds_whole(store, builds):
    assert_cache_is_fresh(store, DAY)
    assert_cache_is_fresh(store, "2026-11-20")
    assert builds == ["whole", "whole"]
    strict = fk.Policy(ghost_after_days=20, give_up_after_days=40)
    counted = cache.cohort_counts(store, DAY, strict)
    f = fk.facts(*store.tables(), as_of=DAY, policy=strict)
    pd.testing.assert_frame_equal(counted.by_cohort.groups,
                                  count(f, "cohort", cache.COHORT_QUESTIONS, days=True).groups)
    assert builds == ["whole", "whole", "whole"]
    # The default policy's tables were kept apart.
    cache.cohort_counts(store, "2026-11-20")
    assert builds == ["whole", "whole", "whole"]


def test_a_look_back_does_not_push_out_the_current_day(store, builds):
    cache.cohort_counts(store, "2026-11-20")
    earlier = assert_cache_is_fresh(store, "2026-09-01")
    assert earlier.as_of == pd.Timestamp("2026-09-01")
    looked_back = len(builds)
    cache.cohort_counts(store, "2026-11-20")
    assert len(builds) == looked_back


def test_a_changed_rule_invalidates_the_cache(store, builds, monkeypatch):
    cache.cohort_counts(store, DAY)
    cache.code_version.cache_clear()
    monkeypatch.setattr(cache, "_BUILDERS", cache._BUILDERS[:-1])
    try:
        assert_cache_is_fresh(store)
    finally:
        cache.code_version.cache_clear()
    assert builds == ["whole", "whole"]


def test_a_reader_may_take_stale_tables_but_never_a_later_days(store, builds):
    cache.cohort_counts(store, DAY)
    store.add_events(pd.DataFrame({"event_id": ["X1"], "interview_id": [store.interviews()["interview_id"][0]],
                                   "date": [DAY], "kind": ["offer"], "channel": ["phone"]}))
    with fk.Store(store.path, readonly=True) as reader:
        stale = cache.cohort_counts(reader, "2026-11-05", stale_ok=True)
        assert not stale.current and stale.as_of == pd.Timestamp(DAY)
        assert builds == ["whole"]
        # Brought up to date in memory: a read-only store keeps nothing.
        fresh = cache.cohort_counts(reader, DAY)
        assert fresh.current and builds == ["whole", "changed"]
        cache.cohort_counts(reader, "2026-10-01", stale_ok=True)
        assert builds == ["whole", "changed", "whole"]
    assert cache.cohort_counts(store, DAY).state == store.data_state()


def test_report_command_keeps_and_reuses_the_counts(store, builds, capsys):
    f = fk.facts(*store.tables(), as_of=DAY)
    expected = report_records(cohort_report(f))
    for _ in range(2):
        assert main(["report", "--db", store.path, "--as-of", DAY, "--format", "json"]) == 0
        assert json.loads(capsys.readouterr().out) == json.loads(json.dumps(expected))
    assert builds == ["whole"]
