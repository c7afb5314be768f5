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


def swish_prime(a):
    s = sigmoid(a)
    return s + a * s * (1 - s)


def softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


def log_softmax_jacobian(z):
    s = softmax(z)
    return np.eye(len(s)) - np.tile(s, (len(s), 1))


def test_right_answers_pass():
    assert checks.check_swish_prime(swish_prime, quiet=True)
    assert checks.check_log_softmax_jacobian(log_softmax_jacobian, quiet=True)
    assert checks.check_chain_gradient(-0.6, quiet=True)
    assert checks.check_chain_gradient(np.float64(2 * -1 * 3 * 0.1), quiet=True)
    assert checks.check_vanishing_factor(0.25**10, quiet=True)
    assert checks.check_vanishing_factor(9.5367431640625e-07, quiet=True)


def test_equivalent_forms_pass():
    """The unsimplified chain rule (each row of the softmax Jacobian divided by its own
    probability) is as right as the simplified matrix; so is Keras' own silu, differentiated."""

    def unsimplified(z):
        s = softmax(z)
        return (np.diag(s) - np.outer(s, s)) / s[:, None]

    assert checks.check_log_softmax_jacobian(unsimplified, quiet=True)
    assert checks.check_swish_prime(lambda a: swish_prime(np.asarray(a)).tolist(), quiet=True)


def test_the_chain_of_exercise_3_is_the_one_the_notebook_states():
    """h1 = f(2x), h2 = f(-h1 + 3), h3 = f(3 h2 - 4) with Leaky ReLU of slope 0.1, at x = 1."""
    assert checks.CHAIN == ((2.0, 0.0), (-1.0, 3.0), (3.0, -4.0))
    step = 1e-6
    above = checks._chain_output(1 + step, checks.CHAIN)
    below = checks._chain_output(1 - step, checks.CHAIN)
    assert checks.check_chain_gradient((above - below) / (2 * step), quiet=True)


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda a: a * sigmoid(a), "Swish itself"),
        (sigmoid, "only one of the product rule's two terms"),
        (lambda a: a * sigmoid(a) * (1 - sigmoid(a)), "only one of the product rule's two terms"),
        (lambda a: sigmoid(a) - a * sigmoid(a) * (1 - sigmoid(a)), "a sign"),
        (lambda a: sigmoid(a) * (1 - sigmoid(a)), "slope of the sigmoid alone"),
        (lambda a: swish_prime(a)[:1], "shape"),
    ],
)
def test_wrong_swish_slopes_are_named(wrong, says):
    result = checks.check_swish_prime(wrong, quiet=True)
    assert not result.passed and says in result.message, result.message


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda z: np.diag(softmax(z)) - np.outer(softmax(z), softmax(z)), "softmax itself"),
        (lambda z: np.eye(len(z)) - softmax(z)[:, None], "rows and columns are swapped"),
        (lambda z: -log_softmax_jacobian(z), "wrong sign"),
        (lambda z: log_softmax_jacobian(z) - np.eye(len(z)), "off by one"),
        (lambda z: np.eye(len(z)) - np.tile(z, (len(z), 1)), "go through softmax first"),
        (
            lambda z: np.eye(len(z)) - np.tile(np.exp(z) / np.exp(z).sum(), (len(z), 1)),
            "overflows",
        ),
        (lambda z: 1 - softmax(z), "shape"),
    ],
)
def test_wrong_log_softmax_jacobians_are_named(wrong, says):
    with np.errstate(all="ignore"):
        result = checks.check_log_softmax_jacobian(wrong, quiet=True)
    assert not result.passed and says in result.message, result.message


@pytest.mark.parametrize(
    "wrong, says",
    [
        (0.6, "sign"),
        (-6.0, "as if every slope were 1"),
        (-6, "as if every slope were 1"),
        (0.0, "ReLU"),
        (-0.1, "output"),
        (-0.06, "second layer's bias"),
        (-0.006, "not every pre-activation is negative"),
        ("-0.6", "not text"),
        ([-0.6], "not text"),
        (True, "not text"),
        (-0.5, "Hint"),
    ],
)
def test_wrong_chain_gradients_are_named(wrong, says):
    result = checks.check_chain_gradient(wrong, quiet=True)
    assert not result.passed and says in result.message, result.message


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
        """The task."""
        raise NotImplementedError

    assert checks.check_swish_prime(stub, quiet=True).not_implemented
    assert checks.check_log_softmax_jacobian(stub, quiet=True).not_implemented
    assert checks.check_chain_gradient(..., quiet=True).not_implemented
    assert checks.check_vanishing_factor(..., quiet=True).not_implemented


def test_a_value_instead_of_a_function_is_explained():
    result = checks.check_swish_prime(None, quiet=True)
    assert not result.passed and "should be a function" in result.message
    result = checks.check_log_softmax_jacobian(np.eye(3), quiet=True)
    assert not result.passed and "should be a function" in result.message
