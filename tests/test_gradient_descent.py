"""Notebook 03's helpers: loss-surface pictures and the exercise self-checks."""

import math

import numpy as np
import pytest

from course_utils.checking import Case, check_outputs
from course_utils.exercises import gradient_descent as checks
from course_utils.plotting import plot_loss_surface, plot_path_1d


def bowl(a, b):
    return a**2 + 4 * b**2


# --- plot_loss_surface / plot_path_1d -------------------------------------------------------


def test_surface_draws_every_path_with_start_and_end_markers():
    paths = {
        "GD": np.array([[-2.0, 1.0], [-1.0, 0.2], [-0.4, 0.0]]),
        "Adam": [[-2.0, 1.0], [-1.9, 0.9]],
    }
    ax = plot_loss_surface(bowl, (-3, 3), (-2, 2), paths=paths, minimum=(0, 0), log_levels=True)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["GD", "Adam", "minimum"]
    assert len(ax.lines) == 3 * 2 + 1  # path, start, end per path, then the star
    assert ax.get_xlim() == (-3.0, 3.0)


def test_path_1d_draws_one_arrow_per_step():
    ax = plot_path_1d(lambda w: (w - 3) ** 2, [0.0, 1.2, 2.1, 2.6], title="steps")
    assert len(ax.texts) == 3 and ax.get_title() == "steps"


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"loss": "bowl"}, TypeError, "loss must be a function"),
        ({"xlim": (3, -3)}, ValueError, "xlim must be \\(low, high\\) with low < high"),
        ({"ylim": "wide"}, ValueError, "ylim must be a pair"),
        ({"paths": [[0, 0]]}, TypeError, "paths must be a dict"),
        (
            {"paths": {"GD": np.zeros((4, 3))}},
            ValueError,
            r"paths\['GD'\] must have shape \(steps, 2\)",
        ),
        ({"paths": {"GD": []}}, ValueError, r"paths\['GD'\] is empty"),
        ({"loss": lambda a, b: 1.0}, ValueError, "one value per grid point"),
    ],
)
def test_surface_bad_input(kwargs, error, match):
    args = {"loss": bowl, "xlim": (-3, 3), "ylim": (-2, 2)} | kwargs
    with pytest.raises(error, match=match):
        plot_loss_surface(args.pop("loss"), args.pop("xlim"), args.pop("ylim"), **args)


