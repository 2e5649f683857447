"""Search terms without accents: what a word folds to, and what a document keeps to be found."""

from __future__ import annotations

import pytest

from goodword.search.folding import SEPARATOR, document_body, fold, folded_title, shown


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Łukasz Żółć", "lukasz zolc"),
        ("Straße", "strasse"),
        ("Zoë Ødegaard", "zoe odegaard"),
        ("Nguyễn Văn", "nguyen van"),
        ("İbrahim Şahin", "ibrahim sahin"),
        ("ÆRØ", "aero"),
        ("Ελένη", "ελενη"),
        # Marks that make another letter stay: kana's voicing marks, Hangul syllables.
        ("がぎ", "がぎ"),
        ("한국", "한국"),
        ("Ada Lovelace", "ada lovelace"),
    ],
)
def test_fold_drops_accents_and_case_but_not_letters(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_a_documents_body_keeps_what_shows_apart_from_what_finds() -> None:
    body = document_body("Łukasz O'Brien", ["lukasz@example.org", "Société Générale", "Zürich"])
    assert shown(body) == "lukasz@example.org Société Générale Zürich"
    terms = body.split(SEPARATOR, 1)[1].split()
    # (An address's words are kept too: PostgreSQL's parser keeps an address whole.)
    assert terms == ["OBrien", "lukasz", "example", "org", "societe", "generale", "zurich"]
    # Plain names and details need nothing kept apart; an address, its words.
    assert document_body("Ada Lovelace", ["Acme", "London"]) == "Acme London"
    assert document_body("Ada Lovelace", ["ada@example.org"]) == (
        f"ada@example.org{SEPARATOR}ada example org"
    )


@pytest.mark.parametrize(
    ("title", "folded"),
    [
        ("Ada  Lovelace", "ada lovelace"),
        ("Seán O'Brien", "sean o brien obrien"),
        ("Kim Ha-eun", "kim ha eun haeun"),
        ("Łukasz Nowak", "lukasz nowak"),
    ],
)
def test_a_folded_title_has_each_word_and_names_run_together(title: str, folded: str) -> None:
    assert folded_title(title) == folded
