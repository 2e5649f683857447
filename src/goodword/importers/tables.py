"""CSV tables: the header found below any preamble, rows with their line numbers, rows that
cannot be told apart set aside, a quotation mark that swallows rows refused, and cells read
as the format's columns name them."""

from __future__ import annotations

import csv
import io
import itertools
import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ftfy.badness import is_bad

from goodword.importers.encodings import repair
from goodword.importers.reading import Document
from goodword.importers.records import ImportFileError, Skipped

# A cell may be as long as a file may be (long notes; the csv module's own limit, 128 KB,
# would make such a file look broken).
csv.field_size_limit(1024 * 1024 * 1024)


@dataclass
class Table:
    """A CSV file: its header (as written and normalised) and its rows with line numbers."""

    name: str
    headers: list[str]
    rows: list[tuple[int, list[str]]]
    # Header name, lower-cased and trimmed -> column position.
    index: dict[str, int]
    needs_repair: bool
    # The rows left out of `rows`, as skipped rows to report: those holding more cells than
    # the header has columns (an unquoted "Acme, Inc.": its cells cannot be told apart),
    # cut in two by a line break, or the column names again (two files joined into one).
    set_aside: list[Skipped] = field(default_factory=list)
    # The columns a format asked for and read (header keys), so that what it did not read
    # can be said: a column named twice (`unread_repeats`), one it has no field for
    # (`unread_columns`).
    asked: set[str] = field(default_factory=set)
    # What separates its cells: a semicolon is a spreadsheet's of a language whose numbers
    # take a decimal comma (German, French…), which writes its dates day first.
    delimiter: str = ","

    def has(self, *names: str) -> bool:
        return all(n in self.index for n in names)

    def getter(self, *names: str) -> int | None:
        for name in names:
            if name in self.index:
                self.asked.add(name)
                return self.index[name]
        return None


# Cells an address book writes for "nothing" (Outlook's Priority, Sensitivity, Private,
# Gender, e-mail types and empty dates), and columns that only repeat what is read.
_NOTHING = frozenset(
    {"normal", "false", "unspecified", "smtp", "ex", "0/0/00", "00/00/00", "0/0/0000", "00/00/0000"}
)
_REPEATS = re.compile(r"e-?mail( \d)? (type|display name)")


def unread_columns(table: Table) -> list[str]:
    """A note naming the columns with something in them that the format did not read (an
    address book's User 1, Profession, Schools), with how many rows hold each: what an
    import leaves out is said, never dropped unsaid."""
    unread = []
    for position, header in enumerate(table.headers):
        key = header_key(header)
        if not key or key in table.asked or table.index.get(key) != position:
            continue  # (a column named twice: `unread_repeats` says that one)
        if _REPEATS.fullmatch(key):
            continue
        held = sum(
            1
            for _line, row in table.rows
            if position < len(row)
            and (value := row[position].strip())
            and value.lower() not in _NOTHING
        )
        if held:
            unread.append(f"{header.strip()} ({held:,} row{'s' if held > 1 else ''})")
    if not unread:
        return []
    shown = ", ".join(unread[:12]) + (f", and {len(unread) - 12} more" if len(unread) > 12 else "")
    return [
        f"{table.name}: not imported, as Goodword has no field for them: {shown}. Add what "
        "you need of them to those people by hand."
    ]


def unread_repeats(table: Table) -> list[str]:
    """Notes on the columns a format read whose name the header gives again: only the first
    of them is read, so what the others hold (on the lines named) is not imported."""
    notes = []
    for name in sorted(table.asked, key=table.index.__getitem__):
        first = table.index[name]
        for position in range(first + 1, len(table.headers)):
            if header_key(table.headers[position]) != name:
                continue
            lines = [
                line
                for line, row in table.rows
                if position < len(row) and row[position].strip() and row[position] != row[first]
            ]
            if not lines:
                continue
            shown = ", ".join(str(line) for line in lines[:5])
            more = f" and {len(lines) - 5:,} more" if len(lines) > 5 else ""
            notes.append(
                f'{table.name}: the header names "{table.headers[first]}" twice (columns '
                f"{first + 1} and {position + 1}); only the first is read, so what column "
                f"{position + 1} holds on line{'s' if len(lines) > 1 else ''} {shown}{more} "
                "is not imported: add what you need of it to those people by hand."
            )
    return notes


