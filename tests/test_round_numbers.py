"""Applications and rounds worked out from the interviews table, and what cannot be right about them."""

from __future__ import annotations

import pandas as pd
import pytest

from followup_kit.data.rounds import number_rounds, round_problems
from followup_kit.words import round_words


def interviews(*rows: tuple) -> pd.DataFrame:
    """(interview_id, candidate_id, company, role, date, round, application_id) rows; None is blank."""
    frame = pd.DataFrame(rows, columns=["interview_id", "candidate_id", "company", "role",
                                        "interview_date", "round", "application_id"])
    return frame.assign(interview_date=pd.to_datetime(frame["interview_date"]).astype("datetime64[us]"),
                        round=frame["round"].astype("Int64"),
                        application_id=frame["application_id"].astype("str"))


def numbered(frame: pd.DataFrame) -> list[tuple]:
    out = number_rounds(frame)
    return list(zip(out["interview_id"], out["application_id"], out["round"], strict=True))


def test_blank_rounds_are_numbered_by_date_within_company_and_role():
    frame = interviews(
        ("K3", "C1", "Kora Bank", "Graduate analyst", "2026-05-02", None, None),
        ("K1", "C1", "Kora Bank", "Graduate analyst", "2026-04-01", None, None),
        ("K2", "C1", " kora bank ", "graduate  ANALYST", "2026-04-20", None, None),
        ("M1", "C1", "Kora Bank", "Risk analyst", "2026-04-03", None, None),
        ("O1", "C2", "Kora Bank", "Graduate analyst", "2026-04-02", None, None),
    )
    assert numbered(frame) == [("K3", "K1", 3), ("K1", "K1", 1), ("K2", "K1", 2), ("M1", "M1", 1),
                               ("O1", "O1", 1)]


def test_the_same_day_is_ordered_by_interview_id():
    frame = interviews(("B", "C1", "Acme", "Analyst", "2026-04-01", None, None),
                       ("A", "C1", "Acme", "Analyst", "2026-04-01", None, None))
    assert numbered(frame) == [("B", "A", 2), ("A", "A", 1)]


def test_given_rounds_are_kept_and_blank_ones_take_the_free_numbers():
    frame = interviews(("K1", "C1", "Acme", "Analyst", "2026-04-01", None, None),
                       ("K2", "C1", "Acme", "Analyst", "2026-04-10", 1, None),
                       ("K3", "C1", "Acme", "Analyst", "2026-04-20", None, None),
                       ("K4", "C1", "Acme", "Analyst", "2026-04-30", 4, None))
    # Round 1 is taken by K2: K1 and K3, in date order, take 2 and 3.
    assert [r for _, _, r in numbered(frame)] == [2, 1, 3, 4]


def test_an_application_is_named_by_its_round_1_else_its_first_interview():
    frame = interviews(("K1", "C1", "Acme", "Analyst", "2026-04-01", None, None),
                       ("K2", "C1", "Acme", "Analyst", "2026-04-20", 2, None),
                       ("L1", "C1", "Loop", "Analyst", "2026-04-02", 2, None),
                       ("L2", "C1", "Loop", "Analyst", "2026-04-09", 1, None))
    assert numbered(frame) == [("K1", "K1", 1), ("K2", "K1", 2), ("L1", "L2", 2), ("L2", "L2", 1)]


def test_an_application_id_groups_rounds_whatever_the_role_says():
    frame = interviews(("A1", "C1", "Acme", "Analyst", "2026-04-01", None, "APP-7"),
                       ("A2", "C1", "Acme", "Senior analyst", "2026-04-09", None, "APP-7"),
                       ("A3", "C1", "Acme", "Analyst", "2026-04-15", None, None))
    # A3 has no id, and the only id its company and role have is APP-7: it joins it.
    assert numbered(frame) == [("A1", "APP-7", 1), ("A2", "APP-7", 2), ("A3", "APP-7", 3)]


