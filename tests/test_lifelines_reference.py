"""Response curves against an independent implementation: lifelines' KaplanMeierFitter.

lifelines is installed beside the toolkit by ``make install`` as the test
reference (it runs on pandas 3, though its metadata asks for an older pandas).
Its bundled data sets are read from the package itself: nothing is downloaded.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from lifelines import KaplanMeierFitter, datasets

from followup_kit.stats.survival import curve_from_counts, median_from_curve

# (loader, duration column, event column, group column or None); durations are whole units.
DATASETS = [
    ("load_waltons", "T", "E", "group"),
    ("load_rossi", "week", "arrest", "fin"),
    ("load_lung", "time", "status", "sex"),
    ("load_kidney_transplant", "time", "death", None),
    ("load_dd", "duration", "observed", "democracy"),
]


def day_counts(durations, observed) -> pd.DataFrame:
    frame = pd.DataFrame({"days": np.asarray(durations, dtype=np.int64),
                          "event": np.asarray(observed, dtype=bool)})
    out = frame.groupby("days")["event"].agg(events="sum", seen="size").reset_index()
    out["censored"] = out["seen"] - out["events"]
    return out[["days", "events", "censored"]].astype("int64")


def groups_of(load, group):
    data = getattr(datasets, load)()
    if group is None:
        yield "all", data
    else:
        yield from data.groupby(group)


@pytest.mark.parametrize(("load", "duration", "event", "group"), DATASETS)
def test_curve_and_band_equal_lifelines(load, duration, event, group):
    for name, rows in groups_of(load, group):
        rows = rows.dropna(subset=[duration, event])
        assert (rows[duration] == rows[duration].round()).all(), "whole days only"
        curve = curve_from_counts(day_counts(rows[duration], rows[event]))
        kmf = KaplanMeierFitter().fit(rows[duration], rows[event])
        ref = kmf.survival_function_.join(kmf.confidence_interval_)
        ref.columns = ["survival", "low", "high"]
        at = ref.reindex(curve["days"].astype(float))
        np.testing.assert_allclose(curve["survival"], at["survival"], atol=1e-6, err_msg=f"{load} {name}")
        positive = curve["survival"].to_numpy() > 0
        np.testing.assert_allclose(curve["ci_low"][positive], at["low"][positive], atol=1e-6,
                                   err_msg=f"{load} {name}")
        np.testing.assert_allclose(curve["ci_high"][positive], at["high"][positive], atol=1e-6,
                                   err_msg=f"{load} {name}")
        # Where the curve reaches 0, lifelines' band is [0, 0]; ours keeps the 0 below
        # and leaves the upper end undefined, as R's survfit does.
        np.testing.assert_array_equal(curve["ci_low"][~positive], 0.0)
        assert curve["ci_high"][~positive].isna().all()


def test_a_curve_that_reaches_zero_has_no_upper_limit_for_its_median():
    # Five interviews, every one answered: the curve falls to 0 on day 5.
    days = [1, 2, 3, 5, 5]
    curve = curve_from_counts(day_counts(days, [True] * 5))
    median = median_from_curve(curve, pd.DataFrame(index=[0]))
    kmf = KaplanMeierFitter().fit(days, [1] * 5)
    assert median["median"].iloc[0] == kmf.median_survival_time_ == 3
    assert median["ci_low"].iloc[0] == 1
    # The upper band (lifelines' values) stays above one half until the curve hits 0 on day 5,
    # where the band is undefined: so the upper limit is "not reached", not day 5.
    assert (kmf.confidence_interval_.iloc[:-1, 1] > 0.5).all()
    assert np.isinf(median["ci_high"].iloc[0])
    assert "upper limit not reached" in median["note"].iloc[0]
