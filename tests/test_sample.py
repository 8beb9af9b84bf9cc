"""The synthetic sample: seeded, valid, shaped like the published figures, with real associations."""

from __future__ import annotations

import re
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup_kit import FollowupKitError
from followup_kit.cli import main
from followup_kit.data import schema
from followup_kit.data.csv_files import csv_rows
from followup_kit.data.sample import (
    cohort_plan,
    generate,
    generate_notes,
    generate_typed,
    write_sample,
)
from followup_kit.data.store import Store
from followup_kit.playbook.interview_facts import local_dates

AS_OF = pd.Timestamp("2026-11-01")


def _validate(frames):
    raws = [schema.RawTable(schema.TABLES[name], frame, f"{name}.csv")
            for name, frame in zip(schema.ORDER, frames, strict=True)]
    return schema.validate(raws)


@pytest.fixture(scope="module")
def typed():
    return generate_typed(4000, seed=11)


@pytest.fixture(scope="module")
def per_interview(typed):
    """One row per interview with what happened, computed straight from the events."""
    candidates, interviews, events = typed
    iv = interviews.merge(candidates[["candidate_id", "cohort"]], on="candidate_id")
    thank = events[events["kind"] == "thank_you_sent"].groupby("interview_id")["date"].min()
    answered = events[events["kind"].isin(["employer_response", "next_round", "offer", "rejection"])]
    decided = events[events["kind"].isin(["offer", "rejection"])]
    first_decision = decided.sort_values("date").groupby("interview_id").agg(
        decided_on=("date", "first"), decision=("kind", "first"))
    iv["thanked_on"] = iv["interview_id"].map(thank)
    iv["answered_on"] = iv["interview_id"].map(answered.groupby("interview_id")["date"].min())
    iv = iv.join(first_decision, on="interview_id")
    iv["thank_days"] = (iv["thanked_on"] - iv["interview_date"]).dt.days
    iv["answer_days"] = (iv["answered_on"] - iv["interview_date"]).dt.days
    iv["decision_days"] = (iv["decided_on"] - iv["interview_date"]).dt.days
    began = iv.groupby("application_id")["interview_date"].transform("min")
    iv["application_days"] = (iv["decided_on"] - began).dt.days
    iv["timely"] = iv["thank_days"].le(1)
    iv["offer"] = iv["decision"].eq("offer")

    # The playbook's follow-up rules, written out with numpy business days (weekends only).
    day = "datetime64[D]"
    promised = iv["promised_decision_date"].to_numpy(day)
    held = iv["interview_date"].to_numpy(day)
    opens = np.where(np.isnat(promised), np.busday_offset(held, 10, roll="forward"),
                     np.busday_offset(np.where(np.isnat(promised), held, promised), 3, roll="forward"))
    iv["opens"] = pd.Series(opens, index=iv.index).astype("datetime64[us]")
    fu = events[events["kind"] == "follow_up_sent"].sort_values(["interview_id", "date"])
    fu = fu.merge(iv[["interview_id", "opens", "decided_on"]], on="interview_id")
    # A follow-up on or after the decision is the reply to it, not chasing.
    fu = fu[~(fu["date"] >= fu["decided_on"])]
    previous = fu.groupby("interview_id")["date"].shift()
    gap = np.busday_count(previous.fillna(fu["date"]).to_numpy(day), fu["date"].to_numpy(day))
    fu["crowded"] = previous.notna().to_numpy() & (gap < 5)
    fu["early"] = fu["date"] < fu["opens"]
    per = fu.groupby("interview_id").agg(
        follow_ups=("date", "size"), crowded=("crowded", "any"), early=("early", "any"))
    iv = iv.join(per, on="interview_id")
    iv["follow_ups"] = iv["follow_ups"].fillna(0)
    iv["early"] = iv["early"].fillna(False).astype(bool)
    iv["desperate"] = iv["early"] | iv["crowded"].fillna(False).astype(bool) | (iv["follow_ups"] > 2)
    return iv


def test_same_seed_same_frames_other_seed_differs():
    first = generate(150, seed=5)
    again = generate(150, seed=5)
    other = generate(150, seed=6)
    for a, b in zip(first, again, strict=True):
        pd.testing.assert_frame_equal(a, b)
    assert not first[0].equals(other[0])
    assert not first[2].equals(other[2])