def header_key(text: str) -> str:
    return " ".join(text.replace("\ufeff", "").strip().strip('"').lower().split())


def read_table(document: Document, *, known: Sequence[frozenset[str]] = ()) -> Table | None:
    """Read a CSV; skip a preamble (LinkedIn's "Notes:" lines) before the first real header.

    The header is the first row (of the first ten) that matches one of `known`, else the
    first row with two or more cells. None when the text is not a table at all.
    """
    text = document.text
    first_line, _, rest = text.lstrip().partition("\n")
    delimiter = _delimiter(text)
    notes = first_line.lower().startswith("notes:")
    if first_line.count(delimiter) == 0 and not notes and not _titled(first_line, rest, delimiter):
        return None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # Each row with the line it starts on (a quoted cell may run over several lines, and
    # the reader counts to the row's last one).
    head: list[tuple[int, list[str]]] = []
    ends: list[int] = []  # the line each row of `head` ends on
    try:
        for row in reader:
            head.append(((ends[-1] if ends else 0) + 1, row))
            ends.append(reader.line_num)
            if len(head) >= 10:
                break
    except csv.Error:
        return None
    header_at = None
    for position, (_line, row) in enumerate(head):
        keys = {header_key(c) for c in row}
        if any(signature <= keys for signature in known):
            header_at = position
            break
    if header_at is None:
        header_at = _header_at(head)
        if header_at is None:
            return None
    headers = [c.replace("\ufeff", "").strip() for c in head[header_at][1]]
    rows = head[header_at + 1 :]
    last = ends[-1]
    try:
        for row in reader:
            rows.append((last + 1, row))
            last = reader.line_num
    except csv.Error as exc:
        raise ImportFileError(
            document.name,
            f"is not a well-formed CSV ({exc}). Open it in a spreadsheet and save it as CSV again.",
            line=last + 1,
        ) from None
    _refuse_swallowed_rows(document, delimiter, len(headers), rows, last)
    # A line with nothing on it (one a spreadsheet leaves at the end) is no row; a row of
    # empty cells (",,,": a deleted account in LinkedIn's files) is one, and is reported.
    rows = [(line, row) for line, row in rows if row]
    index: dict[str, int] = {}
    for position, header in enumerate(headers):
        index.setdefault(header_key(header), position)
    table = Table(
        name=document.name,
        headers=headers,
        rows=rows,
        index=index,
        needs_repair=not text.isascii() and is_bad(text),
        delimiter=delimiter,
    )
    _set_aside_headers_again(table)
    _set_aside_overlong_rows(table, delimiter, text)
    return table


def _filled(row: list[str]) -> int:
    return sum(1 for c in row if c.strip())


# A cell only a row of values holds, never a column's name: an address, a link, a number.
_VALUE = re.compile(r"@|://|^[^A-Za-z]*[0-9][^A-Za-z]*$")


def _header_at(head: list[tuple[int, list[str]]]) -> int | None:
    """The position of the column names among a table's first rows, when no format knows
    them: the first row of two cells or more, unless it is narrower than the row below or
    less than half filled, and the row below names more columns (a title with a comma above
    the header, "Report: Contacts, all owners", padded or not; a row grouping the columns,
    "Contact,,,Work,"). ("Name,Company," above "Ann Lee,Acme,VIP" is the header: it names
    a column no more.)"""
    for position, (_line, row) in enumerate(head):
        if _filled(row) < 2:
            continue
        below = head[position + 1][1] if position + 1 < len(head) else []
        # Narrower, or filled less than half (a title padded with commas, a row grouping
        # the columns: "Contact,,,Work,")
        sparse = len(row) < len(below) or 2 * _filled(row) < len(row)
        if (
            sparse
            and _filled(below) > _filled(row)
            and not any(_VALUE.search(c.strip()) for c in below)
        ):
            continue
        return position
    return None


