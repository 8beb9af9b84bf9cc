"""CSV files as text: reading one and recognising its table, writing the tables, and the formula guard."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import csv as pa_csv

from ..errors import FollowupKitError, Problem, ValidationError
from .tables import STORED, TABLES, RawTable, Table

#: A spreadsheet runs a cell that starts with one of these as a formula; export guards
#: such a cell with a leading apostrophe and import takes one apostrophe off again.
FORMULA_START = r"[=+\-@\t\r]"


#: Separators some spreadsheets save "CSV" with, and how a message names them.
_OTHER_SEPARATORS = {";": "semicolons (;)", "\t": "tabs"}


def recognise(header: Iterable[str], source: str) -> Table:
    """Say which table a CSV header belongs to, by its id columns."""
    header = list(header)
    names = {h.strip() for h in header}
    # Children first: a notes or events file names the ids of its parents too.
    for name in ("notes", "events", "interviews", "candidates"):
        if TABLES[name].key in names:
            return TABLES[name]
    keys = {t.key for t in TABLES.values()}
    for sep, words in _OTHER_SEPARATORS.items():
        if any(keys & {part.strip() for part in h.split(sep)} for h in header):
            raise ValidationError(Problem(
                source, 1, "-", f"the columns are separated by {words}, not commas: save the file "
                "as 'CSV UTF-8 (comma delimited)' and import it again"))
    raise ValidationError(Problem(
        source, 1, "-",
        "not a followup_kit table: the first row must be the header, naming the columns with "
        "candidate_id, interview_id, event_id or note_id (see data/README.md for the file formats)"))


def read_csv(path: str | Path, source: str | None = None) -> RawTable:
    """Read one CSV file as text and recognise its table by its header.

    UTF-8 with or without a byte-order mark. Raises ``ValidationError`` for a
    file that is empty, not text, not CSV, or misses a required column.
    """
    path = Path(path)
    source = source or path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(Problem(source, 1, "-", f"cannot read the file: {exc.strerror}")) from None
    return parse_csv(data, source)


def parse_csv(data: bytes, source: str) -> RawTable:
    """Parse CSV bytes; see :func:`read_csv`."""
    if not data.strip(b"\xef\xbb\xbf \t\r\n"):
        raise ValidationError(Problem(source, 1, "-", "the file is empty"))
    if b"\x00" in data[:65536]:
        raise ValidationError(Problem(source, 1, "-", "not a CSV file: it holds binary data"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _not_utf8(data, exc.start, source) from None
    header = _header(text, source)
    table = recognise(header, source)
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    frame = _read_arrow(body, header)
    if frame is None:
        frame = _read_pandas(text, header, source)
    frame.columns = [c.strip() for c in frame.columns]
    # Spaces around a cell are never meant: take them off once, here, for every later step.
    frame = frame.apply(lambda col: col.str.strip())
    rows = None
    # A blank line (or a spreadsheet's empty row, all commas) holds nothing to import; the rows
    # after it keep the numbers a spreadsheet shows them with.
    blank = (frame == "").all(axis=1).to_numpy()
    if blank.any():
        rows = (np.arange(len(frame)) + 2)[~blank]
        frame = frame.loc[~blank].reset_index(drop=True)
    for col in frame.columns:
        # An export writes '=... so a spreadsheet shows text; take the guard off again.
        guarded = frame[col].str.startswith("'")
        if guarded.any():
            guarded &= frame[col].str.match("'+" + FORMULA_START)
            frame.loc[guarded, col] = frame.loc[guarded, col].str.slice(1)
    return RawTable(table, frame, source, rows)


def _not_utf8(data: bytes, at: int, source: str) -> ValidationError:
    """Where the first byte that is not UTF-8 sits: its row and, below the header, its column."""
    row = data[:at].count(b"\n") + 1
    column = "-"
    if row > 1:
        names = next(csv.reader([data[: data.find(b"\n")].decode("utf-8-sig", "replace")]), [])
        before = data[data.rfind(b"\n", 0, at) + 1:at].decode("utf-8", "replace")
        try:
            cells = next(csv.reader([before]), [""]) if before else [""]
        except csv.Error:
            cells = []
        if 0 < len(cells) <= len(names):
            column = names[len(cells) - 1].strip()
    return ValidationError(Problem(
        source, row, column, "not UTF-8 text: save the file as CSV UTF-8 and try again"))


def _header(text: str, source: str) -> list[str]:
    """The cells of the first row."""
    first_line = re.split(r"\r\n?|\n", text, maxsplit=1)[0]
    try:
        return next(csv.reader([first_line]), [])
    except csv.Error:
        raise ValidationError(Problem(
            source, 1, "-", f"the first row is {len(first_line):,} characters long, too long for a "
            "header: the first row must name the columns (see data/README.md)")) from None


def guard_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells a spreadsheet would run as a formula, with a leading apostrophe.

    Every CSV file the toolkit writes goes through here, so a company named
    ``=HYPERLINK(...)`` opens as text. A cell that already starts with the
    guard (``'=...``) gets one more, so :func:`parse_csv`, which takes one off,
    gives it back exactly. Columns that are not text are left as they are.

    Parameters
    ----------
    frame : DataFrame

    Returns
    -------
    DataFrame
        A copy; ``frame`` is not changed.

    Examples
    --------
    >>> guard_formulas(pd.DataFrame({"company": ["=1+1", "Acme", "'=x"]}))["company"].tolist()
    ["'=1+1", 'Acme', "''=x"]
    """
    out = frame.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].astype("str").where(out[col].notna())
        if not (pd.api.types.is_string_dtype(out[col]) or out[col].dtype == object):
            continue
        text = out[col].astype("str")
        risky = text.str.match("'*" + FORMULA_START).fillna(False).astype(bool) & out[col].notna()
        if risky.any():
            out.loc[risky, col] = "'" + text[risky]
    return out


