"""The errors followup_kit raises on purpose, each with a message a person can act on."""

from __future__ import annotations

from dataclasses import dataclass


class FollowupKitError(Exception):
    """Base class: something the user can fix; the CLI prints it as one line and exits 2."""


@dataclass(frozen=True)
class Problem:
    """One bad cell: where it is and what is wrong with it.

    ``row`` is 1-based as a spreadsheet shows it: the header is row 1, the first
    data row is row 2. ``column`` is ``"-"`` when the whole file is at fault.
    """

    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}:{self.column}: {self.message}"


class ValidationError(FollowupKitError):
    """Input that does not fit the data model; nothing was written.

    ``problems`` lists every bad cell found, first one first; the message is the
    first problem as ``FILE:ROW:COLUMN: message``, and ``file``, ``row``,
    ``column`` repeat its parts.
    """

    def __init__(self, problems: list[Problem] | Problem):
        if isinstance(problems, Problem):
            problems = [problems]
        if not problems:
            raise ValueError("a ValidationError needs at least one problem")
        self.problems = list(problems)
        first = self.problems[0]
        self.file, self.row, self.column = first.file, first.row, first.column
        more = len(self.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        super().__init__(f"{first}{suffix}")

    def __reduce__(self):
        # Raised on a Dask worker, the error reaches the client pickled: keep every problem.
        return type(self), (self.problems,)