def _titled(first_line: str, rest: str, delimiter: str) -> bool:
    """Whether a line without the delimiter is a title above a table (Apple Numbers' "Table
    1", a sheet's name), passed over as LinkedIn's notes are: after it and up to four more
    such lines or empty ones ("Exported 2024-01-05"), two rows of one width, two cells or
    more (not sentences with commas)."""
    if len(first_line) > 60:
        return False
    try:
        rows = csv.reader(io.StringIO(rest, newline=""), delimiter=delimiter)
        first = list(itertools.islice(rows, 7))
    except csv.Error:
        return False
    titles = next((n for n, row in enumerate(first) if _filled(row) >= 2), len(first))
    below = [len(row) for row in first[titles : titles + 2]]
    return titles <= 4 and bool(below) and below[0] >= 2 and len(set(below)) == 1


def _delimiter(text: str) -> str:
    """The delimiter of a CSV's cells: the comma, semicolon or tab its first line holds most
    of; when it holds none (LinkedIn's "Notes:"), the one that splits most of its first rows
    into the same number of cells (a semicolon file under LinkedIn's notes, whose sentence
    holds commas)."""
    head = text.lstrip()[:20_000]
    first_line = head.split("\n", 1)[0]
    by_first_line = max((",", ";", "\t"), key=first_line.count)
    if first_line.count(by_first_line):
        return by_first_line

    def votes(delimiter: str) -> int:
        rows = csv.reader(io.StringIO(head, newline=""), delimiter=delimiter)
        try:
            lengths = [len(row) for row in itertools.islice(rows, 12) if row]
        except csv.Error:
            return 0
        shared = max((n for n in lengths if n > 1), key=lengths.count, default=0)
        return lengths.count(shared) if shared else 0

    return max((",", ";", "\t"), key=votes)


def _set_aside_headers_again(table: Table) -> None:
    """Take out of the rows the header's column names given again (two exports joined into
    one file), with the lines of one cell and no delimiter just above such a row (the notes
    LinkedIn writes above its header), and say why each is not imported."""
    header = [header_key(c) for c in table.headers]
    width, first = len(header), header[0] if header else ""
    again = {
        n
        for n, (_line, row) in enumerate(table.rows)
        # (Cheap checks first: a large file's rows are folded only when they may match.)
        if len(row) == width
        and row[0].strip().lower().endswith(first[-3:])
        and [header_key(c) for c in row] == header
    }
    if not again:
        return
    notes = set()
    for n in again:
        at = n - 1
        while at >= 0 and at not in again and len(table.rows[at][1]) == 1:
            notes.add(at)
            at -= 1
    for n, (line, _row) in enumerate(table.rows):
        if n in again:
            reason = "the column names again (two files joined into one?); not a person"
        elif n in notes:
            reason = "a note above the column names given again; not a person"
        else:
            continue
        table.set_aside.append(Skipped(table.name, line, reason))
    dropped = again | notes
    table.rows = [row for n, row in enumerate(table.rows) if n not in dropped]


_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
_EXAMPLES = {
    ",": "as in 'Acme, Inc.'",
    ";": "as in 'Sales; Marketing'",
    "\t": "as in a note with a tab typed into it",
}


