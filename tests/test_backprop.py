"""Notebook 04's exercise self-checks accept right answers and reject plausible wrong ones,
naming the mistake (the wrong-answer list itself is tests/wrong_answers/nb04.py)."""

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from course_utils.exercises import backprop as checks

NB = "04_backpropagation"


def _wrong_answers():
    """tests/wrong_answers/nb04.py alone (the package would import every notebook's list)."""
    path = Path(__file__).parent / "wrong_answers" / "nb04.py"
    spec = importlib.util.spec_from_file_location("wrong_answers_nb04", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.WRONG_ANSWERS


WRONG_ANSWERS = _wrong_answers()


def dense_backward(x, W, b, grad_out):
    return grad_out @ W.T, x.T @ grad_out, grad_out.sum(axis=0)


def tanh_softmax_gradients(W1, b1, W2, b2, X, Y):
    h = np.tanh(X @ W1 + b1)
    scores = h @ W2 + b2
    p = np.exp(scores - scores.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    delta_out = (p - Y) / len(X)
    delta_hidden = (delta_out @ W2.T) * (1 - h**2)
    return X.T @ delta_hidden, delta_hidden.sum(axis=0), h.T @ delta_out, delta_out.sum(axis=0)


def numeric_gradient(loss, array, eps=1e-6):
    grad = np.zeros_like(array)
    for index in np.ndindex(array.shape):
        original = array[index]
        array[index] = original + eps
        up = loss()
        array[index] = original - eps
        down = loss()
        array[index] = original
        grad[index] = (up - down) / (2 * eps)
    return grad


def test_right_answers_pass():
    assert checks.check_dense_backward(dense_backward, quiet=True)
    assert checks.check_backward_multiply_adds(32 * (784 * 128 + 2 * 128 * 10), quiet=True)
    assert checks.check_he_limit(lambda fan_in: np.sqrt(6 / fan_in), quiet=True)
    assert checks.check_tanh_softmax_gradients(tanh_softmax_gradients, quiet=True)


def test_dense_reference_matches_finite_differences():
    rng = np.random.default_rng(0)
    x, W, b = rng.normal(size=(4, 3)), rng.normal(size=(3, 2)), rng.normal(size=2)
    target = rng.normal(size=(4, 2))

    def loss():
        return 0.5 * np.sum((x @ W + b - target) ** 2)

    grads = checks.reference_dense_backward(x, W, b, x @ W + b - target)
    for array, grad in zip((x, W, b), grads):
        assert np.allclose(numeric_gradient(loss, array), grad, atol=1e-5)


def test_the_tape_and_finite_differences_agree_on_the_tanh_softmax_network():
    rng = np.random.default_rng(1)
    W1, b1, W2, b2 = (
        rng.normal(size=(3, 4)),
        rng.normal(size=4),
        rng.normal(size=(4, 3)),
        rng.normal(size=3),
    )
    X, Y = rng.normal(size=(6, 3)), np.eye(3)[[0, 2, 1, 1, 0, 2]]

    def loss():
        h = np.tanh(X @ W1 + b1)
        scores = h @ W2 + b2
        log_p = scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))
        return -np.mean(np.sum(Y * log_p, axis=1))

    tape = checks.tape_gradients(W1, b1, W2, b2, X, Y)
    for array, grad in zip((W1, b1, W2, b2), tape):
        assert np.allclose(numeric_gradient(loss, array), grad, atol=1e-7)
    assert all(
        np.allclose(ours, theirs)
        for ours, theirs in zip(tanh_softmax_gradients(W1, b1, W2, b2, X, Y), tape)
    )


#: Listed wrong answers that get a general message (the hint, a shape, a whole number).
GENERAL = {"forgets grad_b", "a float", "Glorot's with fan_out = 1"}


@pytest.mark.parametrize(
    "name, check",
    [
        ("dense_backward", checks.check_dense_backward),
        ("backward_multiply_adds", checks.check_backward_multiply_adds),
        ("he_limit", checks.check_he_limit),
        ("tanh_softmax_gradients", checks.check_tanh_softmax_gradients),
    ],
)
def test_every_listed_wrong_answer_is_named_by_a_mistake(name, check):
    """Beyond being rejected (tests/test_exercises_wrong_answers.py), each wrong answer gets a
    diagnosis of its own, not only the exercise's general hint."""
    general = checks.CATALOGUE[name].hint
    for label, wrong in WRONG_ANSWERS[NB, name]:
        with np.errstate(all="ignore"):
            result = check(wrong, quiet=True)
        assert not result.passed, label
        if label not in GENERAL:
            assert general not in result.message, f"{name} / {label}: {result.message}"


@pytest.mark.parametrize(
    "wrong, part",
    [
        (lambda x, W, b, g: (g @ W.T, x.T @ g, g), "grad_b"),
        (lambda x, W, b, g: (g @ W, x.T @ g, g.sum(axis=0)), "grad_x"),
        (lambda x, W, b, g: (g @ W.T, (x.T @ g).T, g.sum(axis=0)), "grad_W"),
        (lambda x, W, b, g: (g @ W.T, x.T @ g), "as a tuple"),
    ],
)
def test_dense_backward_names_the_wrong_part(wrong, part):
    result = checks.check_dense_backward(wrong, quiet=True)
    assert not result.passed and part in result.message


def test_tanh_softmax_names_the_first_wrong_gradient():
    def wrong_output_bias(*args):
        grads = list(tanh_softmax_gradients(*args))
        grads[3] = grads[3] * 2
        return tuple(grads)

    result = checks.check_tanh_softmax_gradients(wrong_output_bias, quiet=True)
    assert not result.passed and "the grad_b2 you return is wrong" in result.message


def test_backward_cost_needs_a_whole_number_and_keeps_the_answer():
    result = checks.check_backward_multiply_adds(3.5, quiet=True)
    assert not result.passed and "whole number" in result.message
    assert str(32 * (784 * 128 + 2 * 128 * 10)) not in result.message


def test_stubs_are_not_implemented_yet():
    def stub(*args):
        """A student-version stub."""
        raise NotImplementedError

    for check in (
        checks.check_dense_backward,
        checks.check_he_limit,
        checks.check_tanh_softmax_gradients,
    ):
        assert check(stub, quiet=True).not_implemented
    assert checks.check_backward_multiply_adds(..., quiet=True).not_implemented


def test_code_that_crashes_is_reported():
    result = checks.check_dense_backward(lambda x, W, b, g: (x @ g, W, b), quiet=True)
    assert not result.passed and "raised ValueError" in result.message