@pytest.mark.parametrize(
    "loss, path, kwargs, error, match",
    [
        (None, [0.0, 1.0], {}, TypeError, "loss must be a function"),
        (np.square, np.zeros((3, 2)), {}, ValueError, r"path must have shape \(steps,\)"),
        (np.square, [], {}, ValueError, "path is empty"),
        (np.square, [0.0, 1.0], {"x_range": (1, 1)}, ValueError, "x_range must be"),
    ],
)
def test_path_1d_bad_input(loss, path, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_path_1d(loss, path, **kwargs)


# --- iterations per epoch -------------------------------------------------------------------


def test_iterations_right_answers_pass():
    assert checks.check_iterations_per_epoch(lambda n, b: math.ceil(n / b), quiet=True)
    assert checks.check_iterations_per_epoch(lambda n, b: -(-n // b), quiet=True)
    assert checks.check_iterations_per_epoch(lambda n, b: (n + b - 1) // b, quiet=True)


@pytest.mark.parametrize(
    "wrong",
    [
        lambda n, b: n // b,  # drops the last, smaller batch
        lambda n, b: n // b + 1,  # one too many when it divides exactly
        lambda n, b: round(n / b),  # rounds 62.5 down (and 15.6 up)
        lambda n, b: n / b,  # a fraction of a batch
        lambda n, b: math.ceil(b / n),  # arguments swapped
    ],
)
def test_iterations_wrong_answers_fail(wrong):
    result = checks.check_iterations_per_epoch(wrong, quiet=True)
    assert not result.passed and "Hint" in result.message


# --- Huber ----------------------------------------------------------------------------------


def huber(y_true, y_pred, delta=1.0):
    r = np.abs(y_true - y_pred)
    return np.mean(np.where(r <= delta, 0.5 * r**2, delta * (r - 0.5 * delta)))


def test_huber_right_answer_passes():
    assert checks.check_huber(huber, quiet=True)


@pytest.mark.parametrize(
    "wrong",
    [
        lambda t, p, delta=1.0: np.mean((t - p) ** 2),  # MSE
        lambda t, p, delta=1.0: np.mean(
            np.where(np.abs(t - p) <= delta, (t - p) ** 2, delta * (np.abs(t - p) - 0.5 * delta))
        ),  # no ½
        lambda t, p, delta=1.0: np.mean(
            np.where(np.abs(t - p) <= delta, 0.5 * (t - p) ** 2, delta * np.abs(t - p))
        ),  # no shift
        lambda t, p, delta=1.0: np.sum(
            np.where(
                np.abs(t - p) <= delta, 0.5 * (t - p) ** 2, delta * (np.abs(t - p) - 0.5 * delta)
            )
        ),  # sum
        lambda t, p, delta=1.0: huber(t, p, 1.0),  # ignores delta
        lambda t, p, delta=1.0: np.mean(
            np.where(t - p <= delta, 0.5 * (t - p) ** 2, delta * (np.abs(t - p) - 0.5 * delta))
        ),  # forgets abs
    ],
)
def test_huber_wrong_answers_fail(wrong):
    assert not checks.check_huber(wrong, quiet=True).passed


# --- Adam -----------------------------------------------------------------------------------


def adam_step(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-7):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    return w - lr * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + eps), m, v


def keras_style_adam_step(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-7):
    m = m + (grad - m) * (1 - beta1)
    v = v + (grad**2 - v) * (1 - beta2)
    alpha = lr * np.sqrt(1 - beta2**t) / (1 - beta1**t)
    return w - alpha * m / (np.sqrt(v) + eps), m, v


def test_adam_right_answers_pass():
    assert checks.check_adam_step(adam_step, quiet=True)
    assert checks.check_adam_step(keras_style_adam_step, quiet=True)


def no_bias_correction(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-7):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    return w - lr * m / (np.sqrt(v) + eps), m, v


def returns_hats(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-7):
    m = (beta1 * m + (1 - beta1) * grad) / (1 - beta1**t)
    v = (beta2 * v + (1 - beta2) * grad**2) / (1 - beta2**t)
    return w - lr * m / (np.sqrt(v) + eps), m, v


def v_without_square(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-7):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * np.abs(grad)
    return w - lr * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + eps), m, v


def steps_uphill(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-7):
    new_w, m, v = adam_step(w, grad, m, v, t, lr, beta1, beta2, eps)
    return 2 * w - new_w, m, v


def off_by_one_step(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-7):
    return adam_step(w, grad, m, v, t + 1, lr, beta1, beta2, eps)


def swapped_betas(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-7):
    return adam_step(w, grad, m, v, t, lr, beta2, beta1, eps)


def only_new_w(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-7):
    return adam_step(w, grad, m, v, t, lr, beta1, beta2, eps)[0]


@pytest.mark.parametrize(
    "wrong",
    [
        no_bias_correction,
        returns_hats,
        v_without_square,
        steps_uphill,
        off_by_one_step,
        swapped_betas,
        only_new_w,
    ],
)
def test_adam_wrong_answers_fail(wrong):
    result = checks.check_adam_step(wrong, quiet=True)
    assert not result.passed and "Hint" in result.message


def test_adam_message_names_the_wrong_output():
    message = checks.check_adam_step(returns_hats, quiet=True).message
    assert "the new m you return is wrong" in message
    assert "as a tuple" in checks.check_adam_step(only_new_w, quiet=True).message


def test_stubs_are_not_implemented_yet():
    def stub(*args, **kwargs):
        """A student-version stub."""
        raise NotImplementedError

    for check in (checks.check_iterations_per_epoch, checks.check_huber, checks.check_adam_step):
        assert check(stub, quiet=True).not_implemented


def test_check_outputs_reports_shapes_and_needs_cases():
    result = check_outputs(
        lambda a: (a, a[:1]),
        [Case((np.ones(2),), (np.ones(2), np.ones(2)))],
        outputs=("x", "y"),
        name="f",
        quiet=True,
    )
    assert "the y you return has shape (1,), expected shape (2,)" in result.message
    with pytest.raises(ValueError, match="cases must hold at least one Case"):
        check_outputs(abs, [], outputs=("x",), name="f")
    assert (
        "should be a function"
        in check_outputs(3, [Case((1,), (1,))], outputs=("x",), name="f", quiet=True).message
    )


def test_paths_of_strings_are_rejected_by_name():
    with pytest.raises(TypeError, match="path must hold numbers"):
        plot_path_1d(np.square, ["a", "b"])
    with pytest.raises(TypeError, match=r"paths\['GD'\] must hold numbers"):
        plot_loss_surface(bowl, (-1, 1), (-1, 1), paths={"GD": [["a", "b"]]})