def test_frames_are_csv_text_in_schema_order_and_validate():
    frames = generate(300, seed=2)
    for name, frame in zip(schema.ORDER, frames, strict=True):
        # In the data model's order; optional columns the sample does not fill may be left out.
        assert list(frame.columns) == [c for c in schema.TABLES[name].names if c in frame.columns]
        assert set(schema.TABLES[name].required) <= set(frame.columns)
        assert all(str(dtype) == "str" for dtype in frame.dtypes)
        assert not frame.isna().any().any()
    typed = _validate(frames)
    assert [len(typed[name]) for name in schema.ORDER] == [len(f) for f in frames]


def test_ids_names_countries_and_time_zones_look_real():
    candidates, interviews, events = generate(600, seed=4)
    assert candidates["candidate_id"].str.fullmatch(r"C\d{6}").all()
    assert interviews["interview_id"].str.fullmatch(r"I\d{7}").all()
    assert events["event_id"].str.fullmatch(r"E\d{8}").all()
    assert events["event_id"].is_unique and candidates["email"].is_unique
    assert candidates["name"].str.contains(r"[^\x00-\x7f]").any()
    assert candidates["email"].str.fullmatch(r"[a-z.]+\d+@mail\.example").all()
    assert (candidates["country"] == "").any() and (candidates["timezone"] == "").any()
    assert candidates["country"].nunique() >= 6
    assert set(candidates["cohort"]) == {"2025-spring", "2025-autumn", "2026-spring", "2026-autumn"}
    per_candidate = len(interviews) / len(candidates)
    assert 2.7 < per_candidate < 3.3


def test_gb_candidates_live_in_london_and_timestamps_carry_their_offset():
    candidates, interviews, events = generate_typed(1500, seed=8)
    gb = candidates[candidates["country"] == "GB"]
    assert set(gb["timezone"].dropna()) == {"Europe/London"}
    thanks = events[events["kind"] == "thank_you_sent"]
    stamped = thanks["sent_at"].notna()
    assert 0.15 < stamped.mean() < 0.5
    assert (thanks.loc[~stamped, "channel"] == "note").any()
    # A timestamp's date as written is its wall-clock date.
    raw = generate(1500, seed=8)[2]
    written = raw.loc[raw["date"].str.len() > 10, "date"]
    assert written.str.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}").all()
    assert written.str.endswith("+00:00").any() and written.str.contains(r"[+-](?!00:00)").any()


def test_more_than_eight_cohorts_are_numbered():
    names, starts = cohort_plan(12, np.datetime64("2026-11-01"))
    assert names == [f"cohort-{i:02d}" for i in range(1, 13)]
    assert (np.diff(starts.astype(int)) > 0).all()
    candidates, _, _ = generate(200, seed=1, cohorts=12)
    assert set(candidates["cohort"]) <= set(names)


def test_nothing_after_as_of_and_nothing_before_its_interview():
    candidates, interviews, events = generate_typed(800, seed=3, cohorts=3, as_of="2026-03-15")
    as_of = pd.Timestamp("2026-03-15")
    assert interviews["interview_date"].max() < as_of
    assert events["date"].max() <= as_of
    assert (events["sent_at"].dropna() <= as_of.tz_localize("UTC") + pd.Timedelta(days=1)).all()
    held = events["interview_id"].map(interviews.set_index("interview_id")["interview_date"])
    assert (events["date"] >= held).all()
    promised = interviews["promised_decision_date"]
    assert (promised.dropna() >= interviews.loc[promised.notna(), "interview_date"]).all()
    assert 0.4 < promised.notna().mean() < 0.6
    # The newest cohort starts at least 30 days before the as-of date.
    assert set(candidates["cohort"]) == {"2024-autumn", "2025-spring", "2025-autumn"}


def test_thank_you_rate_starts_near_24_percent_and_rises(per_interview):
    rates = per_interview.groupby("cohort")["thanked_on"].apply(lambda s: s.notna().mean())
    assert rates["2025-spring"] == pytest.approx(0.24, abs=0.04)
    assert rates["2026-autumn"] > rates["2025-spring"] + 0.2
    timing = per_interview["thank_days"].dropna()
    assert (timing == 1).mean() > 0.5 and (timing == 0).any() and (timing > 1).any()