def _read_arrow(body: bytes, header: list[str]) -> pd.DataFrame | None:
    """Read every column as text with Arrow's fast reader; None if a row is malformed."""
    if len(set(header)) != len(header):
        return None
    try:
        tab = pa_csv.read_csv(
            io.BytesIO(body),
            # A blank line fails here, so the reader that keeps it (and its row number) takes over.
            parse_options=pa_csv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(
                column_types={h: pa.string() for h in header},
                strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    return pd.DataFrame({name: pd.Series(pd.array(tab.column(i), dtype="str"))
                         for i, name in enumerate(tab.column_names)})


def _read_pandas(text: str, header: list[str], source: str) -> pd.DataFrame:
    """The slower reader that names the line of a malformed row (and fills short rows)."""
    try:
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False,
                           skipinitialspace=False, skip_blank_lines=False, engine="c")
    except ValueError as exc:
        match = re.search(r"line (\d+), saw (\d+)", str(exc))
        line = int(match.group(1)) if match else 1
        fields = f" ({match.group(2)} fields where the header has {len(header)})" if match else ""
        raise ValidationError(Problem(
            source, line, "-", f"not a well-formed CSV row{fields}: check for a stray comma or quote")
        ) from None


def write_frames(out_dir: str | Path, frames: tuple[pd.DataFrame, ...],
                 *, progress: bool = False) -> list[Path]:
    """Write (candidates, interviews, events) text frames, and the notes if given, as CSV files.

    Parameters
    ----------
    out_dir : str or Path
        Folder for the files; created when missing. Files already there are replaced.
    frames : tuple of DataFrame
        Text frames as :func:`generate` returns them, optionally followed by
        the notes :func:`generate_notes` makes.
    progress : bool
        Show a progress bar on standard error.

    Returns
    -------
    list of Path
        The files written, candidates first.
    """
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FollowupKitError(f"cannot create the folder {out}: {exc.strerror}") from None
    # Imported here: a served page reads CSV-shaped data through this module and needs no bar.
    from tqdm.auto import tqdm

    chunk = 250_000
    paths = []
    with tqdm(total=sum(len(f) for f in frames), desc="writing sample", unit="row",
              unit_scale=True, disable=not progress, leave=False) as bar:
        for name, frame in zip(STORED[:len(frames)], frames, strict=True):
            path = out / f"{name}.csv"
            with open(path, "wb") as handle:
                handle.write((",".join(frame.columns) + "\n").encode("utf-8"))
                # Written in slices so the bar moves on a million-row file.
                for start in range(0, len(frame), chunk):
                    part = frame.iloc[start:start + chunk]
                    handle.write(csv_rows(part))
                    bar.update(len(part))
            paths.append(path)
    return paths


def csv_rows(frame: pd.DataFrame) -> bytes:
    """The rows of a text frame as UTF-8 CSV, without the header.

    Cells holding a comma, a quote, a line feed or a carriage return are quoted,
    quotes doubled; lines end with ``\\n``. The bytes are those of
    ``frame.to_csv(index=False, header=False, lineterminator="\\n")``, except that
    ``to_csv`` leaves a carriage return unquoted, which splits the row for most
    readers. Built column-wise in Arrow, without a Python string per cell.

    Parameters
    ----------
    frame : DataFrame
        Text columns only (``str``, blanks as ``""``).

    Returns
    -------
    bytes
        One line per row.
    """
    if frame.empty:
        return b""
    text = pa.large_string()
    nothing = pa.scalar("", text)
    quote = pa.scalar('"', text)
    columns = []
    for name in frame.columns:
        column = pa.array(frame[name].array).cast(text)
        risky = pc.match_substring_regex(column, r'[",\r\n]')
        if pc.any(risky).as_py():
            quoted = pc.binary_join_element_wise(
                quote, pc.replace_substring(column, '"', '""'), quote, nothing)
            column = pc.if_else(risky, quoted, column)
        columns.append(column)
    lines = pc.binary_join_element_wise(
        pc.binary_join_element_wise(*columns, pa.scalar(",", text)), nothing, pa.scalar("\n", text))
    if isinstance(lines, pa.ChunkedArray):
        lines = lines.combine_chunks()
    # The joined lines sit back to back in one buffer: that buffer is the file.
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)
    begin, end = offsets[lines.offset], offsets[lines.offset + len(lines)]
    return memoryview(lines.buffers()[2])[begin:end].tobytes()
