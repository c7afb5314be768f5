"""Notebook 00's self-checks accept the right answers in their several forms, say something
useful on a pass, and reject wrong ones with the mistake named (the full list of wrong answers
is in ``tests/wrong_answers/nb00.py``)."""

import numpy as np
import pytest

from course_utils.exercises import welcome as checks

CELSIUS = np.array([-10, 0, 8, 15, 22, 30, 38], dtype=float)
MEASURED = 1.8 * CELSIUS + 32 + np.random.default_rng(0).normal(0, 1.0, CELSIUS.size)
TWO_C, TWO_F = CELSIUS[1:3], MEASURED[1:3]


def test_catalogue_follows_the_notebook():
    assert checks.CATALOGUE.names == (
        "rule_from_two",
        "shift_at_100",
        "learned_or_chosen",
        "learning_kinds",
        "count_parameters",
    )


# --------------------------------------------------------------------------- rule_from_two
def test_learned_rule_passes_and_reports_its_prediction_at_100():
    rule = np.polyfit(TWO_C, TWO_F, 1)
    result = checks.check_learned_rule(rule, TWO_C, TWO_F, name="rule_from_two", quiet=True)
    assert result.passed and "rule_from_two" in result.message
    assert f"{rule[0] * 100 + rule[1]:.1f} °F at 100 °C" in result.message
    assert checks.check_learned_rule(list(rule), TWO_C, TWO_F, quiet=True).passed


def test_rule_from_two_picks_the_readings_itself_and_names_the_wrong_readings():
    rule = np.polyfit(TWO_C, TWO_F, 1)
    assert checks.check_rule_from_two(rule, CELSIUS, MEASURED, quiet=True).passed
    result = checks.check_rule_from_two(
        np.polyfit(CELSIUS, MEASURED, 1), CELSIUS, MEASURED, quiet=True
    )
    assert not result.passed and "learned from all the readings" in result.message
    off_by_one = np.polyfit(CELSIUS[:2], MEASURED[:2], 1)
    result = checks.check_rule_from_two(off_by_one, CELSIUS, MEASURED, quiet=True)
    assert not result.passed and "not the ones at 0 °C and 8 °C" in result.message
    swapped = np.polyfit(TWO_F, TWO_C, 1)
    result = checks.check_rule_from_two(swapped, CELSIUS, MEASURED, quiet=True)
    assert not result.passed and "Celsius from Fahrenheit" in result.message
    with pytest.raises(ValueError, match="exactly once"):
        checks.check_rule_from_two(rule, CELSIUS[2:], MEASURED[2:])


def test_learned_rule_placeholder_and_bad_data():
    assert checks.check_learned_rule(..., CELSIUS, MEASURED, quiet=True).not_implemented
    with pytest.raises(ValueError, match="equal length"):
        checks.check_learned_rule([1, 2], CELSIUS, MEASURED[:3])


# --------------------------------------------------------------------------- shift_at_100
def test_shift_agrees_with_refitting_and_explains_on_a_pass():
    before = np.polyval(np.polyfit(TWO_C, TWO_F, 1), 100)
    after = np.polyval(np.polyfit(TWO_C, TWO_F + np.array([0, 1]), 1), 100)
    result = checks.check_shift_at_100(after - before, quiet=True)  # what refitting gives
    assert result.passed and "why" in result.message
    assert checks.check_shift_at_100(np.float64(after - before), quiet=True).passed


@pytest.mark.parametrize(
    "wrong, words",
    [(1, "does not stay the same size"), (11.5, "pivots about"), (7.0, "too small")],
)
def test_shift_names_the_mistake(wrong, words):
    result = checks.check_shift_at_100(wrong, quiet=True)
    assert not result.passed and words in result.message


def test_shift_rejects_non_numbers_and_waits_for_the_placeholder():
    assert "not a str" in checks.check_shift_at_100("12", quiet=True).message
    assert not checks.check_shift_at_100(True, quiet=True).passed
    assert checks.check_shift_at_100(..., quiet=True).not_implemented


# --------------------------------------------------------------------------- learned_or_chosen
def test_learned_or_chosen_accepts_any_case_and_names_the_wrong_item():
    answers = {item: kind.upper() for item, kind in checks._LEARNED_OR_CHOSEN.items()}
    assert checks.check_learned_or_chosen(answers, quiet=True).passed
    answers = {**checks._LEARNED_OR_CHOSEN, "epochs": "parameter"}
    result = checks.check_learned_or_chosen(answers, quiet=True)
    assert not result.passed and "'epochs' (the number of epochs)" in result.message
    assert checks.check_learned_or_chosen(..., quiet=True).not_implemented


def test_answers_cover_exactly_the_items_the_task_lists():
    assert set(checks._LEARNED_OR_CHOSEN) == set(checks.ITEMS)
    assert set(checks._LEARNED_OR_CHOSEN.values()) == {checks.PARAMETER, checks.HYPERPARAMETER}
    assert set(checks._LEARNING_KINDS) == set(checks.SCENARIOS)


# --------------------------------------------------------------------------- learning_kinds
def test_learning_kinds_accepts_spelling_variants_and_explains_a_wrong_kind():
    answers = {s: k.replace("-", " ").title() for s, k in checks._LEARNING_KINDS.items()}
    assert checks.check_learning_kinds(answers, quiet=True).passed
    scenario = next(s for s, k in checks._LEARNING_KINDS.items() if k == checks.SEMI)
    result = checks.check_learning_kinds(
        {**checks._LEARNING_KINDS, scenario: "supervised"}, quiet=True
    )
    assert not result.passed and "how many recordings come with a species" in result.message
    assert (
        "not one of"
        in checks.check_learning_kinds(
            {**checks._LEARNING_KINDS, scenario: "magic"}, quiet=True
        ).message
    )
    assert set(checks._LEARNING_KINDS.values()) == set(checks.KINDS)


# --------------------------------------------------------------------------- count_parameters
def test_count_parameters_accepts_any_correct_way_of_counting():
    def by_formula(sizes):
        return sum(a * b + b for a, b in zip(sizes, sizes[1:]))

    def with_numpy(sizes):
        sizes = np.array(sizes)
        return np.sum((sizes[:-1] + 1) * sizes[1:])

    for right in (by_formula, with_numpy):
        assert checks.check_count_parameters(right, quiet=True).passed


def test_count_parameters_names_the_missing_biases_and_a_float():
    no_bias = checks.check_count_parameters(
        lambda s: sum(a * b for a, b in zip(s, s[1:])), quiet=True
    )
    assert not no_bias.passed and "biases are missing" in no_bias.message
    as_float = checks.check_count_parameters(
        lambda s: float(sum(a * b + b for a, b in zip(s, s[1:]))), quiet=True
    )
    assert not as_float.passed and "a float" in as_float.message


def test_the_notebook_tasks_list_every_key_the_checks_expect():
    import nbformat

    from course_utils.paths import NOTEBOOKS_DIR

    nb = nbformat.read(NOTEBOOKS_DIR / "00_welcome.ipynb", as_version=4)
    tasks = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for key, text in {**checks.ITEMS, **checks.SCENARIOS}.items():
        assert f'**`"{key}"`**' in tasks, f"the task does not list the key {key!r}"
        assert " ".join(text.split()) in " ".join(tasks.split()), f"{key!r}: {text!r}"