def test_blank_rows_of_a_company_and_role_with_two_ids_make_their_own_application():
    frame = interviews(("A1", "C1", "Acme", "Analyst", "2026-04-01", None, "X"),
                       ("A2", "C1", "Acme", "Analyst", "2026-04-09", None, "Y"),
                       ("A3", "C1", "Acme", "Analyst", "2026-04-15", None, None))
    assert numbered(frame) == [("A1", "X", 1), ("A2", "Y", 1), ("A3", "A3", 1)]


def test_numbering_keeps_the_rows_and_their_order_and_works_without_the_columns():
    frame = interviews(("B", "C1", "Acme", "Analyst", "2026-04-02", None, None),
                       ("A", "C1", "Acme", "Analyst", "2026-04-01", None, None)).drop(
        columns=["round", "application_id"]).set_axis([10, 20])
    out = number_rounds(frame)
    assert out.index.tolist() == [10, 20]
    assert out["round"].dtype == "int64" and out["round"].tolist() == [2, 1]
    assert out["application_id"].tolist() == ["A", "A"]
    assert "round" not in frame.columns


def messages(problems) -> list[str]:
    return [f"{p.row}:{p.column}: {p.message}" for p in problems]


def test_a_whole_application_has_no_problem():
    frame = interviews(("K1", "C1", "Acme", "Analyst", "2026-04-01", 1, None),
                       ("K2", "C1", "Acme", "Analyst", "2026-04-20", 2, None))
    assert round_problems(frame) == []


@pytest.mark.parametrize(("rows", "expected"), [
    ([("K1", "C1", "Acme", "Analyst", "2026-04-01", 0, None)],
     ["2:round: round 0 cannot be: the first interview of an application is round 1"]),
    ([("K1", "C1", "Acme", "Analyst", "2026-04-01", 1, None),
      ("K2", "C1", "Acme", "Analyst", "2026-04-20", 3, None)],
     ["3:round: application K1 has round 3 but no round 2"]),
    ([("K1", "C1", "Acme", "Analyst", "2026-04-01", 1, None),
      ("K2", "C1", "Acme", "Analyst", "2026-04-20", 1, None)],
     ["3:round: application K1 has round 1 twice (K1 on row 2 and K2)"]),
    ([("K1", "C1", "Acme", "Analyst", "2026-04-20", 1, None),
      ("K2", "C1", "Acme", "Analyst", "2026-04-01", 2, None)],
     ["3:interview_date: round 2 of application K1 (K2) is dated 2026-04-01, before round 1 on 2026-04-20"]),
    ([("K1", "C1", "Acme", "Analyst", "2026-04-01", None, "APP"),
      ("K2", "C2", "Acme", "Analyst", "2026-04-20", None, "APP")],
     ["3:application_id: application APP belongs to C1 and C2: an application is one candidate's"]),
])
def test_what_cannot_be_right_is_said_with_its_row_and_column(rows, expected):
    assert messages(round_problems(interviews(*rows), interviews_file="interviews.csv")) == expected
    assert all(p.file == "interviews.csv" for p in round_problems(interviews(*rows),
                                                                  interviews_file="interviews.csv"))


def test_an_invitation_dated_after_the_next_round_is_a_problem_of_the_events_file():
    frame = interviews(("K1", "C1", "Acme", "Analyst", "2026-04-01", 1, None),
                       ("K2", "C1", "Acme", "Analyst", "2026-04-20", 2, None))
    events = pd.DataFrame({"interview_id": ["K1", "K1", "K2"], "kind": ["thank_you_sent", "next_round",
                                                                        "next_round"],
                           "date": pd.to_datetime(["2026-04-02", "2026-04-25", "2026-04-30"])})
    problems = round_problems(frame, events, events_file="events.csv", event_rows=[2, 7, 9])
    assert [(p.file, p.row, p.column) for p in problems] == [("events.csv", 7, "date")]
    assert problems[0].message == ("the invitation after K1 is dated 2026-04-25, after round 2 was held "
                                   "on 2026-04-20")


def test_rounds_in_words():
    assert round_words([1, 2, 3, 7]).tolist() == ["first interview", "second interview", "third interview",
                                                  "round 7 interview"]
