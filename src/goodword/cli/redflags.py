"""`goodword check` and `goodword laws`: red flags in a text, and the pay laws by place.

Neither command opens the database: a check is a pure function of the text and the place.
The work and the printing are in `cli/redflags_output.py`, imported when a command runs.
"""

from __future__ import annotations

from typing import Annotated

import typer

from goodword.cli.common import JsonFlag


def check(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE|-",
            help="A text file, a saved e-mail (.eml), or - to read from standard input.",
            show_default=False,
        ),
    ],
    location: Annotated[
        str | None,
        typer.Option(
            "--where",
            "--location",
            help='Where the job is, such as "New York, NY", "Remote (US)" or "Berlin", as '
            "`goodword laws --where` takes it (--location, the older name, works too). "
            "Default: the place the text states (a Location: line, or a sentence such as "
            "'based in Austin, TX'), if it states one clearly.",
        ),
    ] = None,
    posting: Annotated[
        bool | None,
        typer.Option(
            "--posting/--message",
            help="Say the text is a job posting (checked for a pay range where the law asks "
            "postings for one) or a message. Default: told from the text.",
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Check a job posting or a recruiter's message for red flags.

    Shows each finding with its severity, why it matters, the words it was found in, the law
    where the job is, and answers you can send. Finding red flags is not an error: the exit
    code is 0 whenever the check ran.
    """
    from goodword.cli import redflags_output

    redflags_output.check(file, location=location, posting=posting, as_json=as_json)


def laws(
    where: Annotated[
        str | None,
        typer.Option(
            "--where",
            help='A place such as "Toronto, ON" or "Remote (US)". Default: list every entry.',
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """List the salary-history and pay-range laws that apply where a job is.

    Unconfirmed entries are marked; the data's compile date is shown, so you know how current
    it is.
    """
    from goodword.cli import redflags_output

    redflags_output.laws(where, as_json=as_json)