def test_about_40_percent_of_first_interviews_never_answered(per_interview):
    # An invitation to the next round is an answer.
    oldest = per_interview[(per_interview["cohort"] == "2025-spring") & (per_interview["round"] == 1)]
    assert oldest["answered_on"].isna().mean() == pytest.approx(0.40, abs=0.05)


def test_applications_take_about_24_days_to_a_decision_with_a_long_tail(per_interview):
    # From an application's first interview to the offer or rejection after its last round.
    oldest = per_interview[per_interview["cohort"] == "2025-spring"]
    days = oldest["application_days"].dropna()
    assert 19 < days.mean() < 29
    assert days.quantile(0.95) > 2 * days.median()
    # A decision after a later round comes sooner than one after a single interview.
    by_round = oldest.dropna(subset=["decision_days"]).groupby(oldest["round"].gt(1))["decision_days"].mean()
    assert by_round[True] < by_round[False] - 5


def test_on_time_thank_you_goes_with_more_offers_and_faster_answers(per_interview):
    decided = per_interview[per_interview["decision"].notna()]
    by_timing = decided.groupby("timely")["offer"].mean()
    assert by_timing[True] > by_timing[False] + 0.05
    # The decision comes sooner after an on-time thank-you, after a first round and a later one alike.
    speed = decided.groupby([decided["round"].gt(1), "timely"])["decision_days"].mean()
    assert speed[False, True] < 0.9 * speed[False, False]
    assert speed[True, True] < 0.9 * speed[True, False]


def test_early_or_pushy_follow_ups_go_with_fewer_offers(per_interview):
    decided = per_interview[per_interview["decision"].notna() & (per_interview["follow_ups"] > 0)]
    rates = decided.groupby("desperate")["offer"].mean()
    assert rates[True] < rates[False] - 0.04
    assert per_interview["early"].sum() > 50
    assert (per_interview["follow_ups"] == 3).any()


def test_some_rejections_by_letter_some_withdrawn_some_to_a_recruiter(typed):
    _, _, events = typed
    rejections = events[events["kind"] == "rejection"]
    assert (rejections["channel"] == "letter").mean() > 0.3
    assert 0 < (events["kind"] == "withdrawn").sum() < 0.05 * len(events)
    follow = events[events["kind"] == "follow_up_sent"]
    assert (follow["to_interviewer"] == False).any()  # noqa: E712


def test_some_candidates_reply_to_the_decision_within_days_more_in_later_cohorts(typed):
    candidates, interviews, events = typed
    zone = events["interview_id"].map(interviews.set_index("interview_id")["candidate_id"]).map(
        candidates.set_index("candidate_id")["timezone"])
    events = events.assign(day=local_dates(events, zone))
    decisions = (events[events["kind"].isin(["offer", "rejection"])].sort_values("day")
                 .groupby("interview_id").agg(decided_on=("day", "first"), decision=("kind", "first")))
    fu = events[events["kind"] == "follow_up_sent"].join(decisions, on="interview_id")
    # Nobody chases after the news: what the candidate sends then is a reply, logged as one.
    assert not (fu["day"] >= fu["decided_on"]).any()
    sent = events[events["kind"] == "reply_sent"].join(decisions, on="interview_id")
    replies = sent[sent["day"] >= sent["decided_on"]]
    assert len(replies) == len(sent)
    assert replies["to_interviewer"].mean() > 0.8
    assert replies["channel"].isin(["email", "phone"]).all()
    first = replies.groupby("interview_id")["day"].min()
    decided = decisions.join(interviews.set_index("interview_id")["candidate_id"]).join(
        candidates.set_index("candidate_id")["cohort"], on="candidate_id")
    decided["gap"] = (first.reindex(decided.index) - decided["decided_on"]).dt.days
    assert decided["gap"].dropna().between(0, 4).all()
    decided["replied"] = decided["gap"].notna()
    by_cohort = decided.groupby("cohort")["replied"].mean()
    assert 0.2 < by_cohort["2025-spring"] < 0.4
    assert by_cohort["2026-autumn"] > by_cohort["2025-spring"] + 0.15
    by_decision = decided.groupby("decision")["replied"].mean()
    assert by_decision["offer"] > by_decision["rejection"] + 0.2


