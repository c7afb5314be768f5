"""Notebook 01's self-checks accept the right answers, reject plausible wrong ones and say why."""

import itertools

import numpy as np
import pytest

from course_utils.exercises import perceptron as checks
from course_utils.toy_data import logic_gate


def train(X, y, *, w_start=None, max_epochs=100):
    """The notebook's train_perceptron: (final weights, mistakes per epoch)."""
    Xb = np.column_stack([np.ones(len(X)), X])
    w = np.zeros(Xb.shape[1]) if w_start is None else np.array(w_start, dtype=float)
    errors = []
    for _ in range(max_epochs):
        mistakes = 0
        for x, label in zip(Xb, y):
            if label == 1 and w @ x < 0:
                w, mistakes = w + x, mistakes + 1
            elif label == 0 and w @ x >= 0:
                w, mistakes = w - x, mistakes + 1
        errors.append(mistakes)
        if mistakes == 0:
            break
    return w, errors


def epochs_from_starts(X, y, starts):
    return [len(train(X, y, w_start=start)[1]) for start in starts]


def count_learnable_gates(max_epochs=100):
    X = logic_gate("and")[0]
    count = 0
    for outputs in itertools.product([0, 1], repeat=4):
        _, errors = train(X, np.array(outputs), max_epochs=max_epochs)
        count += errors[-1] == 0
    return count


def test_the_majority_gate_table():
    X, y = checks.majority_gate()
    assert X.tolist()[3] == [0, 1, 1] and y.tolist() == [int(sum(x) >= 2) for x in X.tolist()]


def test_right_answers_pass():
    assert checks.check_gate_weights([-1.5, 1, 1, 1], "majority", quiet=True).passed
    assert checks.check_gate_weights([-2, 1, 1, 1], "majority", quiet=True).passed  # no margin
    assert checks.check_gate_weights([-3, 2, 2, 1.5], "majority", quiet=True).passed
    assert checks.check_gate_weights([-1, 1.1, 1.1], "or", quiet=True).passed
    assert checks.check_nor_learned_weights([0, -1, -1], quiet=True).passed
    assert checks.check_nor_learned_weights(np.array([0.0, -1.0, -1.0]), quiet=True).passed
    assert checks.check_epochs_from_starts(epochs_from_starts, quiet=True).passed
    assert checks.check_count_learnable_gates(count_learnable_gates, quiet=True).passed


def test_a_pass_with_zero_margin_says_so_and_one_with_a_margin_does_not():
    no_margin = checks.check_gate_weights([-2, 1, 1, 1], "majority", quiet=True)
    assert no_margin.passed and "zero margin" in no_margin.message
    assert "(0, 1, 1), (1, 0, 1), (1, 1, 0)" in no_margin.message
    with_margin = checks.check_gate_weights([-1.5, 1, 1, 1], "majority", quiet=True)
    assert with_margin.passed and "margin" not in with_margin.message


def test_the_reference_numbers_are_those_of_the_lesson():
    """From w = 0 the rule learns AND in 6 epochs and OR in 4 (the lesson's worked example),
    and 14 of the 16 gates: all but XOR and XNOR."""
    assert checks._epochs(*logic_gate("and"), np.zeros((1, 3))) == [6]
    assert checks._epochs(*logic_gate("or"), np.zeros((1, 3))) == [4]
    assert checks._count_gates(100) == 14


@pytest.mark.parametrize(
    "weights, words",
    [
        ([-2.5, 1, 1, 1], "three-input AND"),
        ([-0.5, 1, 1, 1], "three-input OR"),
        ([0.5, 1, 1, 1], "sign of the bias"),
        ([1.5, -1, -1, -1], "wrong way round"),
        ([-1.5, 1, 1], "4 numbers"),
    ],
)
def test_wrong_majority_weights_are_named(weights, words):
    result = checks.check_gate_weights(weights, "majority", quiet=True)
    assert not result.passed and words in result.message
    assert "-1.5, 1, 1, 1" not in result.message


@pytest.mark.parametrize(
    "weights, words",
    [
        ([-1, 0, -1], "after the first epoch"),
        ([1, -1, -1], "exactly zero counts as firing"),
        ([0.5, -1, -1], "whole number"),
        ([2, -3, -3], "not the ones the algorithm stops at"),
        ([-1, -1, -1], "do not compute NOR"),
        ([0, -1], "three numbers"),
    ],
)
def test_wrong_nor_predictions_are_named(weights, words):
    result = checks.check_nor_learned_weights(weights, quiet=True)
    assert not result.passed and words in result.message


def test_a_passing_epochs_check_shows_the_majority_gate_from_random_starts():
    message = checks.check_epochs_from_starts(epochs_from_starts, quiet=True).message
    starts = np.random.default_rng(checks.MAJORITY_SEED).normal(size=(10, 4))
    expected = epochs_from_starts(*checks.majority_gate(), starts)
    assert str(expected) in message and min(expected) < max(expected)


def test_wrong_epoch_counts_are_named():
    def from_zero(X, y, starts):
        return [len(train(X, y)[1]) for _ in starts]

    def one_short(X, y, starts):
        return [len(train(X, y, w_start=s)[1]) - 1 for s in starts]

    assert (
        "start each run from its own vector"
        in checks.check_epochs_from_starts(from_zero, quiet=True).message
    )
    assert "one short" in checks.check_epochs_from_starts(one_short, quiet=True).message


def test_wrong_gate_counts_are_named_and_the_full_count_is_not_shown():
    def every(max_epochs):
        return 16

    def missing_last_epoch(max_epochs):
        X = logic_gate("and")[0]
        return sum(
            len(train(X, np.array(o), max_epochs=max_epochs)[1]) < max_epochs
            for o in itertools.product([0, 1], repeat=4)
        )

    result = checks.check_count_learnable_gates(every, quiet=True)
    assert "every gate was counted" in result.message and "max_epochs=1" in result.message
    result = checks.check_count_learnable_gates(missing_last_epoch, quiet=True)
    assert "last one allowed still counts" in result.message
    for wrong in (every, missing_last_epoch):
        assert "14" not in checks.check_count_learnable_gates(wrong, quiet=True).message


def test_placeholders_stubs_and_bad_shapes():
    assert checks.check_gate_weights(..., "majority", quiet=True).not_implemented
    assert checks.check_nor_learned_weights(..., quiet=True).not_implemented

    def stub(*args):
        raise NotImplementedError

    assert checks.check_epochs_from_starts(stub, quiet=True).not_implemented
    assert checks.check_count_learnable_gates(stub, quiet=True).not_implemented
    assert "3 numbers" in checks.check_gate_weights([1, 2], "nand", quiet=True).message


def test_wrong_two_input_gate_weights_name_the_failing_row():
    result = checks.check_gate_weights([-1, 1.1, 1.1], "and", quiet=True)
    assert not result.passed and "(0, 1)" in result.message


def test_messages_name_the_learners_functions():
    def my_epochs(X, y, starts):
        return [0 for _ in starts]

    result = checks.check_epochs_from_starts(my_epochs, quiet=True)
    assert not result.passed and "my_epochs" in result.message
    assert result.record == {
        "notebook": "01_perceptron",
        "exercise": "epochs_from_starts",
        "status": "failed",
    }
