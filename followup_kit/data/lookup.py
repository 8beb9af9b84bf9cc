"""Find rows by id without turning a million ids into Python strings."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def positions(values, keys) -> np.ndarray:
    """The row of each value among ``keys`` (-1 where it is not there), by hashing.

    Used to find each row's candidate (and so its country and time zone)
    without turning a million ids into Python strings.

    Parameters
    ----------
    values, keys : Series or array-like of str
        ``keys`` should hold each id once; the first match wins.

    Returns
    -------
    numpy.ndarray
        ``int64`` positions into ``keys``.
    """
    found = pc.index_in(pa.array(pd.Series(values, dtype="str")),
                        value_set=pa.array(pd.Series(keys, dtype="str")))
    return found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)


def same_name(given: str | None, known) -> str | None:
    """The name among ``known`` that ``given`` is, compared without case or the spaces around it.

    Returns it as ``known`` spells it; None when ``given`` is blank or not there.

    >>> same_name(" ruth AMOS", ["Ruth Amos", "Sam Hale"])
    'Ruth Amos'
    """
    if given is None or not str(given).strip():
        return None
    wanted = str(given).strip().casefold()
    return next((name for name in known if name.casefold() == wanted), None)
