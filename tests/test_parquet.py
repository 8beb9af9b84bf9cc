"""Parquet datasets of the three tables: whole candidates per partition, types kept, checked on reading."""

from __future__ import annotations

import json
import pickle

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import followup_kit
from followup_kit.cli import main
from followup_kit.data import parquet, sample, schema
from followup_kit.errors import FollowupKitError, ValidationError

AS_OF = "2026-11-01"


@pytest.fixture(scope="module")
def tables():
    return sample.generate_typed(240, seed=11, cohorts=5)


@pytest.fixture(scope="module")
def dataset(tables, tmp_path_factory):
    path = tmp_path_factory.mktemp("parquet") / "programme"
    parquet.write_parquet(path, tables, parts=4)
    return path


def owners(path) -> dict[str, set[str]]:
    """For each partition number, the candidates that own a row of any table in it."""
    out = {}
    for number, files in enumerate(parquet.dataset_parts(path)):
        cand = pd.read_parquet(files["candidates"])
        iv = pd.read_parquet(files["interviews"])
        ev = pd.read_parquet(files["events"])
        by_interview = dict(zip(iv["interview_id"], iv["candidate_id"], strict=True))
        out[number] = (set(cand["candidate_id"]), set(iv["candidate_id"]),
                       {by_interview.get(i) for i in ev["interview_id"]})
    return out


@pytest.mark.parametrize("layout, parts", [("hash", 4), ("cohort", None)])
def test_each_candidates_rows_sit_in_one_partition(tables, tmp_path, layout, parts):
    parquet.write_parquet(tmp_path / "d", tables, layout=layout, parts=parts)
    seen = owners(tmp_path / "d")
    assert len(seen) == (4 if layout == "hash" else 5)
    home = {}
    for number, (cand, iv, ev) in seen.items():
        # An interview's candidate and an event's candidate are in the same file as their row.
        assert iv <= cand and ev <= cand, number
        for c in cand:
            assert home.setdefault(c, number) == number
    assert len(home) == len(tables[0])
    if layout == "cohort":
        for files in parquet.dataset_parts(tmp_path / "d"):
            assert pd.read_parquet(files["candidates"])["cohort"].nunique() == 1


def test_the_hash_layout_is_the_same_in_every_process(tables, tmp_path):
    ids = tables[0]["candidate_id"]
    first, n = parquet.candidate_parts(tables[0], tables[1], "hash", 7)
    assert n == 7 and first.min() >= 0 and first.max() <= 6
    # Written out by hand: pandas' fixed-key hash, modulo the number of files.
    by_hand = pd.util.hash_pandas_object(ids, index=False).to_numpy() % np.uint64(7)
    np.testing.assert_array_equal(first, by_hand.astype(np.int64))
    # Every file gets some candidates: the hash spreads them evenly.
    assert np.bincount(first, minlength=7).min() > 0.5 * len(ids) / 7


def test_reading_back_gives_the_typed_tables(tables, dataset):
    back = parquet.read_parquet(dataset)
    for name, original, got in zip(schema.ORDER, tables, back, strict=True):
        key = schema.TABLES[name].key
        expected = original.sort_values(key, ignore_index=True)
        got = got.sort_values(key, ignore_index=True)
        assert list(got.columns) == list(expected.columns), name
        pd.testing.assert_frame_equal(got, expected, check_dtype=True, obj=name)
    assert back[2]["sent_at"].notna().any()


def test_facts_and_report_from_the_dataset_equal_the_tables(tables, dataset):
    expected = followup_kit.cohort_report(followup_kit.facts(*tables, as_of=AS_OF))
    got = followup_kit.cohort_report(followup_kit.facts(*parquet.read_parquet(dataset), as_of=AS_OF))
    pd.testing.assert_frame_equal(got, expected)


def test_writing_refuses_a_folder_that_holds_files_and_leaves_it_alone(tables, dataset):
    before = sorted(p.relative_to(dataset) for p in dataset.rglob("*"))
    with pytest.raises(FollowupKitError, match="not an empty folder"):
        parquet.write_parquet(dataset, tables)
    assert sorted(p.relative_to(dataset) for p in dataset.rglob("*")) == before


def test_a_failed_write_leaves_nothing(tables, tmp_path, monkeypatch):
    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pq, "write_table", full_disk)
    with pytest.raises(FollowupKitError, match="No space left"):
        parquet.write_parquet(tmp_path / "d", tables)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("options, message", [
    ({"layout": "zip"}, "unknown layout"),
    ({"parts": 0}, "whole number"),
    ({"layout": "cohort", "parts": 3}, "one file per cohort"),
])
def test_bad_layout_options_are_named(tables, tmp_path, options, message):
    with pytest.raises(FollowupKitError, match=message):
        parquet.write_parquet(tmp_path / "d", tables, **options)


def copy_with(dataset, tmp_path, table: str, change) -> object:
    """A copy of the dataset whose second partition file of ``table`` is rewritten by ``change``."""
    out = tmp_path / "changed"
    for files in parquet.dataset_parts(dataset):
        for name, file in files.items():
            (out / name).mkdir(parents=True, exist_ok=True)
            (out / name / file.name).write_bytes(file.read_bytes())
    target = parquet.dataset_parts(out)[1][table]
    frame = pd.read_parquet(target)
    pq.write_table(pa.Table.from_pandas(change(frame), preserve_index=False), target)
    return out


