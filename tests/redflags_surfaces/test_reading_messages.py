"""Reading what to check from files: saved e-mails (plain or HTML), other encodings, junk."""

from __future__ import annotations

import random
from email.message import EmailMessage

import pytest

from goodword.errors import InvalidInput
from goodword.redflags.service import (
    MAX_TEXT,
    check_length,
    html_to_text,
    looks_like_email,
    text_from_file,
)
from redflags_surfaces.samples import EML


def _message(**parts: str) -> bytes:
    message = EmailMessage()
    message["From"] = "Jobs Desk <jobs.desk.hr@outlook.com>"
    message["Subject"] = "Your new role"
    if "plain" in parts:
        message.set_content(parts["plain"])
        if "html" in parts:
            message.add_alternative(parts["html"], subtype="html")
    elif "html" in parts:
        message.set_content(parts["html"], subtype="html")
    return bytes(message)


def test_a_saved_email_gives_sender_subject_and_plain_body() -> None:
    text = text_from_file(EML.read_bytes(), name=EML.name)

    lines = text.splitlines()
    assert lines[0] == "From: Talent Team <hiring.dept.jobs@gmail.com>"
    assert lines[1] == "Subject: Remote package coordinator - you are hired!"
    # Quoted-printable soft breaks are joined, so rules see whole words.
    assert "Remote Package Coordinator. No interview is needed." in text
    assert "<p>" not in text


def test_an_html_only_email_is_reduced_to_its_text() -> None:
    body = (
        "<html><head><style>p{color:red}</style></head><body><p>Pay the $50 "
        "<b>starter&nbsp;kit</b> fee</p><script>track()</script><div>Thanks</div></body></html>"
    )

    text = text_from_file(_message(html=body), name="offer.eml", as_email=True)

    assert text.endswith("\n\nPay the $50 starter kit fee\nThanks\n")
    assert "color" not in text and "track" not in text


def test_the_plain_part_wins_over_the_html_part() -> None:
    data = _message(plain="Plain words here.", html="<p>HTML words here.</p>")

    assert "Plain words here." in text_from_file(data, name="both.eml")
    assert "HTML words here." not in text_from_file(data, name="both.eml")


def test_an_email_with_no_text_is_refused_by_name() -> None:
    with pytest.raises(InvalidInput, match=r"empty\.eml holds no message text"):
        text_from_file(b"\n\n", name="empty.eml", as_email=True)


def test_plain_text_is_not_mistaken_for_an_email() -> None:
    assert not looks_like_email(b"Hi Robin,\nFrom: the team\n\nThanks")
    assert looks_like_email(b"From: a@b.example\nSubject: hi\n\nbody")
    assert text_from_file(b"Dear Robin,\n", name="note.txt") == "Dear Robin,\n"


def test_a_latin1_file_is_decoded_and_a_binary_one_refused_by_name() -> None:
    assert "Zoë" in text_from_file("Zoë, what's your salary now?".encode("latin-1"), name="z.txt")
    assert text_from_file("Zoë here".encode("utf-16"), name="notepad.txt") == "Zoë here"

    with pytest.raises(InvalidInput, match=r"photo\.png is not a text file"):
        text_from_file(b"\x89PNG\r\n\x1a\n\x00\x00\x00", name="photo.png")


def _noise(seed: int, *, with_nul: bool = True) -> bytes:
    data = random.Random(seed).randbytes(3000)
    return data if with_nul else data.replace(b"\x00", b"\x01")


@pytest.mark.parametrize("with_nul", [True, False])
@pytest.mark.parametrize("as_email", [True, None, False])
def test_a_binary_file_is_refused_even_when_named_eml(
    with_nul: bool, as_email: bool | None
) -> None:
    with pytest.raises(InvalidInput, match=r"^bin\.eml is not a text file; give a text file"):
        text_from_file(_noise(7, with_nul=with_nul), name="bin.eml", as_email=as_email)


def test_a_saved_email_in_utf16_is_still_read() -> None:
    data = "From: a@b.example\nSubject: hi\n\nWhat is your current salary?\n".encode("utf-16")

    text = text_from_file(data, name="notepad.eml", as_email=True)

    assert text == "From: a@b.example\nSubject: hi\n\nWhat is your current salary?\n"


def test_a_text_with_a_stray_control_character_is_still_read() -> None:
    data = b"Hi Robin,\x0c\nWhat is your current salary?\x1b\n\tThanks\x07\n"

    assert "current salary" in text_from_file(data, name="note.txt")


def test_html_blocks_become_lines() -> None:
    assert html_to_text("<ul><li>one</li><li>two &amp; three</li></ul>") == "one\ntwo & three"


def test_length_is_checked_with_the_field_named() -> None:
    assert check_length("a" * MAX_TEXT) == "a" * MAX_TEXT
    with pytest.raises(InvalidInput) as blank:
        check_length(" \n", field="message_file")
    with pytest.raises(InvalidInput) as long:
        check_length("a" * (MAX_TEXT + 1))

    assert blank.value.fields[0].field == "message_file"
    assert "100,001 characters" in long.value.fields[0].message
