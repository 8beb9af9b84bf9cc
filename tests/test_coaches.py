"""Coaches: a candidate's coach through CSV, the store (migration 7), corrections, export and Parquet."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from conftest import store_rows, write
from followup_kit.cli import main
from followup_kit.data import schema
from followup_kit.data import store as store_module
from followup_kit.data.parquet import read_parquet, write_parquet
from followup_kit.data.store import Store
from followup_kit.errors import FollowupKitError, ValidationError

SCHEMA_STEPS = Path(__file__).parent / "data" / "schema_steps"
COACHED = """candidate_id,name,email,cohort,country,timezone,coach
C1,Zoë Ngũgĩ,zoe@example.org,2026-spring,KE,Africa/Nairobi,"  Wanjiru Kamau  "
C2,José Álvarez,jose@example.org,2026-spring,,,ben@careers.example
C3,Sam Tui,sam@example.org,2026-autumn,TO,Pacific/Tongatapu,
C4,Ana Lima,ana@example.org,2026-autumn,,,alice Ochieng
"""


@pytest.fixture
def coached(tmp_path, csv_files) -> Store:
    store = Store(tmp_path / "s.db")
    store.import_csv(write(tmp_path, "coached.csv", COACHED), *csv_files[1:])
    yield store
    store.close()


def test_the_coach_column_is_read_stripped_and_blank_is_none(coached):
    candidates = coached.candidates()
    assert candidates["coach"].dtype == "str"
    assert candidates["coach"].iloc[[0, 1, 3]].tolist() == ["Wanjiru Kamau", "ben@careers.example",
                                                             "alice Ochieng"]
    assert pd.isna(candidates["coach"].iloc[2])
    # The same column in the frames of one snapshot.
    assert coached.tables()[0]["coach"].equals(candidates["coach"])


def test_a_candidates_file_without_coaches_still_has_the_column(tmp_path, csv_files):
    with Store(tmp_path / "s.db") as store:
        store.import_csv(*csv_files)
        candidates = store.candidates()
    assert "coach" in candidates.columns and candidates["coach"].dtype == "str"
    assert candidates["coach"].isna().all()
    assert schema.empty("candidates")["coach"].dtype == "str"


def test_coaches_are_each_coach_once_sorted_without_regard_to_case(coached):
    assert coached.coaches() == ["alice Ochieng", "ben@careers.example", "Wanjiru Kamau"]
    coached.set_coach("C3", "Wanjiru Kamau")
    assert coached.coaches() == ["alice Ochieng", "ben@careers.example", "Wanjiru Kamau"]
    assert Store(":memory:").coaches() == []


def test_set_coach_assigns_strips_and_clears(coached):
    coached.set_coach("C3", "  Ben Otieno ")
    assert coached.candidates("C3")["coach"].iloc[0] == "Ben Otieno"
    coached.set_coach("C3", None)
    coached.set_coach("C1", "")
    got = coached.candidates(["C1", "C3"])["coach"]
    assert got.isna().all() and got.dtype == "str"
    assert "Wanjiru Kamau" not in coached.coaches()


def test_set_coach_refuses_an_unknown_candidate_and_a_huge_name_writing_nothing(coached):
    before = store_rows(Path(coached.path))
    with pytest.raises(FollowupKitError, match="C9"):
        coached.set_coach("C9", "Ben")
    with pytest.raises(ValidationError) as caught:
        coached.set_coach("C1", "x" * 10_001)
    assert caught.value.column == "coach"
    assert store_rows(Path(coached.path)) == before


def test_a_version_6_store_is_migrated_keeping_every_candidate_without_a_coach(tmp_path, csv_files):
    db = tmp_path / "v6.db"
    con = sqlite3.connect(db, isolation_level=None)
    for step in range(1, 7):
        con.executescript((SCHEMA_STEPS / f"{step}.sql").read_text())
    con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    con.executemany("INSERT INTO schema_version VALUES (?)", [(v,) for v in range(1, 7)])
    frame = pd.read_csv(csv_files[0], dtype="str", keep_default_na=False)
    con.executemany("INSERT INTO candidates VALUES (?, ?, ?, ?, ?, ?)",
                    [tuple(v or None for v in row) for row in frame.itertuples(index=False)])
    before = con.execute("SELECT rowid, * FROM candidates ORDER BY rowid").fetchall()
    con.close()
    with Store(db) as store:
        assert store.schema_version == store_module.SCHEMA_VERSION
        assert store._db.execute("SELECT rowid, * FROM candidates ORDER BY rowid").fetchall() == [
            (*row, None) for row in before]
        names = {r[0] for r in store._db.execute("SELECT name FROM sqlite_master")}
        assert {"notes", "notes_by_candidate", "candidates_by_coach"} <= names
        assert store.coaches() == [] and store.notes().empty
        store.set_coach("C1", "Wanjiru Kamau")
        assert store.coaches() == ["Wanjiru Kamau"]


def test_export_writes_the_coach_and_an_import_reads_it_back(coached, tmp_path):
    out = tmp_path / "out"
    coached.export_csv(out)
    written = pd.read_csv(out / "candidates.csv", dtype="str", keep_default_na=False, encoding="utf-8-sig")
    assert written["coach"].tolist() == ["Wanjiru Kamau", "ben@careers.example", "", "alice Ochieng"]
    with Store(tmp_path / "again.db") as again:
        again.import_csv(*sorted(out.glob("*.csv")))
        pd.testing.assert_frame_equal(again.candidates(), coached.candidates())


def test_parquet_carries_the_coach_and_an_older_dataset_reads_without_one(coached, tmp_path):
    tables = coached.tables()
    write_parquet(tmp_path / "ds", tables)
    back = read_parquet(tmp_path / "ds")
    pd.testing.assert_frame_equal(back[0].sort_values("candidate_id").reset_index(drop=True), tables[0])
    older = tuple(t.drop(columns="coach") if i == 0 else t for i, t in enumerate(tables))
    write_parquet(tmp_path / "old", older)
    read = read_parquet(tmp_path / "old")[0]
    assert read["coach"].dtype == "str" and read["coach"].isna().all()


def test_edit_puts_a_candidate_in_a_caseload_and_takes_them_out(coached, capsys):
    db = coached.path
    assert main(["edit", "--db", db, "--candidate", "C3", "--coach", "Wanjiru Kamau"]) == 0
    assert "C3 is now in Wanjiru Kamau's caseload" in capsys.readouterr().out
    assert coached.candidates("C3")["coach"].iloc[0] == "Wanjiru Kamau"
    assert main(["edit", "--db", db, "--candidate", "C3", "--coach", ""]) == 0
    assert "no coach" in capsys.readouterr().out
    assert pd.isna(coached.candidates("C3")["coach"].iloc[0])


@pytest.mark.parametrize(("argv", "option"), [
    (["--candidate", "C9", "--coach", "Ben"], "--candidate"),
    (["--candidate", "C1"], "--candidate"),
    (["--candidate", "C1", "--coach", "Ben", "--role", "Clerk"], "--candidate"),
    (["--interview", "I1", "--coach", "Ben"], "--coach"),
    (["--candidate", "C1", "--coach", "b" * 10_001], "--coach"),
    (["--coach", "Ben"], "--coach"),
])
def test_edit_with_a_bad_coach_line_is_one_line_naming_the_option(coached, capsys, argv, option):
    before = store_rows(Path(coached.path))
    assert main(["edit", "--db", coached.path, *argv]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and f": {option}:" in err and "Traceback" not in err, err
    assert store_rows(Path(coached.path)) == before



def test_the_sample_puts_every_candidate_in_one_of_five_caseloads_of_coaches_no_candidate_is_named():
    from followup_kit.data.sample import generate

    candidates = generate(300, seed=7)[0]
    caseloads = candidates["coach"].value_counts()
    assert len(caseloads) == 5 and caseloads.sum() == 300
    assert caseloads.between(40, 100).all()
    assert not set(caseloads.index) & set(candidates["name"])
    assert candidates["coach"].str.fullmatch(r"\S+ \S+").all()
    # The same seed, the same caseloads.
    assert generate(300, seed=7)[0]["coach"].equals(candidates["coach"])


def test_a_large_sample_has_a_coach_for_about_every_thousand_candidates():
    from followup_kit.data.sample import generate

    caseloads = generate(12_000, seed=3)[0]["coach"].value_counts()
    assert len(caseloads) == 12 and caseloads.between(850, 1150).all()