def _set_aside_overlong_rows(table: Table, delimiter: str, text: str) -> None:
    """Take out of the table's rows those with more cells than its header has columns, and
    say why each is not imported: a cell holding the delimiter without quotes ("Acme,
    Inc.") shifts every value after it into the next column. (A row with fewer cells, or
    with empty cells past the last column, is read as it is.)"""
    width = len(table.headers)
    if all(len(row) <= width for _line, row in table.rows):
        return
    physical: list[str] = []  # the text's lines, read only when a row over lines needs them
    kept: list[tuple[int, list[str]]] = []
    for line, row in table.rows:
        if len(row) > width and any(c.strip() for c in row[width:]):
            filled = len(row) - next(i for i, c in enumerate(reversed(row)) if c.strip())
            what = _DELIMITER_NAMES[delimiter]
            end = line + sum(_breaks(c) for c in row)
            if end > line and not physical:
                physical = io.StringIO(text, newline="").readlines()
            if end > line and not _closed_where_written(physical, line, row, delimiter):
                # A quotation mark that closes a line or more later took in the start of
                # the next row: setting this one aside would lose that one unsaid.
                raise ImportFileError(
                    table.name,
                    f"lines {line} to {end} are read as one row of {filled} cells where the "
                    f"header has {width} columns: a quotation mark on line {line} opens a "
                    f"cell that does not close where the row ends (or a {what} inside a cell "
                    "needs double quotes around it). Fix the quotation marks there and save "
                    "the file again.",
                    line=line,
                )
            over = ""
            if end > line:
                over = f" (on lines {line} to {end}, a quoted cell running over them)"
            table.set_aside.append(
                Skipped(
                    table.name,
                    line,
                    f"{filled} cells{over} where the header has {width} columns, so which "
                    f"value is which cannot be told (a {what} inside a cell, "
                    f"{_EXAMPLES[delimiter]}, "
                    "needs double quotes around the cell); not imported: add the quotes, or "
                    "take out the extra cells, and import the file again",
                )
            )
        else:
            kept.append((line, row))
    table.rows = kept


_BREAK = re.compile(r"\r\n|\r|\n")


def _breaks(value: str) -> int:
    """How many line breaks a cell holds, as the reader counts the lines it runs over."""
    return len(_BREAK.findall(value)) if "\n" in value or "\r" in value else 0


def _closed_where_written(physical: list[str], line: int, row: list[str], delimiter: str) -> bool:
    """Whether each cell of the row beginning on `line` that runs over lines is closed by
    its quotation mark where its text ends: right after the cell's last letter, followed
    by the delimiter or the line's end ("then again, in March\"" ends a note). A mark at
    the start of a cell of its line (after the delimiter, or beginning the line) opens a
    cell of the next row, which a stray mark above took in ("Rita,\"11/11/25, 4:02 PM\"");
    so does one that text follows. Only then is the row's own reading in doubt.
    (`physical` is the text's lines, as the reader counts them.)"""
    at = line - 1
    for value in row:
        breaks = _breaks(value)
        if not breaks:
            continue
        at += breaks
        if at >= len(physical):
            return False
        written, close, position = physical[at], -1, 0
        while (position := written.find('"', position)) != -1:
            if written.startswith('""', position):
                position += 2
                continue
            close = position
            break
        after = written[close + 1 :].rstrip("\r\n")
        if (
            close <= 0
            or written[close - 1] == delimiter
            or (after and not after.startswith(delimiter))
        ):
            return False
    return True


def set_aside_split_rows(table: Table) -> None:
    """Take out of a known export's rows (one that writes every column of every row) each
    row a line break without quotes cut in two: two lines in a row, each short of the
    header's columns, whose cells together make one row's (a "Senior" at the end of one
    line, "Engineer,26 Dec 2025" on the next, would be someone named Engineer). Both are
    said as not imported, with what to do. (Only where the other rows are nearly all whole:
    a tool that leaves empty cells off the end of a row makes short rows of its own.)"""
    width = len(table.headers)
    rows = table.rows
    if width < 4:
        return
    pairs: list[int] = []
    at = 0
    while at < len(rows) - 1:
        (line, first), (next_line, second) = rows[at], rows[at + 1]
        if (
            next_line == line + 1
            and len(first) < width
            and len(second) < width
            and len(first) + len(second) - 1 == width
        ):
            pairs.append(at)
            at += 2
        else:
            at += 1
    split = {n for at in pairs for n in (at, at + 1)}
    others = [row for n, (_line, row) in enumerate(rows) if n not in split]
    if not pairs or sum(len(row) < width for row in others) > 0.1 * len(others):
        return
    for at in pairs:
        (line, first), (next_line, second) = rows[at], rows[at + 1]
        for cut_line, cells in ((line, first), (next_line, second)):
            table.set_aside.append(
                Skipped(
                    table.name,
                    cut_line,
                    f"{len(cells)} cells where the header has {width} columns: a line break "
                    f"inside a cell seems to have cut the row of lines {line} and {next_line} "
                    "in two; not imported: join the two lines (or put the cell in double "
                    "quotes) and import the file again",
                )
            )
    table.rows = [row for n, row in enumerate(rows) if n not in split]


