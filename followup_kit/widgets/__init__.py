"""Widgets that put the toolkit in front of a person in JupyterLab; they hold no logic of their own."""

from .cohorts import cohort_app

__all__ = ["cohort_app"]
