"""The plausible wrong answers every self-check must reject, one module per notebook.

Each ``nbNN.py`` holds that notebook's ``WRONG_ANSWERS`` ((notebook, exercise) -> a list of
(what it gets wrong, the wrong answer)) and ``CHECKS`` ((notebook, exercise) -> the check,
called as ``check(answer, quiet=True)``). A new notebook adds its own module; nothing here
lists them. ``tests/test_exercises_wrong_answers.py`` runs them all.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import Any

WRONG_ANSWERS: dict[tuple[str, str], list[tuple[str, Any]]] = {}
CHECKS: dict[tuple[str, str], Callable[..., Any]] = {}

for _module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    _loaded = importlib.import_module(f"{__name__}.{_module.name}")
    WRONG_ANSWERS.update(_loaded.WRONG_ANSWERS)
    CHECKS.update(_loaded.CHECKS)
