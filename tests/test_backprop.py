"""Notebook 04's exercise self-checks accept right answers and reject plausible wrong ones."""

import numpy as np
import pytest

from course_utils.exercises import backprop as checks


def dense_backward(x, W, b, grad_out):
    return grad_out @ W.T, x.T @ grad_out, grad_out.sum(axis=0)


def test_dense_backward_right_answer_passes():
    assert checks.check_dense_backward(dense_backward, quiet=True)


def test_reference_matches_finite_differences():
    rng = np.random.default_rng(0)
    x, W, b = rng.normal(size=(4, 3)), rng.normal(size=(3, 2)), rng.normal(size=2)
    target = rng.normal(size=(4, 2))

    def loss(x, W, b):
        return 0.5 * np.sum((x @ W + b - target) ** 2)

    grad_x, grad_W, grad_b = checks.reference_dense_backward(x, W, b, x @ W + b - target)
    eps = 1e-6
    for array, grad in ((x, grad_x), (W, grad_W), (b, grad_b)):
        for index in np.ndindex(array.shape):
            array[index] += eps
            up = loss(x, W, b)
            array[index] -= 2 * eps
            down = loss(x, W, b)
            array[index] += eps
            assert abs((up - down) / (2 * eps) - grad[index]) < 1e-5


@pytest.mark.parametrize(
    "wrong, part",
    [
        (lambda x, W, b, g: (g @ W.T, x.T @ g, g), "grad_b"),  # no sum
        (lambda x, W, b, g: (g @ W.T, x.T @ g, g.mean(axis=0)), "grad_b"),  # mean
        (lambda x, W, b, g: (g @ W, x.T @ g, g.sum(axis=0)), "grad_x"),  # W not transposed
        (lambda x, W, b, g: (g @ W.T, (x.T @ g).T, g.sum(axis=0)), "grad_W"),  # W transposed
        (lambda x, W, b, g: (g @ W.T, x.T @ g / len(x), g.sum(axis=0)), "grad_W"),  # divides by n
        (lambda x, W, b, g: (x.T @ g, g @ W.T, g.sum(axis=0)), "grad_x"),  # order swapped
        (lambda x, W, b, g: (g @ W.T, x.T @ g), "as a tuple"),  # forgets grad_b
    ],
)
def test_dense_backward_wrong_answers_fail_and_name_the_part(wrong, part):
    result = checks.check_dense_backward(wrong, quiet=True)
    assert not result.passed
    assert part in result.message and "Hint" in result.message


def test_count_parameters_right_answers_pass():
    def count(sizes):
        return sum(m * k + k for m, k in zip(sizes[:-1], sizes[1:]))

    assert checks.check_count_parameters(count, quiet=True)
    assert checks.check_count_parameters(
        lambda s: int(np.sum(np.array(s[:-1]) * np.array(s[1:]) + np.array(s[1:]))), quiet=True
    )


@pytest.mark.parametrize(
    "wrong",
    [
        lambda s: sum(m * k for m, k in zip(s[:-1], s[1:])),  # forgets biases
        lambda s: sum(m * k + m for m, k in zip(s[:-1], s[1:])),  # biases of the inputs
        lambda s: sum(m * k + k for m, k in zip(s[:-1], s[1:])) - s[-1],  # no output bias
        lambda s: int(np.prod(s)) + sum(s[1:]),  # multiplies everything
        lambda s: sum(m * k + 1 for m, k in zip(s[:-1], s[1:])),  # one bias per layer
    ],
)
def test_count_parameters_wrong_answers_fail(wrong):
    assert not checks.check_count_parameters(wrong, quiet=True).passed


def test_glorot_right_answer_passes():
    assert checks.check_glorot_limit(lambda i, o: np.sqrt(6 / (i + o)), quiet=True)


@pytest.mark.parametrize(
    "wrong",
    [
        lambda i, o: np.sqrt(2 / (i + o)),  # the standard deviation of Glorot normal
        lambda i, o: np.sqrt(6 / i),  # He uniform
        lambda i, o: 6 / (i + o),  # forgets the square root
        lambda i, o: np.sqrt(6) / (i + o),  # root of the numerator only
        lambda i, o: 1 / np.sqrt(i),  # LeCun-style scale
    ],
)
def test_glorot_wrong_answers_fail(wrong):
    assert not checks.check_glorot_limit(wrong, quiet=True).passed


def test_stubs_are_not_implemented_yet():
    def stub(*args):
        """A student-version stub."""
        raise NotImplementedError

    for check in (
        checks.check_dense_backward,
        checks.check_count_parameters,
        checks.check_glorot_limit,
    ):
        assert check(stub, quiet=True).not_implemented


def test_code_that_crashes_is_reported():
    result = checks.check_dense_backward(lambda x, W, b, g: (x @ g, W, b), quiet=True)
    assert not result.passed and "raised ValueError" in result.message
