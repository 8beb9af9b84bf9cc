"""The progress bars of the store's long reads and writes."""

from __future__ import annotations


def progress_bar(**options):
    """A tqdm bar (imported only when one is made: a page that reads one candidate needs none)."""
    from tqdm.auto import tqdm

    return tqdm(**options)
