"""The cohort report on a Dask cluster, for programmes that outgrow one machine."""

from .cluster import cohort_report_dask, count_dask, read_facts_parquet, write_facts_parquet

__all__ = ["cohort_report_dask", "count_dask", "read_facts_parquet", "write_facts_parquet"]
