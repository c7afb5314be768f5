"""Notebook 00's self-checks accept the right answers and reject plausible wrong ones."""

import numpy as np
import pytest

from course_utils.exercises import welcome as checks

CELSIUS = np.array([-10, 0, 8, 15, 22, 30, 38], dtype=float)
MEASURED = 1.8 * CELSIUS + 32 + np.random.default_rng(0).normal(0, 1.0, CELSIUS.size)


def test_right_answers_pass():
    assert checks.check_fahrenheit(lambda c: 1.8 * c + 32, quiet=True).passed
    assert checks.check_fahrenheit(lambda c: c * 9 / 5 + 32, quiet=True).passed
    rule = np.polyfit(CELSIUS, MEASURED, 1)
    assert checks.check_learned_rule(rule, CELSIUS, MEASURED, quiet=True).passed
    assert checks.check_approaches(dict(checks.APPROACH_ANSWERS), quiet=True).passed


@pytest.mark.parametrize(
    "wrong",
    [
        lambda c: 1.8 * (c + 32),  # brackets wrong
        lambda c: (c - 32) / 1.8,  # the inverse conversion
        lambda c: round(1.8 * c + 32),  # breaks on arrays
        lambda c: 2 * c + 30,  # the rough mental rule
    ],
)
def test_wrong_conversions_fail(wrong):
    assert not checks.check_fahrenheit(wrong, quiet=True).passed


@pytest.mark.parametrize(
    "wrong", [[1.8, 32.0], np.polyfit(MEASURED, CELSIUS, 1), np.polyfit(CELSIUS, MEASURED, 2), 1.8]
)
def test_wrong_learned_rules_fail(wrong):
    assert not checks.check_learned_rule(wrong, CELSIUS, MEASURED, quiet=True).passed


def test_learned_rule_placeholder_and_bad_data():
    assert checks.check_learned_rule(..., CELSIUS, MEASURED, quiet=True).not_implemented
    with pytest.raises(ValueError, match="equal length"):
        checks.check_learned_rule([1, 2], CELSIUS, MEASURED[:3])


def test_wrong_approaches_fail_with_hint():
    answers = dict(checks.APPROACH_ANSWERS)
    answers["which animal is in a photo, from its raw pixels"] = "rules"
    result = checks.check_approaches(answers, quiet=True)
    assert not result.passed and "animal" in result.message and "Hint" in result.message
    assert not checks.check_approaches({"x": "rules"}, quiet=True).passed
    answers = dict(checks.APPROACH_ANSWERS)
    answers["spoken words from a raw audio recording"] = "magic"
    assert "not one of" in checks.check_approaches(answers, quiet=True).message
    assert checks.check_approaches(..., quiet=True).not_implemented


def test_rule_from_two_readings_names_the_learners_variable():
    two_c, two_f = CELSIUS[1:3], MEASURED[1:3]
    result = checks.check_learned_rule(
        np.polyfit(two_c, two_f, 1), two_c, two_f, name="rule_from_two", quiet=True
    )
    assert result.passed and "rule_from_two" in result.message
    # the rule learned from all seven readings is not the one asked for
    assert not checks.check_learned_rule(
        np.polyfit(CELSIUS, MEASURED, 1), two_c, two_f, name="rule_from_two", quiet=True
    ).passed
