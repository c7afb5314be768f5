"""Notebook 01's self-checks accept the right answers and reject plausible wrong ones."""

import numpy as np
import pytest

from course_utils.exercises import perceptron as checks


def threshold_unit(w, x):
    return int(np.dot(w, x) >= 0)


def perceptron_update(w, x, label):
    fires = np.dot(w, x) >= 0
    if label == 1 and not fires:
        return w + x
    if label == 0 and fires:
        return w - x
    return w


def test_right_answers_pass():
    assert checks.check_threshold_unit(threshold_unit, quiet=True).passed
    assert checks.check_update_rule(perceptron_update, quiet=True).passed
    assert checks.check_gate_weights([-1, 1.1, 1.1], "or", quiet=True).passed
    assert checks.check_gate_weights([1.5, -1, -1], "nand", quiet=True).passed


@pytest.mark.parametrize(
    "wrong",
    [
        lambda w, x: int(np.dot(w, x) > 0),  # strict inequality
        lambda w, x: int(np.dot(w[1:], x[1:]) >= 0),  # forgets the bias
        lambda w, x: np.dot(w, x),  # returns the sum, not 0/1
    ],
)
def test_wrong_threshold_units_fail(wrong):
    assert not checks.check_threshold_unit(wrong, quiet=True).passed


def swapped_signs(w, x, label):
    fires = np.dot(w, x) >= 0
    if label == 1 and not fires:
        return w - x
    if label == 0 and fires:
        return w + x
    return w


def always_update(w, x, label):
    return w + x if label == 1 else w - x


def strict_threshold(w, x, label):
    fires = np.dot(w, x) > 0
    if label == 1 and not fires:
        return w + x
    if label == 0 and fires:
        return w - x
    return w


def never_update(w, x, label):
    return w


@pytest.mark.parametrize("wrong", [swapped_signs, always_update, strict_threshold, never_update])
def test_wrong_update_rules_fail(wrong):
    result = checks.check_update_rule(wrong, quiet=True)
    assert not result.passed
    assert "expected" in result.message and "Hint" in result.message


def test_wrong_gate_weights_name_the_failing_row():
    result = checks.check_gate_weights([-1, 1.1, 1.1], "and", quiet=True)
    assert not result.passed and "(0, 1)" in result.message


def test_gate_weights_placeholder_and_bad_shape():
    assert checks.check_gate_weights(..., "nand", quiet=True).not_implemented
    assert "three numbers" in checks.check_gate_weights([1, 2], "nand", quiet=True).message


def test_messages_name_the_learners_functions():
    def my_threshold_unit(w, x):
        return int(np.dot(w, x) >= 0)

    def my_perceptron_update(w, x, label):
        return w

    assert "my_threshold_unit" in checks.check_threshold_unit(my_threshold_unit, quiet=True).message
    result = checks.check_update_rule(my_perceptron_update, quiet=True)
    assert not result.passed and "my_perceptron_update" in result.message
