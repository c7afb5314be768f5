"""The self-check mechanism: right answers pass, wrong ones fail with a useful message."""

import numpy as np
import pytest

from course_utils.checking import Case, check_function, check_value, values_match

CASES = [Case((np.array([1.0, -2.0]),), np.array([1.0, 0.0]), label="mixed signs"),
         Case((np.array([0.0]),), np.array([0.0]))]


def relu(x):
    return np.maximum(x, 0)


def test_correct_function_passes(capsys):
    result = check_function(relu, CASES, name="relu")
    assert result.passed and bool(result)
    assert "✅ relu passed all 2 checks" in capsys.readouterr().out


def test_wrong_function_fails_with_case_expected_got_and_hint(capsys):
    result = check_function(np.abs, CASES, name="relu", hint="Negative inputs become 0.")
    out = capsys.readouterr().out
    assert not result.passed
    assert "case 1 of 2 (mixed signs) failed" in out
    assert "expected: [1., 0.]" in out and "got:      [1., 2.]" in out
    assert "Hint: Negative inputs become 0." in out


def test_wrong_shape_fails_even_when_values_broadcast():
    result = check_function(lambda x: np.maximum(x, 0)[None, :], CASES, quiet=True)
    assert not result.passed


def test_not_implemented_stub_gets_friendly_message():
    def stub(x):
        raise NotImplementedError("your turn")

    result = check_function(stub, CASES, name="relu", quiet=True)
    assert not result.passed and result.not_implemented
    assert "not implemented yet" in result.message and "Traceback" not in result.message


def test_exception_in_learner_code_is_reported_not_raised():
    result = check_function(lambda x: x.nope, CASES, name="relu", quiet=True)
    assert not result.passed
    assert "raised AttributeError" in result.message and "relu(" in result.message


def test_not_a_function_is_explained():
    result = check_function(42, CASES, name="relu", quiet=True)
    assert not result.passed and "should be a function" in result.message


def test_inputs_are_copied_so_mutation_cannot_spoil_later_cases():
    def mutating_relu(x):
        x[x < 0] = 0
        return x

    shared = np.array([-1.0, 2.0])
    cases = [Case((shared,), np.array([0.0, 2.0])), Case((shared,), np.array([0.0, 2.0]))]
    assert check_function(mutating_relu, cases, quiet=True).passed
    assert shared[0] == -1.0


def test_empty_cases_is_a_programming_error():
    with pytest.raises(ValueError, match="at least one Case"):
        check_function(relu, [])


@pytest.mark.parametrize("got, expected, same", [
    (1, 1.0, True), (0.1 + 0.2, 0.3, True), ([1, 2], (1, 2), True), (np.zeros(3), np.zeros(4), False),
    (True, True, True), (1, True, False), ("a", "a", True), ("a", "b", False), (None, 0, False),
    ({"a": 1.0}, {"a": 1}, True), ({"a": 1}, {"b": 1}, False), ("abc", 1.0, False),
])
def test_values_match(got, expected, same):
    assert values_match(got, expected) is same


def test_check_value_pass_fail_and_placeholder():
    assert check_value(21, 21, name="count", quiet=True).passed
    wrong = check_value(20, 21, name="count", hint="Count the biases.", quiet=True)
    assert not wrong.passed and "expected: 21" in wrong.message and "Count the biases" in wrong.message
    todo = check_value(..., 21, name="count", quiet=True)
    assert todo.not_implemented and "not filled in yet" in todo.message


def test_result_shows_nothing_extra_in_a_notebook():
    result = check_function(relu, CASES, quiet=True)
    assert result._ipython_display_() is None


def test_call_learner_returns_the_value_or_one_clear_failure():
    from course_utils.checking import call_learner

    assert call_learner(lambda a: a * 2, "double", 21, quiet=True) == (42, None)

    def stub():
        raise NotImplementedError

    _, todo = call_learner(stub, "build_model", quiet=True)
    assert todo.not_implemented and "not implemented yet" in todo.message
    _, broken = call_learner(lambda: 1 / 0, "build_model", quiet=True)
    assert not broken.passed and "raised ZeroDivisionError" in broken.message
    _, missing = call_learner("model", "build_model", quiet=True)
    assert "should be a function" in missing.message
