"""What `goodword check` and `goodword laws` print: read apart from the commands (in
`cli/redflags.py`), so the red-flag rules are loaded only when one of them runs, not for
every command's start."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from goodword import clock
from goodword.cli.common import console, print_json
from goodword.errors import InvalidInput
from goodword.redflags import service
from goodword.redflags.analyzer import ON_THE_COMMAND_LINE, Finding, Report, analyze, said_where
from goodword.redflags.answers import Answer
from goodword.redflags.findings import help_shared_by, shared_help
from goodword.redflags.history import GIVE_IT_ON_THE_COMMAND_LINE, place_said_where
from goodword.redflags.laws import AppliedLaw, data_caveat, data_compiled, every_law, laws_for
from goodword.redflags.signals import Channel, Severity

_STYLE = {
    Severity.CRITICAL: "bold white on red",
    Severity.HIGH: "bold red",
    Severity.MEDIUM: "bold yellow",
    Severity.LOW: "bold cyan",
    Severity.INFO: "bold",
}


def check(file: str, *, location: str | None, posting: bool | None, as_json: bool) -> None:
    """Check the text of `file` and print what was found."""
    name, text = _read(file)
    service.check_length(text, field="FILE", source=name)
    report = analyze(text, location=location, today=clock.today(), posting=posting)
    place_said_where(report.findings, GIVE_IT_ON_THE_COMMAND_LINE)  # (--where)
    if as_json:
        print_json({"file": name, **report.to_dict()})
        return
    _print_report(name, report)


def laws(where: str | None, *, as_json: bool) -> None:
    """Print the pay laws for `where`, or every entry."""
    today = clock.today()
    if as_json:
        print_json(service.laws_document(where, today=today))
        return
    out = console()
    place_notes: list[str] = []
    if where and where.strip():
        lookup = laws_for(where, today)
        applied = list(lookup.laws)
        place_notes = list(lookup.notes)
        title = f"Pay laws for {lookup.place.label}" if lookup.place.known else None
        if title is None:
            out.print(Text(f'"{where.strip()}" was not recognised as a place.', style="bold"))
        else:
            out.print(Text(title, style="bold"))
    else:
        applied = every_law(today)
        out.print(Text(f"Every pay-law entry in Goodword's data ({len(applied)})", style="bold"))
    if applied:
        out.print(_law_table(applied, with_place=not where))
    elif where and where.strip() and lookup.place.known:
        # (As the laws page says it; a place not recognised is said once, in its note.)
        binds = " that binds a US federal agency" if lookup.set_aside else ""
        out.print(f"No salary-history or pay-range law{binds} is recorded for this place.")
    for note in place_notes:
        out.print(Text(f"Note: {note}"))
    _print_currency(out)


# What to give instead of a file that is not text (the web page says "paste the text").
INSTEAD = "give a text file, a saved e-mail (.eml) or - to read the text from standard input"
PIPED = "pipe in text or a saved e-mail (.eml), or name the file"


def _read(file: str) -> tuple[str, str]:
    """Return the name to show and the text to check."""
    if file == "-":
        data = typer.get_binary_stream("stdin").read()
        return "standard input", service.text_from_file(data, name="standard input", instead=PIPED)
    path = Path(file).expanduser()
    if path.is_dir():
        raise InvalidInput(f"{file} is a folder; give a text file, a saved e-mail or -.")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"There is no file at {file}.") from None
    except OSError as exc:
        raise InvalidInput(f"Could not read {file}: {exc.strerror or exc}.") from None
    as_email = True if path.suffix.lower() == ".eml" else None
    return str(file), service.text_from_file(
        data, name=str(file), as_email=as_email, instead=INSTEAD
    )


def _print_report(name: str, report: Report) -> None:
    out = console()
    where = report.place.label if report.place.known else "not given"
    if report.location and not report.place.known:
        where = f'"{report.location}" (not recognised)'
    out.print(Text(f"Checked {name}", style="bold"))
    out.print(Text(f"Where the job is: {where}"))
    flagged = sum(1 for f in report.findings if f.flagged)
    if flagged:
        out.print(Text(f"{flagged} red flag{'s' if flagged != 1 else ''} found.", style="bold"))
    else:
        out.print(Text("No red flags found.", style="bold"))
    # Where to report and what to say, when several findings share them (the signs of one
    # scam), is printed once after the findings, as the check page shows it.
    shared = shared_help(report.findings)
    members: dict[int, list[int]] = {}
    for number, finding in enumerate(report.findings, start=1):
        group = help_shared_by(shared, finding)
        if group is not None:
            members.setdefault(group, []).append(number)
    for number, finding in enumerate(report.findings, start=1):
        out.print()
        group = help_shared_by(shared, finding)
        _print_finding(out, number, finding, shared_with=members.get(group or 0))
    for group, item in enumerate(shared, start=1):
        out.print()
        everyone = len(members[group]) == len(report.findings)
        which = "all the findings above" if everyone else f"findings {_numbers(members[group])}"
        out.print(Text(f"Where to report it and what to say, the same for {which}:", style="bold"))
        _print_help(out, list(item.report_to), list(item.answers))
    if report.notes:
        out.print()
        for note in said_where(report.notes, ON_THE_COMMAND_LINE):
            out.print(Text(f"Note: {note}"))
    out.print()
    _print_currency(out, compiled=report.compiled)


def _numbers(numbers: list[int]) -> str:
    """1, 2 and 3."""
    words = [str(n) for n in numbers]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _print_finding(
    out: Console, number: int, finding: Finding, *, shared_with: list[int] | None = None
) -> None:
    """Print one finding; `shared_with` lists the findings whose help it shares, printed once
    after them all."""
    heading = Text(f"{number}. ")
    heading.append(
        f" {service.severity_words(finding.severity).upper()} ", _STYLE[finding.severity]
    )
    heading.append(f" {finding.title}", style="bold")
    if not finding.verified:
        heading.append("  (unconfirmed)", style="italic")
    out.print(heading)
    out.print(_indented(finding.explanation))
    if finding.evidence:
        out.print(Text("   Evidence:", style="bold"))
        for item in finding.evidence:
            out.print(Text(f'     "{item.quote}"', style="reverse"))
    if finding.laws:
        out.print(Text("   Law:", style="bold"))
        for applied in finding.laws:
            out.print(_law_lines(applied))
    if finding.guidance is not None:
        source = finding.guidance.sources[0].url if finding.guidance.sources else None
        line = "Guidance: " + finding.guidance.summary
        if not finding.guidance.verified:
            line += " (unconfirmed)"
        out.print(_indented(line + (f" Source: {source}" if source else "")))
    if shared_with:
        out.print(
            _indented(
                "Where to report it and suggested answers: below, the same for findings "
                f"{_numbers(shared_with)}."
            )
        )
    else:
        _print_help(out, finding.report_to, finding.answers)
    urls = [s.url for s in finding.sources if s.url.startswith(("http://", "https://"))]
    if urls:
        out.print(Text("   Sources:", style="bold"))
        for url in urls:
            out.print(Text(f"     {url}"), overflow="ignore", crop=False)


def _print_help(out: Console, report_to: list[Channel], answers: list[Answer]) -> None:
    if report_to:
        out.print(Text("   Report it:", style="bold"))
        for channel in report_to:
            out.print(Text(f"     {channel.name}: {channel.url}"))
    if answers:
        out.print(Text("   Suggested answers:", style="bold"))
        for answer in answers:
            out.print(Text(f"     - {answer.label}:", style="bold"))
            out.print(_indented(answer.text, indent=7))


def _law_lines(applied: AppliedLaw) -> Text:
    law = applied.law
    text = Text(f"     {law.name}", style="bold")
    if not applied.confirmed:
        text.append(" [unconfirmed]", style="bold yellow")
    text.append(f"\n       {applied.status_text}; {law.coverage}")
    if law.citation:
        text.append(f"\n       Citation: {law.citation}")
    if law.source_url:
        text.append(f"\n       Source: {law.source_url}")
    elif not applied.confirmed:
        text.append(
            "\n       No link to a source is recorded: check the citation before relying on it."
        )
    return text


def _law_table(applied: list[AppliedLaw], *, with_place: bool) -> Table:
    grid = Table()
    if with_place:
        grid.add_column("Where", overflow="fold")
    for column in ("Law", "Kind", "Status", "Who it covers", "Citation and source"):
        grid.add_column(column, overflow="fold")
    for item in applied:
        law = item.law
        name = Text(law.name)
        if not item.confirmed:
            name.append("\nunconfirmed", style="bold yellow")
        cite = "\n".join(x for x in (law.citation, law.source_url) if x)
        row: list[Text | str] = []
        if with_place:
            row.append(", ".join(x for x in (law.city or law.county, law.region, law.country) if x))
        kind = "Pay history" if law.kind.value == "salary_history_ban" else "Pay range"
        row += [name, kind, item.status_text, law.coverage, cite]
        grid.add_row(*row)
    return grid


def _print_currency(out: Console, *, compiled: date | None = None) -> None:
    day = (compiled or data_compiled()).isoformat()
    out.print(Text(f"Law data compiled {day}. ", style="bold").append(data_caveat(), style=""))


def _indented(text: str, *, indent: int = 3) -> Text:
    pad = " " * indent
    wrapped = textwrap.fill(
        text,
        width=96,
        initial_indent=pad,
        subsequent_indent=pad,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return Text(wrapped)
