"""The three tables: their definitions and checks, CSV files in and out, the store, the sample.

Everything else in followup_kit reads the data through here; nothing here
knows about the playbook, letters or statistics.
"""

from .schema import CHANNELS, KINDS, TABLES, read_csv, validate
from .store import Store

__all__ = ["CHANNELS", "KINDS", "TABLES", "Store", "read_csv", "validate"]
