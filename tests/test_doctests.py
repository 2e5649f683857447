"""The examples in the code's docstrings hold: every module that has some runs them."""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import pkgutil
from pathlib import Path

import pytest

import goodword


def _with_examples() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(goodword.__path__, "goodword."):
        spec = importlib.util.find_spec(info.name)
        origin = spec.origin if spec else None
        if origin and origin.endswith(".py") and ">>> " in Path(origin).read_text("utf-8"):
            names.append(info.name)
    return sorted(names)


MODULES = _with_examples()


def test_the_examples_are_found():
    assert "goodword.people.normalize" in MODULES and "goodword.importers.earlier" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_a_module_s_examples_hold(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