def _refuse_swallowed_rows(
    document: Document,
    delimiter: str,
    width: int,
    rows: list[tuple[int, list[str]]],
    last_line: int,
) -> None:
    """Refuse a file where a quotation mark opens a cell that swallows whole rows (one that
    never closes, or closes rows later), naming the line where that cell's row begins.
    `rows` are the rows with the lines they start on; the last ends on `last_line`.

    A cell over several lines is fine (an address, a note); one with a line holding nearly
    a whole row's worth of delimiters (all but two of them, and at least four) is rows
    read as one cell. In a narrow file of three or four columns, so is a cell with two
    lines of a whole row's worth each; and in any file, the last row's cell whose
    quotation mark never closes (read strictly, the file ends inside it), when one of its
    lines is a whole row's worth.
    """
    enough = max(width - 2, 4)
    for number, (line, row) in enumerate(rows):
        end = rows[number + 1][0] - 1 if number + 1 < len(rows) else last_line
        if end > line:
            if end == last_line and _never_closed(document.text, line, delimiter):
                enough = min(enough, max(width - 1, 1))
            for value in row:
                if "\n" not in value and "\r" not in value:
                    continue
                counts = [part.count(delimiter) for part in value.splitlines()]
                if any(count >= enough for count in counts) or (
                    3 <= width <= 4 and counts.count(width - 1) >= 2
                ):
                    raise ImportFileError(
                        document.name,
                        "has a quotation mark that opens a cell and does not close where the "
                        f"row ends, so lines {line} to {end} would be read as one "
                        "row. Close or remove that quotation mark and save the file again.",
                        line=line,
                    )


def _never_closed(text: str, line: int, delimiter: str) -> bool:
    """Whether a quoted cell of the row beginning on `line` (the last) runs to the end of
    the text unclosed: the csv module, read strictly, finds the data ending inside it."""
    rest = "".join(itertools.islice(io.StringIO(text, newline=""), line - 1, None))
    try:
        for _row in csv.reader(io.StringIO(rest, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def cell(table: Table, row: list[str], column: int | None) -> str:
    """The trimmed cell (repaired if the file has mis-decoded text), or "" when absent."""
    if column is None or column >= len(row):
        return ""
    value = row[column].strip()
    if table.needs_repair and value and not value.isascii():
        value = repair(value)
    return value


def cells_getter(table: Table, columns: Sequence[int | None]) -> Callable[[list[str]], list[str]]:
    """A function of a row giving `cell` for each of the columns (the inner loop of large
    files); a table with all the columns and no mis-decoded text takes a fast path."""
    wanted = list(columns)
    present = [c for c in wanted if c is not None]
    fast = not table.needs_repair and len(present) == len(wanted) > 1
    pick = operator.itemgetter(*present) if fast else None
    width = max(present, default=0) + 1

    def get(row: list[str]) -> list[str]:
        if pick is not None and len(row) >= width:
            # Every cell is there and none needs repair: `cell` is just a strip.
            return list(map(str.strip, pick(row)))
        return [cell(table, row, c) for c in wanted]

    return get


def row_getter(table: Table, row: list[str]) -> Callable[..., str]:
    """get("first name", "given name") -> the first of those columns the table has, cleaned."""

    def get(*names: str) -> str:
        return cell(table, row, table.getter(*names))

    return get
