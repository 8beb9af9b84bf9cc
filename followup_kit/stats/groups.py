"""Small vectorised helpers the statistics share: group ids, per-group reductions, notes."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import FollowupKitError


def join_notes(*parts: np.ndarray) -> np.ndarray:
    """Join the non-empty notes of each row with "; "."""
    joined = np.asarray(parts[0], dtype=object)
    for part in parts[1:]:
        part = np.asarray(part, dtype=object)
        joined = np.where(joined == "", part, np.where(part == "", joined, joined + "; " + part))
    return joined.astype(str)


def group_label(values: list) -> str:
    return " + ".join(str(v) for v in values)


def whole_days(value, name: str) -> int:
    if isinstance(value, bool) or not float(value).is_integer() or value < 0:
        raise FollowupKitError(f"{name} must be a whole number of days, 0 or more (got {value!r})")
    return int(value)


def group_ids(table: pd.DataFrame, by: list[str]) -> np.ndarray:
    if not by or table.empty:
        return np.zeros(len(table), dtype=np.intp)
    return table.groupby(by, sort=False, observed=True, dropna=False).ngroup().to_numpy()


def group_ids_in(table: pd.DataFrame, keys: pd.DataFrame, by: list[str]) -> np.ndarray:
    """The row number in ``keys`` of each row's group."""
    if not by:
        return np.zeros(len(table), dtype=np.intp)
    if len(by) == 1:
        found = pd.Index(keys[by[0]]).get_indexer(table[by[0]])
    else:
        found = pd.MultiIndex.from_frame(keys[by]).get_indexer(pd.MultiIndex.from_frame(table[by]))
    if (found < 0).any():
        raise FollowupKitError("the curve holds a group the group counts do not list")
    return found.astype(np.intp)


def per_group(ufunc, gid: np.ndarray, values: np.ndarray, n: int, start: float) -> np.ndarray:
    out = np.full(n, start, dtype=float)
    ufunc.at(out, gid, values)
    return out


def first_day(gid: np.ndarray, days: np.ndarray, hit: np.ndarray, n: int) -> np.ndarray:
    return per_group(np.minimum, gid[hit], days[hit], n, np.inf)
