"""The cohort report on a Dask cluster, from a Parquet dataset, for programmes that outgrow one machine."""

from .cluster import (
    cohort_counts_dask,
    cohort_counts_parquet,
    cohort_report_dask,
    count_dask,
    dataset_state,
    facts_dask,
    read_cohort_counts,
    write_cohort_counts,
)

__all__ = ["cohort_counts_dask", "cohort_counts_parquet", "cohort_report_dask", "count_dask",
           "dataset_state", "facts_dask", "read_cohort_counts", "write_cohort_counts"]