@settings(max_examples=12, deadline=None)
@given(n=st.integers(1, 40), seed=st.integers(0, 2**32 - 1), cohorts=st.integers(1, 12),
       as_of=st.dates(min_value=pd.Timestamp("2020-01-01").date(),
                      max_value=pd.Timestamp("2030-12-31").date()))
def test_any_arguments_give_a_valid_sample(n, seed, cohorts, as_of):
    frames = generate(n, seed=seed, cohorts=cohorts, as_of=as_of.isoformat())
    typed = _validate(frames)
    assert len(typed["candidates"]) == n
    assert typed["events"]["date"].max() <= pd.Timestamp(as_of) or typed["events"].empty
    assert typed["interviews"]["interview_date"].max() < pd.Timestamp(as_of)


def test_csv_rows_match_pandas_to_csv_on_awkward_text():
    frame = pd.DataFrame({
        "a": ["plain", 'say "hi"', "comma, here", "", "Ngũgĩ", "line\nbreak"],
        "b": ["", "x", "'quoted'", "tab\there", "Zoë", "=1+2"],
    }, dtype="str")
    assert csv_rows(frame).decode("utf-8") == frame.to_csv(index=False, header=False, lineterminator="\n")
    assert csv_rows(frame.iloc[:0]) == b""


def test_csv_rows_quote_a_carriage_return_so_the_row_stays_whole():
    frame = pd.DataFrame({"event_id": ["E1", "E2"], "note": ["carriage\rreturn", "ok"]}, dtype="str")
    data = b"event_id,note\n" + csv_rows(frame)
    assert b'"carriage\rreturn"' in data
    read = schema.parse_csv(data, "events.csv").frame
    pd.testing.assert_frame_equal(read, frame)


def test_written_files_read_back_as_the_same_text(tmp_path):
    paths = write_sample(tmp_path, 120, seed=9)
    assert [p.name for p in paths] == ["candidates.csv", "interviews.csv", "events.csv", "notes.csv"]
    frames = generate(120, seed=9)
    for path, frame in zip(paths, (*frames, generate_notes(*frames[:2], seed=9)), strict=True):
        raw = schema.read_csv(path)
        assert raw.table.name == path.stem
        pd.testing.assert_frame_equal(raw.frame, frame)


def test_cli_sample_writes_files_that_import_accepts(tmp_path, capsys):
    out = tmp_path / "sample"
    assert main(["sample", "--out", str(out), "--candidates", "80", "--seed", "2"]) == 0
    said = capsys.readouterr().out
    assert re.search(r"candidates\.csv: 80 candidates", said)
    assert "written in" in said
    files = [str(out / f"{name}.csv") for name in schema.ORDER]
    db = tmp_path / "store.db"
    assert main(["init", "--db", str(db)]) == 0
    assert main(["import", "--db", str(db), *files]) == 0
    with Store(db) as store:
        counts = store.counts()
    frames = generate(80, seed=2)
    assert counts == {name: len(f) for name, f in zip(schema.ORDER, frames, strict=True)}


def test_cli_sample_in_a_real_process(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "followup_kit.cli", "sample", "--out", str(tmp_path),
         "--candidates", "30", "--seed", "4", "--cohorts", "2", "--as-of", "2026-06-30"],
        capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "30 candidates" in done.stdout
    assert main(["init", "--db", str(tmp_path / "s.db")]) == 0
    assert main(["import", "--db", str(tmp_path / "s.db"), *(str(tmp_path / f"{n}.csv")
                                                             for n in schema.ORDER)]) == 0


@pytest.mark.parametrize("argv, message", [
    (["--candidates", "0"], "at least 1 candidate"),
    (["--cohorts", "0"], "at least 1 cohort"),
    (["--as-of", "next tuesday"], "write it as YYYY-MM-DD"),
])
def test_cli_sample_refuses_bad_arguments(tmp_path, capsys, argv, message):
    assert main(["sample", "--out", str(tmp_path), *argv]) == 2
    assert message in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_generate_raises_a_followup_kit_error_for_a_bad_date():
    with pytest.raises(FollowupKitError, match="not a date"):
        generate(5, as_of="2026-13-40")
