"""Notebook 02's helpers: the function/derivative plot and the exercise self-checks."""

import numpy as np
import pytest

from course_utils.exercises import activations as checks
from course_utils.plotting import plot_with_derivatives


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


# --- plot_with_derivatives ------------------------------------------------------------------


def test_one_panel_per_function_with_derivative_dashed():
    axes = plot_with_derivatives(
        {
            "sigmoid": (sigmoid, lambda x: sigmoid(x) * (1 - sigmoid(x))),
            "relu": (lambda x: np.maximum(0, x), None),
            "tanh": (np.tanh, lambda x: 1 - np.tanh(x) ** 2),
        },
        ncols=2,
    )
    assert [ax.get_title() for ax in axes] == ["sigmoid", "relu", "tanh"]
    assert axes[0].lines[1].get_linestyle() == "--"
    assert len(axes[1].lines) == 3  # the function and the two axis lines, no derivative
    assert not axes[0].figure.axes[3].axison  # the spare fourth slot is blank


def test_variable_name_and_a_jumping_derivative_is_broken_not_joined():
    axes = plot_with_derivatives(
        {"ReLU": (lambda a: np.maximum(0, a), lambda a: (a > 0).astype(float))}, variable="a"
    )
    assert axes[0].get_xlabel() == "a"
    assert [t.get_text() for t in axes[0].get_legend().get_texts()] == ["f(a)", "f′(a)"]
    slope = axes[0].lines[1].get_ydata()
    assert np.isnan(slope).sum() == 1  # one gap at the jump, no vertical stroke
    assert np.nanmin(slope) == 0 and np.nanmax(slope) == 1


@pytest.mark.parametrize(
    "functions, kwargs, error, match",
    [
        ({}, {}, TypeError, "functions must be a non-empty dict"),
        ([("relu", (np.abs, None))], {}, TypeError, "functions must be a non-empty dict"),
        ({"relu": np.abs}, {}, TypeError, r"functions\['relu'\] must be a pair"),
        ({"relu": (np.abs, "slope")}, {}, TypeError, r"functions\['relu'\] must be a pair"),
        ({"relu": (np.abs, None)}, {"x_range": (2, -2)}, ValueError, "x_range must be"),
        ({"relu": (np.abs, None)}, {"ncols": 0}, ValueError, "ncols must be a positive int"),
        ({"relu": (np.abs, None)}, {"variable": ""}, TypeError, "variable must be a non-empty"),
    ],
)
def test_plot_with_derivatives_bad_input(functions, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_with_derivatives(functions, **kwargs)


# --- self-checks ----------------------------------------------------------------------------


def test_right_answers_pass():
    assert checks.check_relu_derivative(lambda x: (np.asarray(x) > 0).astype(float), quiet=True)
    assert checks.check_relu_derivative(lambda x: np.heaviside(x, 0.0), quiet=True)

    def softmax(z):
        e = np.exp(z - z.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)

    assert checks.check_softmax(softmax, quiet=True)
    assert checks.check_vanishing_factor(0.25**10, quiet=True)
    assert checks.check_vanishing_factor(9.5367431640625e-07, quiet=True)


@pytest.mark.parametrize(
    "wrong",
    [
        lambda x: np.maximum(0, x),  # ReLU itself, not its slope
        lambda x: (np.asarray(x) >= 0).astype(float),  # slope 1 at x = 0
        lambda x: np.where(x > 0, 1.0, 0.1),  # Leaky ReLU's slope
        lambda x: 1.0 if x > 0 else 0.0,  # scalar logic, fails on arrays
        lambda x: (np.asarray(x) > 0).astype(float)[:1],  # wrong shape
    ],
)
def test_wrong_relu_derivatives_fail(wrong):
    result = checks.check_relu_derivative(wrong, quiet=True)
    assert not result.passed and "Hint" in result.message


@pytest.mark.parametrize(
    "wrong",
    [
        lambda z: np.exp(z) / np.exp(z).sum(axis=-1, keepdims=True),  # overflows at 1000
        lambda z: np.exp(z - z.max()) / np.exp(z - z.max()).sum(),  # whole batch as one
        lambda z: z / z.sum(axis=-1, keepdims=True),  # forgets np.exp
        lambda z: (
            np.exp(z - z.max(axis=0, keepdims=True))
            / np.exp(z - z.max(axis=0, keepdims=True)).sum(axis=0, keepdims=True)
        ),  # columns, not rows
    ],
)
def test_wrong_softmaxes_fail(wrong):
    assert not checks.check_softmax(wrong, quiet=True).passed


@pytest.mark.parametrize("wrong", [0.25 * 10, 0.5**10, 0.25, 1 / 4**9, "0.25**10"])
def test_wrong_vanishing_factors_fail(wrong):
    assert not checks.check_vanishing_factor(wrong, quiet=True).passed


def test_the_weight_enters_every_factor():
    assert checks.check_vanishing_factor(0.5**10, weight=2, quiet=True)
    assert checks.check_vanishing_factor((0.25 * 3) ** 5, weight=3, layers=5, quiet=True)
    for wrong in (0.25**10, 2 * 0.25**10, 2**10 * 0.25, 0.5 * 10):
        result = checks.check_vanishing_factor(wrong, weight=2, quiet=True)
        assert not result.passed and "Hint" in result.message
    with pytest.raises(ValueError, match="layers must be a positive int"):
        checks.check_vanishing_factor(1.0, layers=0)
    with pytest.raises(ValueError, match="weight must be a positive number"):
        checks.check_vanishing_factor(1.0, weight="2")


def test_stubs_are_not_implemented_yet():
    def stub(x):
        """Slope of ReLU."""
        raise NotImplementedError

    assert checks.check_relu_derivative(stub, quiet=True).not_implemented
    assert checks.check_softmax(stub, quiet=True).not_implemented
    assert checks.check_vanishing_factor(..., quiet=True).not_implemented


def test_a_value_instead_of_a_function_is_explained():
    result = checks.check_relu_derivative(None, quiet=True)
    assert not result.passed and "should be a function" in result.message
