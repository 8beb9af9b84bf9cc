"""The cohort report on Dask, from the raw Parquet tables, gives the pandas report's numbers.

On a two-worker cluster in this process, then on a real one: a ``dask scheduler`` and two
``dask worker`` processes on 127.0.0.1, which the command line reaches by address, one of
them killed while the report runs, and whose every value sent out is noted: count tables only.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import distributed
import numpy as np
import pandas as pd
import pytest

import followup_kit
from browsers import free_port
from followup_kit import scale
from followup_kit.data import parquet, sample, schema
from followup_kit.errors import FollowupKitError, ValidationError
from followup_kit.stats import counts
from followup_kit.stats.cache import COHORT_QUESTIONS
from followup_kit.stats.survival import chance_from_curve, chance_of_answer, curve_from_counts

pytestmark = pytest.mark.cluster

AS_OF = "2026-11-01"
BIN = Path(sys.executable).parent


def with_special_cohorts(frames):
    """The sample, plus a cohort with one interview, one never answered and one with no interviews."""
    candidates, interviews, events = (f.copy() for f in frames)
    extra = pd.DataFrame({
        "candidate_id": ["S1", "Q1", "Q2", "N1"],
        "name": ["Solo One", "Quiet One", "Quiet Two", "New One"],
        "email": ["solo@example.org", "q1@example.org", "q2@example.org", "new@example.org"],
        "cohort": ["2026-solo", "2026-silent", "2026-silent", "2027-new"],
        "country": ["GB", "", "KE", ""], "timezone": ["", "", "Africa/Nairobi", ""],
    })
    held = ["2026-06-01", "2026-03-02", "2026-09-28", "2026-10-20"]
    extra_iv = pd.DataFrame({
        "interview_id": ["SI1", "QI1", "QI2", "QI3"], "candidate_id": ["S1", "Q1", "Q2", "Q2"],
        # Q2's two interviews are for two roles: two applications, each left unanswered.
        "company": "Acme Ltd", "role": ["Clerk", "Clerk", "Clerk", "Senior clerk"], "interviewer_name": "Ann Lee",
        "interviewer_email": "ann@acme.example", "interview_date": held,
        "promised_decision_date": ["", "2026-03-20", "", ""],
    })
    # The silent cohort thanks and chases, and the employer never answers.
    extra_ev = pd.DataFrame({
        "event_id": ["SE1", "QE1", "QE2", "QE3"], "interview_id": ["SI1", "QI1", "QI1", "QI2"],
        "date": ["2026-06-02", "2026-03-03", "2026-04-10", "2026-09-28"],
        "kind": ["offer", "thank_you_sent", "follow_up_sent", "thank_you_sent"],
        "channel": "email", "to_interviewer": ["", "true", "true", ""], "note": "",
    })
    # The extra rows leave the sample's optional columns (round, application_id) blank, as a CSV would.
    raws = [schema.RawTable(schema.TABLES[name], pd.concat([frame, more], ignore_index=True).fillna(""), name)
            for name, frame, more in zip(schema.ORDER, (candidates, interviews, events),
                                         (extra, extra_iv, extra_ev), strict=True)]
    typed = schema.validate(raws)
    return tuple(typed[name] for name in schema.ORDER)


@pytest.fixture(scope="module")
def tables():
    return with_special_cohorts(sample.generate(200, seed=5, cohorts=4))


@pytest.fixture(scope="module")
def facts(tables):
    return followup_kit.facts(*tables, as_of=AS_OF)


@pytest.fixture(scope="module")
def dataset(tables, tmp_path_factory):
    path = tmp_path_factory.mktemp("scale") / "programme"
    parquet.write_parquet(path, tables, parts=3)
    return path


@pytest.fixture(scope="module")
def client():
    # In this process (threads), loopback only, and no status page: test workers run side by side.
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                       dashboard_address=None)
    with cluster, distributed.Client(cluster) as connected:
        yield connected


def assert_report_equal(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    whole = [c for c in expected.columns if expected[c].dtype == np.int64]
    assert len(whole) >= 8
    pd.testing.assert_frame_equal(got[whole], expected[whole], check_exact=True)
    pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=1e-12, atol=0)


def test_the_report_on_the_cluster_equals_pandas(facts, dataset, client):
    expected = followup_kit.cohort_report(facts)
    got = scale.cohort_report_dask(dataset, client, as_of=AS_OF)
    assert_report_equal(got, expected)
    rows = got.set_index("cohort")
    # The hand-made cohorts, as the data says they are.
    assert rows.loc["2026-solo", "interviews"] == 1 and rows.loc["2026-solo", "offers"] == 1
    assert rows.loc["2026-silent", "interviews"] == 3
    assert rows.loc["2026-silent", "answered_within_30_days"] == 0.0
    assert np.isinf(rows.loc["2026-silent", "median_response_days"])
    # A cohort counts the candidates who had an interview, as the pandas report does.
    assert rows.loc["2027-new", "interviews"] == 0 and rows.loc["2027-new", "candidates"] == 0
    # Cohorts in the order they began, the one without interviews last.
    assert got["cohort"].tolist()[-1] == "2027-new"
    assert got["cohort"].tolist().index("2026-silent") < got["cohort"].tolist().index("2026-solo")


def test_every_count_table_equals_pandas(facts, dataset, client):
    counted = scale.cohort_counts_dask(dataset, AS_OF, client=client)
    expected = counts.count(facts, "cohort", COHORT_QUESTIONS, days=True)
    pd.testing.assert_frame_equal(counted.by_cohort.groups, expected.groups, check_exact=True)
    pd.testing.assert_frame_equal(counted.by_cohort.days, expected.days, check_exact=True)
    behaviour = counts.count(facts, ["cohort", "thank_you_timing"], COHORT_QUESTIONS)
    pd.testing.assert_frame_equal(counted.by_behaviour.groups, behaviour.groups, check_exact=True)
    # The one-process engine over the same files gives the same tables.
    alone = scale.cohort_counts_parquet(dataset, AS_OF)
    pd.testing.assert_frame_equal(alone.by_cohort.days, expected.days, check_exact=True)
    assert alone.state == counted.state == scale.dataset_state(dataset)


@pytest.mark.parametrize("by, questions", [
    (None, ["candidates", "offer", "pending"]),
    (["cohort", "outcome"], ["thanked", "followed_up_in_window", "answered"]),
    ("company", ["candidates", "rejection", "no_response"]),
])
def test_other_groupings_count_as_pandas_does(facts, dataset, client, by, questions):
    ddf = scale.facts_dask(dataset, AS_OF)
    got = scale.count_dask(ddf, by, questions, client=client)
    expected = counts.count(facts, by, questions, days=True)
    pd.testing.assert_frame_equal(got.groups, expected.groups, check_exact=True)
    pd.testing.assert_frame_equal(got.days, expected.days, check_exact=True)


def test_the_cohort_layout_gives_the_same_report(tables, facts, client, tmp_path):
    parquet.write_parquet(tmp_path / "by_cohort", tables, layout="cohort")
    assert len(parquet.dataset_parts(tmp_path / "by_cohort")) == 7
    assert_report_equal(scale.cohort_report_dask(tmp_path / "by_cohort", client, 14, as_of=AS_OF),
                        followup_kit.cohort_report(facts, within_days=14))


def test_a_dataset_without_interviews_lists_every_cohort(tables, client, tmp_path):
    candidates = tables[0]
    empty = (candidates, schema.empty("interviews"), schema.empty("events"))
    parquet.write_parquet(tmp_path / "no_interviews", empty, parts=3)
    expected = followup_kit.cohort_report(followup_kit.facts(*empty, as_of=AS_OF))
    got = scale.cohort_report_dask(tmp_path / "no_interviews", client, as_of=AS_OF)
    assert sorted(got["cohort"]) == sorted(candidates["cohort"].unique())
    assert (got["interviews"] == 0).all() and (got["candidates"] == 0).all()
    assert_report_equal(got, expected)

    nothing = tuple(schema.empty(name) for name in schema.ORDER)
    parquet.write_parquet(tmp_path / "nothing", nothing, parts=2)
    got = scale.cohort_report_dask(tmp_path / "nothing", client, as_of=AS_OF)
    assert len(got) == 0
    pd.testing.assert_frame_equal(got, followup_kit.cohort_report(followup_kit.facts(*nothing,
                                                                                      as_of=AS_OF)))


def test_a_bad_file_is_named_from_the_worker_that_read_it(dataset, client, tmp_path):
    bad = tmp_path / "bad"
    for files in parquet.dataset_parts(dataset):
        for name, file in files.items():
            (bad / name).mkdir(parents=True, exist_ok=True)
            (bad / name / file.name).write_bytes(file.read_bytes())
    target = bad / "events" / "part-00002.parquet"
    frame = pd.read_parquet(target)
    frame.loc[1, "channel"] = "pigeon"
    frame.to_parquet(target, index=False)
    with pytest.raises(ValidationError) as caught:
        scale.cohort_report_dask(bad, client, as_of=AS_OF)
    assert str(caught.value).startswith("events/part-00002.parquet:3:channel: unknown channel 'pigeon'")
    assert caught.value.problems[0].column == "channel"


def test_the_patience_meter_tables_written_from_the_run_give_its_chances(facts, dataset, client,
                                                                         tmp_path):
    counted = scale.cohort_counts_dask(dataset, AS_OF, client=client)
    scale.write_cohort_counts(counted, tmp_path / "counts")
    back = scale.read_cohort_counts(tmp_path / "counts")
    assert back.as_of == np.datetime64(AS_OF, "us") and back.state == counted.state
    pd.testing.assert_frame_equal(back.by_cohort.groups, counted.by_cohort.groups)
    pd.testing.assert_frame_equal(back.by_behaviour.groups, counted.by_behaviour.groups)
    chances = chance_from_curve(curve_from_counts(back.by_cohort.days, "cohort"), back.by_cohort.groups,
                                20, 14, "cohort")
    pd.testing.assert_frame_equal(chances, chance_of_answer(facts, 20, 14, by="cohort"),
                                  check_exact=False, rtol=1e-12)


def test_counting_needs_the_facts_of_a_dataset():
    with pytest.raises(FollowupKitError, match="facts_dask"):
        scale.count_dask(pd.DataFrame({"cohort": ["a"]}))


def test_without_dask_the_error_says_what_to_install(monkeypatch, dataset):
    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "dask.dataframe", None)
    with pytest.raises(FollowupKitError, match=r"pip install 'followup-kit\[scale\]'"):
        scale.cohort_report_dask(dataset)


def test_importing_the_toolkit_does_not_import_dask():
    code = ("import sys, followup_kit, followup_kit.scale, followup_kit.cli; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- a real cluster: a scheduler and two worker processes -------------------------
class Cluster:
    """``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1, stopped by :meth:`stop`."""

    def __init__(self):
        self.address = f"tcp://127.0.0.1:{free_port()}"
        port = self.address.rsplit(":", 1)[1]
        self.processes = [subprocess.Popen(
            [BIN / "dask", "scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard",
             "--no-show"], start_new_session=True, stderr=subprocess.DEVNULL)]
        # No nanny: a killed worker stays dead instead of being restarted behind the test's back.
        self.workers = [subprocess.Popen(
            [BIN / "dask", "worker", self.address, "--host", "127.0.0.1", "--nthreads", "1",
             "--no-nanny", "--no-dashboard"], start_new_session=True, stderr=subprocess.DEVNULL)
            for _ in range(2)]
        self.processes += self.workers
        try:
            self.client = distributed.Client(self.address, timeout=60)
            self.client.wait_for_workers(2, timeout=60)
        except BaseException:
            self.stop()
            raise

    def stop(self):
        if getattr(self, "client", None) is not None:
            self.client.close()
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)


@pytest.fixture
def real_cluster():
    cluster = Cluster()
    yield cluster
    cluster.stop()


def report_command(dataset, address) -> list[str]:
    return [str(BIN / "followup-kit"), "report", "--parquet", str(dataset), "--engine", "dask",
            "--scheduler", address, "--as-of", AS_OF, "--format", "json"]


def assert_json_report_equal(out: str, facts: pd.DataFrame) -> None:
    got = pd.DataFrame(json.loads(out))
    expected = followup_kit.cohort_report(facts)
    assert got["cohort"].tolist() == expected["cohort"].astype(str).tolist()
    for column in ["candidates", "interviews", "thank_you_on_time", "old_enough", "offers", "warnings"]:
        assert got[column].tolist() == expected[column].tolist(), column
    for column in ["thank_you_on_time_rate", "offer_rate", "offer_ci_low", "warning_share",
                   "answered_within_30_days"]:
        np.testing.assert_allclose(got[column].astype(float), expected[column], rtol=1e-12,
                                   err_msg=column)


def test_the_command_line_on_a_real_cluster_gives_the_same_numbers(facts, dataset, real_cluster):
    done = subprocess.run(report_command(dataset, real_cluster.address), capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert_json_report_equal(done.stdout, facts)
    # The work ran in the two worker processes, not in the command's own.
    executed = real_cluster.client.run(lambda dask_worker: dask_worker.state.executed_count)
    assert len(executed) == 2 and all(n > 0 for n in executed.values()), executed


def test_a_bad_file_read_by_a_worker_process_is_one_line(dataset, real_cluster, tmp_path):
    bad = tmp_path / "bad"
    for files in parquet.dataset_parts(dataset):
        for name, file in files.items():
            (bad / name).mkdir(parents=True, exist_ok=True)
            (bad / name / file.name).write_bytes(file.read_bytes())
    target = bad / "interviews" / "part-00001.parquet"
    frame = pd.read_parquet(target)
    frame.loc[0, "interview_date"] = pd.NaT
    frame.to_parquet(target, index=False)
    done = subprocess.run(report_command(bad, real_cluster.address), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("followup-kit report: interviews/part-00001.parquet:2:interview_date: "
                               "'interview_date' is empty"), lines[0]


def test_a_worker_killed_mid_run_is_survived(tables, facts, real_cluster, tmp_path):
    # Many small partitions, so the run lasts long enough to lose a worker in the middle of it.
    parquet.write_parquet(tmp_path / "many", tables, parts=12)
    pids = real_cluster.client.run(os.getpid)
    run = subprocess.Popen(report_command(tmp_path / "many", real_cluster.address),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    victim = None
    deadline = time.monotonic() + 60
    while victim is None and run.poll() is None and time.monotonic() < deadline:
        busy = real_cluster.client.run_on_scheduler(
            lambda dask_scheduler: {a: len(ws.processing) + len(ws.has_what)
                                    for a, ws in dask_scheduler.workers.items()})
        held = [a for a, n in busy.items() if n > 0]
        if held:
            victim = held[0]
            os.kill(pids[victim], signal.SIGKILL)
        else:
            time.sleep(0.005)
    out, err = run.communicate(timeout=120)
    assert victim is not None, "the report finished before a worker could be killed"
    assert run.returncode == 0, err
    assert_json_report_equal(out, facts)
    killed = next(p for p in real_cluster.workers if p.pid == pids[victim])
    assert killed.wait(5) == -signal.SIGKILL
    assert list(real_cluster.client.scheduler_info()["workers"]) == [a for a in pids if a != victim]


def sent_by_workers(client) -> list[tuple]:
    """What the workers noted of the values they sent out, all of them together."""
    noted = client.run(lambda dask_worker: dask_worker.followup_kit_sent)
    return [item for items in noted.values() for item in items]


#: The columns a count table may have: its groups (cohort, timing, round), the day, and counts.
COUNT_COLUMNS = {"cohort", "thank_you_timing", "round", "first", "interviews", *COHORT_QUESTIONS,
                 *counts.DAY_COLUMNS}


def test_only_count_tables_leave_the_worker_processes(facts, dataset, real_cluster):
    # Defined here, so that it travels to the workers by value: they cannot import this module.
    def record_what_leaves(dask_worker) -> None:
        """Make this worker note every value it sends out, to a client, the scheduler or a worker.

        Every value leaving a worker process goes through its ``get_data`` handler; the wrapper
        notes, for each key, who asked and each table in the value: its type, columns and rows.
        """
        sent = dask_worker.followup_kit_sent = []
        served = dask_worker.handlers["get_data"]

        async def noting(comm, **message):
            for key in message.get("keys", ()):
                if key in dask_worker.data:
                    value = dask_worker.data[key]
                    tables = value if isinstance(value, list | tuple) else [value]
                    sent.append((message.get("who"), [
                        (type(t).__name__, [str(c) for c in getattr(t, "columns", [])], len(t))
                        for t in tables]))
            return await served(comm, **message)

        dask_worker.handlers["get_data"] = noting

    real_cluster.client.run(record_what_leaves)
    done = subprocess.run(report_command(dataset, real_cluster.address), capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert_json_report_equal(done.stdout, facts)

    sent = sent_by_workers(real_cluster.client)
    # The command's tables at least left the workers (and partial sums may go from one to another).
    assert sent, "nothing left the workers: the report cannot have been computed there"
    for who, tables in sent:
        for kind, columns, rows in tables:
            assert kind == "DataFrame" and set(columns) <= COUNT_COLUMNS, (who, kind, columns, rows)
    # Nothing the size of the programme: the largest table is one row per cohort and day.
    largest = max(rows for _, tables in sent for _, _, rows in tables)
    assert largest < len(facts), largest

    # The notes would show a partition of facts leaving, had one been asked for (with, when its
    # three files were read on different workers, the raw rows that met to build it).
    ddf = scale.facts_dask(dataset, AS_OF)
    one = real_cluster.client.compute(ddf.partitions[0]).result()
    leaked = [set(columns) for _, tables in sent_by_workers(real_cluster.client)
              for _, columns, _ in tables if "interview_id" in columns]
    assert set(one.columns) in leaked, leaked
