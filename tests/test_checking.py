"""The self-check mechanism: right answers pass, wrong ones fail with the case and the mistake
in words, stubs are "not yet", and every result carries a machine-readable record."""

import numpy as np
import pytest

from course_utils.checking import (
    FAILED,
    NOT_YET,
    PASSED,
    RECORD_MIME,
    Case,
    Catalogue,
    CheckResult,
    Exercise,
    Mistake,
    Problem,
    call_learner,
    check_answer,
    check_built,
    check_function,
    check_outputs,
    check_value,
    show_result,
    values_match,
)

CASES = [
    Case((np.array([1.0, -2.0]),), np.array([1.0, 0.0]), label="mixed signs"),
    Case((np.array([0.0]),), np.array([0.0])),
]
EXERCISE = Catalogue(
    "99_toy",
    [
        Exercise(
            "relu", hint="negative inputs become 0.", nudge="Compare with 0 element by element."
        )
    ],
)["relu"]


def relu(x):
    return np.maximum(x, 0)


def test_correct_function_passes(capsys):
    result = check_function(relu, CASES, exercise=EXERCISE)
    assert result.passed and bool(result) and result.status == PASSED
    assert "✅ relu passed all 2 checks" in capsys.readouterr().out


def test_wrong_function_fails_with_case_expected_got_hint_and_the_second_hint(capsys):
    result = check_function(np.abs, CASES, exercise=EXERCISE)
    out = capsys.readouterr().out
    assert not result.passed and result.status == FAILED
    assert "❌ absolute: case 1 of 2 (mixed signs) failed" in out
    assert "expected: [1., 0.]" in out and "got:      [1., 2.]" in out
    assert "Hint: negative inputs become 0." in out
    assert 'checks.hint("relu")' in out


def test_a_recognised_mistake_is_named_instead_of_the_general_hint():
    mistakes = [Mistake("that is the absolute value.", like=np.abs)]
    result = check_function(np.abs, CASES, exercise=EXERCISE, mistakes=mistakes, quiet=True)
    assert "Hint: that is the absolute value." in result.message
    assert "negative inputs become 0" not in result.message


def test_answers_of_the_wrong_kind_are_named():
    shape = check_function(lambda x: relu(x)[None, :], CASES, exercise="relu", quiet=True)
    assert not shape.passed and "the shape is (1, 2), but it should be (2,)" in shape.message
    none = check_function(lambda x: None, CASES, exercise="relu", quiet=True)
    assert "returned None" in none.message
    whole = check_function(
        lambda n: n / 2,
        [Case((4,), 2)],
        exercise="half",
        quiet=True,
        compare=lambda got, exp: isinstance(got, int) and got == exp,
    )
    assert "a float" in whole.message


def test_not_implemented_stub_is_not_yet():
    def stub(x):
        raise NotImplementedError("your turn")

    result = check_function(stub, CASES, exercise="relu", quiet=True)
    assert not result.passed and result.not_implemented and result.status == NOT_YET
    assert result.message.startswith("⏳") and "not implemented yet" in result.message
    assert "Traceback" not in result.message


def test_exception_in_learner_code_is_reported_not_raised():
    result = check_function(lambda x: x.nope, CASES, exercise="relu", quiet=True)
    assert not result.passed
    assert "raised AttributeError" in result.message and "relu(" in result.message


def test_a_common_error_is_explained_in_words():
    result = check_function(lambda x: 1.0 if x > 0 else 0.0, CASES, exercise="relu", quiet=True)
    assert "raised ValueError" in result.message and "element by element" in result.message


def test_not_a_function_is_explained():
    result = check_function(42, CASES, exercise="relu", quiet=True)
    assert not result.passed and "should be a function" in result.message
    assert "Did you run the cell that defines it?" in result.message


def test_inputs_are_copied_so_mutation_cannot_spoil_later_cases():
    def mutating_relu(x):
        x[x < 0] = 0
        return x

    shared = np.array([-1.0, 2.0])
    cases = [Case((shared,), np.array([0.0, 2.0])), Case((shared,), np.array([0.0, 2.0]))]
    assert check_function(mutating_relu, cases, exercise="relu", quiet=True).passed
    assert shared[0] == -1.0


def test_programming_errors_of_a_check_raise():
    with pytest.raises(ValueError, match="at least one Case"):
        check_function(relu, [], exercise="relu")
    with pytest.raises(TypeError, match="exercise must be"):
        check_function(relu, CASES, exercise="")
    with pytest.raises(ValueError, match="status must be one of"):
        CheckResult("x", "done", "")


