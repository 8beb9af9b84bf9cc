"""The order cohorts are listed in: by their first interview; those with none last, by name.

Reports and plots list cohorts in time order. The interview facts
(:func:`cohorts_in_order`), the store's count cache and the Dask path, which
meets each partition's first days (:func:`first_interviews`,
:func:`first_interview_order`), all take the order from here.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

#: The first day of a category with no interview, as int64 microseconds.
NEVER = np.iinfo(np.int64).max


def first_interviews(codes: np.ndarray, held: np.ndarray, categories: int) -> np.ndarray:
    """Each category's first interview, as int64 microseconds (:data:`NEVER` for none).

    Parameters
    ----------
    codes : ndarray
        Each interview's category number (-1 for none).
    held : ndarray
        Each interview's date.
    categories : int
        How many categories there are.
    """
    first = np.full(categories, NEVER, dtype=np.int64)
    seen = codes >= 0
    np.minimum.at(first, codes[seen], held.astype("datetime64[us]").view(np.int64)[seen])
    return first


def first_interview_order(names: Sequence, first: np.ndarray) -> list[int]:
    """The positions of ``names`` in cohort order, given each one's :func:`first_interviews` day."""
    # A handful of cohorts: sorting their names in Python costs nothing.
    return sorted(range(len(names)), key=lambda k: (first[k] == NEVER, first[k], str(names[k])))


def cohorts_in_order(cohorts: pd.Series, cpos: np.ndarray, held: np.ndarray) -> pd.Categorical:
    """Each interview's cohort, as a Categorical in cohort order.

    Parameters
    ----------
    cohorts : Series
        The candidates' ``cohort`` column.
    cpos : ndarray
        Each interview's row in the candidates table (-1 for none).
    held : ndarray
        Each interview's date.

    Returns
    -------
    Categorical
        Every cohort of ``cohorts`` is a category; cohorts with no interview
        come last, by name.
    """
    # Number the candidates' cohorts (a third of the rows), then reach interviews by position.
    codes, names = pd.factorize(cohorts)
    per = np.where(cpos >= 0, codes[np.maximum(cpos, 0)], -1)
    order = first_interview_order(names, first_interviews(per, held, len(names)))
    rank = np.empty(len(names), dtype=np.int64)
    rank[order] = np.arange(len(names))
    return pd.Categorical.from_codes(np.where(per >= 0, rank[np.maximum(per, 0)], -1),
                                     categories=pd.Index([names[k] for k in order], dtype="str"))
