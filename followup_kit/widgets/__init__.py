"""Widgets that put the toolkit in front of a person in JupyterLab; they hold no logic of their own."""

from .candidate import candidate_view
from .caseload import caseload_view
from .coaching import coaching_session
from .cohorts import cohort_app

__all__ = ["candidate_view", "caseload_view", "coaching_session", "cohort_app"]
