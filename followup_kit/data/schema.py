"""The tables (candidates, interviews, events, and the coaches' notes): columns, checks and dtypes.

The data model, as the rest of followup_kit imports it. The parts live in
their own modules:

* :mod:`.tables`: the tables' definitions (columns, kinds, allowed values)
* :mod:`.csv_files`: CSV files read as text, and the formula guard of every CSV written
* :mod:`.cell_checks`: every check of the columns and cells, vectorised with pandas
* :mod:`.typed_frames`: checked text into typed DataFrames (their dtypes) and back

The store and the CLI call them through here; nothing else defines a column.
"""

from __future__ import annotations

from .cell_checks import (
    INVITATION,
    MAX_CELL,
    MAX_PROBLEMS,
    ROUND_COLUMNS,
    SHOWN,
    Known,
    email_address,
    shown_cell,
    validate,
)
from .csv_files import FORMULA_START, guard_formulas, parse_csv, read_csv, recognise
from .tables import (
    CANDIDATES,
    CHANNELS,
    EVENTS,
    INTERVIEWS,
    KINDS,
    NOTES,
    ORDER,
    STORED,
    TABLES,
    Column,
    RawTable,
    Table,
)
from .typed_frames import empty, frame_to_raw, parse_bool, parse_event_dates, typed

__all__ = ["CANDIDATES", "CHANNELS", "EVENTS", "FORMULA_START", "INTERVIEWS", "INVITATION", "KINDS", "MAX_CELL",
           "MAX_PROBLEMS", "NOTES", "ORDER", "ROUND_COLUMNS", "SHOWN", "STORED", "TABLES", "Column", "Known", "RawTable", "Table", "empty",
           "email_address", "frame_to_raw", "guard_formulas", "parse_bool", "parse_csv", "parse_event_dates", "read_csv",
           "recognise", "typed", "validate", "shown_cell"]
