"""What a record not found says when no message of its own is given."""

from __future__ import annotations

from goodword.errors import NotFound, missing


def test_a_number_is_called_a_number_and_nothing_else_is() -> None:
    assert missing("person", 99999) == "No person number 99999: they may have been deleted."
    assert NotFound("task", 7).message == "No task number 7: it may have been deleted."
    assert missing("import", "Xy3-gone") == "There is no such import: it may have been deleted."
    assert missing("import", True) == "There is no such import: it may have been deleted."
