"""The cohort report on a real two-process Dask cluster gives the pandas report's numbers."""

from __future__ import annotations

import subprocess
import sys

import dask.dataframe as dd
import distributed
import numpy as np
import pandas as pd
import pytest

import followup_kit
from followup_kit import scale
from followup_kit.data import sample
from followup_kit.errors import FollowupKitError
from followup_kit.stats import counts
from followup_kit.stats.report import REPORT_QUESTIONS


@pytest.fixture(scope="module")
def client():
    # Loopback only, and the scheduler's status page on a free port: test
    # workers running side by side would otherwise both ask for 8787.
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       host="127.0.0.1", dashboard_address="127.0.0.1:0")
    with cluster, distributed.Client(cluster) as connected:
        yield connected


@pytest.fixture(scope="module")
def facts():
    tables = sample.generate_typed(3000, seed=5, cohorts=6)
    return followup_kit.facts(*tables, as_of="2026-11-01")


@pytest.fixture(scope="module")
def dataset(facts, tmp_path_factory):
    path = tmp_path_factory.mktemp("facts") / "parquet"
    files = scale.write_facts_parquet(facts, path, partition_rows=1000)
    assert len(files) == -(-len(facts) // 1000)
    return path


def assert_report_equal(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    whole = [c for c in expected.columns if expected[c].dtype == np.int64]
    pd.testing.assert_frame_equal(got[whole], expected[whole], check_exact=True)
    pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=1e-12)


def test_parquet_keeps_the_types_the_analyses_need(facts, dataset):
    back = pd.read_parquet(dataset)
    for column in ["cohort", "thank_you_timing", "outcome", "interview_date", "thank_you_sent",
                   "responded", "pushy", "response_days", "follow_ups"]:
        assert back[column].dtype == facts[column].dtype, column
    pd.testing.assert_series_equal(back["outcome"], facts["outcome"])
    pd.testing.assert_series_equal(back["answered_on"], facts["answered_on"])


def test_cohort_report_on_the_cluster_equals_pandas(facts, dataset, client):
    assert_report_equal(scale.cohort_report_dask(dataset, client), followup_kit.cohort_report(facts))


def test_day_and_group_counts_equal_pandas(facts, dataset, client):
    ddf = scale.read_facts_parquet(dataset)
    got = scale.count_dask(ddf, "cohort", REPORT_QUESTIONS, days=True, client=client)
    expected = counts.count(facts, "cohort", REPORT_QUESTIONS, days=True)
    assert got.by == expected.by
    pd.testing.assert_frame_equal(got.days, expected.days, check_exact=True)
    pd.testing.assert_frame_equal(got.groups, expected.groups, check_exact=True)


@pytest.mark.parametrize("by, questions", [
    (None, ["candidates", "offer", "pending"]),
    (["cohort", "thank_you_timing"], ["thanked", "followed_up_in_window", "answered", "offer"]),
    ("company", ["candidates", "rejection", "no_response"]),
])
def test_other_groupings_count_as_pandas_does(facts, dataset, client, by, questions):
    got = scale.count_dask(scale.read_facts_parquet(dataset), by, questions, client=client)
    expected = counts.count(facts, by, questions, days=True)
    pd.testing.assert_frame_equal(got.groups, expected.groups, check_exact=True)
    pd.testing.assert_frame_equal(got.days, expected.days, check_exact=True)


def test_a_cohort_without_interviews_keeps_its_row_and_place(facts, client, tmp_path):
    quiet = facts.loc[facts["cohort"] != "2025-spring"].reset_index(drop=True)
    expected = followup_kit.cohort_report(quiet)
    assert expected["cohort"].tolist()[2] == "2025-spring"
    scale.write_facts_parquet(quiet, tmp_path / "quiet", partition_rows=2000)
    assert_report_equal(scale.cohort_report_dask(tmp_path / "quiet", client), expected)
    in_memory = dd.from_pandas(quiet, npartitions=3)
    assert_report_equal(scale.cohort_report_dask(in_memory, client, within_days=14),
                        followup_kit.cohort_report(quiet, within_days=14))


def test_an_answer_before_its_interview_is_reported_from_the_cluster(facts, client):
    broken = facts.copy()
    broken.loc[5, "response_days"] = -3
    with pytest.raises(FollowupKitError, match="negative"):
        scale.cohort_report_dask(dd.from_pandas(broken, npartitions=2), client)


def test_writing_refuses_a_folder_that_already_holds_files(facts, dataset):
    with pytest.raises(FollowupKitError, match="not an empty folder"):
        scale.write_facts_parquet(facts, dataset)


def test_reading_a_folder_without_parquet_says_how_to_write_it(tmp_path):
    with pytest.raises(FollowupKitError, match="write_facts_parquet"):
        scale.cohort_report_dask(tmp_path)


def test_without_dask_the_error_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "dask.dataframe", None)
    with pytest.raises(FollowupKitError, match=r"pip install 'followup-kit\[scale\]'"):
        scale.cohort_report_dask(tmp_path)


def test_importing_the_toolkit_does_not_import_dask():
    code = ("import sys, followup_kit, followup_kit.scale; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