def bad_email(frame):
    frame.loc[2, "email"] = "not-an-address"
    return frame


def moved_candidate(frame):
    frame.loc[0, "candidate_id"] = "C999999"
    return frame


@pytest.mark.parametrize("table, change, where", [
    ("candidates", bad_email, "candidates/part-00001.parquet:4:email: 'not-an-address' is not an email"),
    ("candidates", lambda f: f.drop(columns="cohort"), "candidates/part-00001.parquet:1:cohort: missing"),
    ("interviews", moved_candidate, "interviews/part-00001.parquet:2:candidate_id: unknown candidate"),
    ("events", lambda f: f.assign(kind=f["kind"].where(f.index != 3, "ghosted")),
     "events/part-00001.parquet:5:kind: unknown kind 'ghosted'"),
    ("events", lambda f: f.assign(sent_at=f["date"]), "events/part-00001.parquet:1:sent_at"),
])
def test_a_bad_file_is_named_with_its_row_and_column(dataset, tmp_path, table, change, where):
    bad = copy_with(dataset, tmp_path, table, change)
    with pytest.raises(ValidationError) as caught:
        parquet.read_parquet(bad)
    assert str(caught.value).startswith(where)


def test_a_problem_found_on_a_worker_reaches_the_client_whole(dataset, tmp_path):
    bad = copy_with(dataset, tmp_path, "candidates", bad_email)
    with pytest.raises(ValidationError) as caught:
        parquet.read_parquet(bad)
    # A Dask worker sends its error to the client pickled.
    back = pickle.loads(pickle.dumps(caught.value))
    assert back.problems == caught.value.problems and str(back) == str(caught.value)
    assert (back.file, back.row, back.column) == ("candidates/part-00001.parquet", 4, "email")


def test_a_file_that_is_not_parquet_is_named(dataset, tmp_path):
    bad = copy_with(dataset, tmp_path, "events", lambda f: f)
    parquet.dataset_parts(bad)[0]["events"].write_bytes(b"event_id,interview_id\n")
    with pytest.raises(ValidationError, match=r"^events/part-00000.parquet:1:-: not a readable Parquet"):
        parquet.read_parquet(bad)


def test_a_dataset_missing_a_table_or_a_file_says_what_is_missing(dataset, tmp_path):
    bad = copy_with(dataset, tmp_path, "events", lambda f: f)
    parquet.dataset_parts(bad)[2]["interviews"].unlink()
    with pytest.raises(FollowupKitError, match=r"interviews/part-00002.parquet is missing"):
        parquet.dataset_parts(bad)
    for file in (bad / "events").iterdir():
        file.unlink()
    with pytest.raises(FollowupKitError, match=r"events holds no Parquet files"):
        parquet.dataset_parts(bad)
    with pytest.raises(FollowupKitError, match="is not a folder"):
        parquet.dataset_parts(tmp_path / "nowhere")


def test_sample_and_export_write_datasets_the_report_reads(tmp_path, capsys):
    assert main(["sample", "--out", str(tmp_path / "csv"), "--candidates", "120", "--seed", "4"]) == 0
    assert main(["sample", "--format", "parquet", "--out", str(tmp_path / "sampled"),
                 "--candidates", "120", "--seed", "4", "--partitions", "3"]) == 0
    db = str(tmp_path / "coach.db")
    assert main(["init", "--db", db]) == 0
    assert main(["import", "--db", db, *(str(tmp_path / "csv" / f"{n}.csv") for n in schema.ORDER)]) == 0
    assert main(["export", "--db", db, "--format", "parquet", "--layout", "cohort",
                 "--out", str(tmp_path / "exported")]) == 0
    capsys.readouterr()
    reports = []
    for args in (["--db", db], ["--parquet", str(tmp_path / "sampled")],
                 ["--parquet", str(tmp_path / "exported")]):
        assert main(["report", *args, "--as-of", AS_OF, "--format", "json"]) == 0
        reports.append(json.loads(capsys.readouterr().out))
    assert reports[0] == reports[1] == reports[2]
    assert sum(row["interviews"] for row in reports[0]) > 200
    assert len(parquet.dataset_parts(tmp_path / "sampled")) == 3


@pytest.mark.parametrize("args, message", [
    (["sample", "--partitions", "3"], "add --format parquet"),
    (["report", "--parquet", "{bad}", "--as-of", AS_OF], "candidates/part-00001.parquet:4:email"),
    (["report", "--parquet", "{bad}", "--scheduler", "tcp://127.0.0.1:1"], "add --engine dask"),
    (["report", "--db", "{db}", "--engine", "dask"], "--engine goes with --parquet"),
    (["report", "--parquet", "{bad}", "--plots", "{out}"], "--plots needs"),
])
def test_the_command_line_refuses_in_one_line(dataset, tmp_path, capsys, args, message):
    bad = copy_with(dataset, tmp_path, "candidates", bad_email)
    filled = [a.format(bad=bad, db=tmp_path / "x.db", out=tmp_path / "plots") for a in args]
    if filled[0] == "sample":
        filled += ["--out", str(tmp_path / "s")]
    assert main(filled) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and message in err, err
    assert not (tmp_path / "s").exists() and not (tmp_path / "x.db").exists()
