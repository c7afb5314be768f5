"""Notebook 00_welcome: the wrong answers its self-checks must reject."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.exercises import welcome

CELSIUS = np.array([-10, 0, 8, 15, 22, 30, 38], dtype=float)
MEASURED = 1.8 * CELSIUS + 32 + np.random.default_rng(0).normal(0, 1.0, CELSIUS.size)
TWO_C, TWO_F = CELSIUS[1:3], MEASURED[1:3]


#: exercise -> the wrong answers its check must reject, each with what it gets wrong.
WRONG_ANSWERS: dict[tuple[str, str], list[tuple[str, Any]]] = {
    ("00_welcome", "fahrenheit"): [
        ("brackets around c + 32", lambda c: 1.8 * (c + 32)),
        ("the inverse conversion", lambda c: (c - 32) / 1.8),
        ("scalar rounding, breaks on arrays", lambda c: round(1.8 * c + 32)),
        ("the rough mental rule", lambda c: 2 * c + 30),
        ("a wrong offset", lambda c: 1.8 * c + 30),
    ],
    ("00_welcome", "rule_from_two"): [
        ("all seven readings", np.polyfit(CELSIUS, MEASURED, 1)),
        ("x and y swapped", np.polyfit(TWO_F, TWO_C, 1)),
        ("degree 2", np.polyfit(CELSIUS, MEASURED, 2)),
        ("the exact rule", [1.8, 32.0]),
        ("[intercept, slope]", np.polyfit(TWO_C, TWO_F, 1)[::-1]),
        ("one number", 1.8),
    ],
    ("00_welcome", "approaches"): [
        (
            "photos by hand-written rules",
            {
                **welcome.APPROACH_ANSWERS,
                "which animal is in a photo, from its raw pixels": "rules",
            },
        ),
        (
            "tax by machine learning",
            {
                **welcome.APPROACH_ANSWERS,
                "tax owed from income, by the law's brackets": "machine learning",
            },
        ),
        (
            "not an approach",
            {**welcome.APPROACH_ANSWERS, "spoken words from a raw audio recording": "magic"},
        ),
        ("scenarios missing", {"x": "rules"}),
    ],
}

#: exercise -> its check, called as ``check(answer, quiet=True)``.
CHECKS: dict[tuple[str, str], Callable[..., Any]] = {
    ("00_welcome", "fahrenheit"): welcome.check_fahrenheit,
    ("00_welcome", "rule_from_two"): lambda a, quiet: welcome.check_learned_rule(
        a, TWO_C, TWO_F, name="rule_from_two", quiet=quiet
    ),
    ("00_welcome", "approaches"): welcome.check_approaches,
}