def test_several_outputs_are_compared_one_by_one():
    cases = [Case((np.ones(2),), (np.ones(2), np.ones(2)))]
    result = check_outputs(lambda a: (a, a[:1]), cases, outputs=("x", "y"), name="f", quiet=True)
    assert "the y you return has shape (1,), expected shape (2,)" in result.message
    result = check_outputs(lambda a: (a, 2 * a), cases, outputs=("x", "y"), name="f", quiet=True)
    assert "the y you return is wrong" in result.message
    result = check_outputs(lambda a: a, cases, outputs=("x", "y"), name="f", quiet=True)
    assert "return the 2 values (x, y) as a tuple" in result.message


@pytest.mark.parametrize(
    "got, expected, same",
    [
        (1, 1.0, True),
        (0.1 + 0.2, 0.3, True),
        ([1, 2], (1, 2), True),
        (np.zeros(3), np.zeros(4), False),
        (True, True, True),
        (1, True, False),
        ("a", "a", True),
        ("a", "b", False),
        (None, 0, False),
        ({"a": 1.0}, {"a": 1}, True),
        ({"a": 1}, {"b": 1}, False),
        ("abc", 1.0, False),
    ],
)
def test_values_match(got, expected, same):
    assert values_match(got, expected) is same


def test_check_value_never_shows_the_expected_value():
    assert check_value(21, 21, exercise="count", quiet=True).passed
    wrong = check_value(20, 21, exercise=Exercise("count", hint="count the biases."), quiet=True)
    assert not wrong.passed and "21" not in wrong.message and "count the biases" in wrong.message
    named = check_value(
        20, 21, exercise="count", mistakes=[Mistake("one bias short.", like=20)], quiet=True
    )
    assert "one bias short" in named.message
    todo = check_value(..., 21, exercise="count", quiet=True)
    assert todo.not_implemented and "not filled in yet" in todo.message


def test_check_built_and_check_answer_inspect_what_they_get():
    def inspect(value):
        if value != 42:
            raise Problem("a different number.", hint="think again.")
        return "is the answer."

    assert check_built(lambda: 42, inspect, exercise="answer", quiet=True).passed
    wrong = check_built(lambda: 41, inspect, exercise="answer", quiet=True)
    assert "a different number" in wrong.message and "Hint: think again." in wrong.message
    broken = check_built(lambda: 41, lambda v: v.fit(), exercise="answer", quiet=True)
    assert "raised AttributeError" in broken.message
    assert check_answer(42, inspect, exercise="answer", quiet=True).passed
    assert check_answer(..., inspect, exercise="answer", quiet=True).not_implemented


def test_call_learner_returns_the_value_or_one_clear_failure():
    assert call_learner(lambda a: a * 2, "double", 21, quiet=True) == (42, None)

    def stub():
        raise NotImplementedError

    _, todo = call_learner(stub, "build_model", quiet=True)
    assert todo.not_implemented and "not implemented yet" in todo.message
    _, broken = call_learner(lambda: 1 / 0, "build_model", quiet=True)
    assert not broken.passed and "raised ZeroDivisionError" in broken.message
    _, missing = call_learner("model", "build_model", quiet=True)
    assert "should be a function" in missing.message


def test_result_shows_nothing_extra_in_a_notebook():
    result = check_function(relu, CASES, exercise="relu", quiet=True)
    assert result._ipython_display_() is None


def test_every_result_carries_a_record():
    result = check_function(relu, CASES, exercise=EXERCISE, quiet=True)
    assert result.record == {"notebook": "99_toy", "exercise": "relu", "status": "passed"}


def test_in_a_notebook_the_record_travels_with_the_text(monkeypatch):
    import IPython
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    monkeypatch.setattr(IPython.display, "display", lambda bundle, raw: shown.append((bundle, raw)))
    result = CheckResult("relu", FAILED, "❌ relu: wrong", notebook="99_toy")
    show_result(result)
    assert shown == [({"text/plain": "❌ relu: wrong", RECORD_MIME: result.record}, True)]


def test_catalogue_hint_prints_the_second_hint_or_lists_the_exercises(capsys):
    catalogue = Catalogue(
        "99_toy",
        [Exercise("relu", nudge="Compare with 0."), Exercise("softmax", hint="Shift first.")],
    )
    catalogue.hint("relu")
    catalogue.hint("softmax")
    catalogue.hint("nope")
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "💡 Second hint for relu: Compare with 0."
    assert out[1] == "💡 Second hint for softmax: Shift first."
    assert '"relu", "softmax"' in out[2]
    with pytest.raises(ValueError, match="distinct names"):
        Catalogue("99_toy", [Exercise("a"), Exercise("a")])
    with pytest.raises(ValueError, match="notebook must be"):
        Catalogue("", [Exercise("a")])
