"""Notebook 03's helpers: loss-surface pictures and the exercise self-checks."""

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
    assert ax.get_legend() is None


def test_path_1d_draws_several_paths_in_their_colours_with_a_legend():
    ax = plot_path_1d(np.square, [2.0, 1.0, 0.5], path_label="gradient descent")
    plot_path_1d(np.square, [-2.0, -0.5], ax=ax, color="#1f77b4", path_label="Adam")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["gradient descent", "Adam"]
    arrow_colours = {a.arrow_patch.get_edgecolor() for a in ax.texts}
    assert len(arrow_colours) == 2


def test_path_1d_can_join_the_points_with_a_line_instead_of_arrows():
    ax = plot_path_1d(np.square, [2.0, 1.0, 0.5, 0.2], arrows=False)
    assert not ax.texts
    assert [len(line.get_xdata()) for line in ax.lines] == [400, 4, 4, 1, 1]  # start, end


def test_surface_legend_can_go_outside_the_plot():
    ax = plot_loss_surface(
        bowl, (-3, 3), (-2, 2), paths={"GD": [[1, 1], [0, 0]]}, legend_outside=True
    )
    legend = ax.get_legend()
    assert legend.get_texts()[0].get_fontsize() >= 10
    assert legend.get_bbox_to_anchor().x0 > ax.get_window_extent().x1


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


# --- log-cosh -------------------------------------------------------------------------------


def log_cosh(y_true, y_pred):
    size = np.abs(y_pred - y_true)
    return np.mean(size + np.log1p(np.exp(-2 * size)) - np.log(2))


def log_cosh_by_logaddexp(y_true, y_pred):
    r = y_pred - y_true
    return np.mean(np.logaddexp(r, -r) - np.log(2))


def test_log_cosh_right_answers_pass():
    assert checks.check_log_cosh(log_cosh, quiet=True)
    assert checks.check_log_cosh(log_cosh_by_logaddexp, quiet=True)


def test_log_cosh_reference_matches_keras():
    import keras

    y_true = np.array([[100.0, 200.0, 0.0], [5.0, 1.0, 0.0]])
    y_pred = np.array([[1100.0, 200.5, 3.0], [-995.0, 1.0, -0.25]])
    expected = float(keras.losses.LogCosh(dtype="float64")(y_true, y_pred))
    assert checks.reference_log_cosh(y_true, y_pred) == pytest.approx(expected, rel=1e-9)


def test_log_cosh_names_the_overflow():
    def typed_as_printed(y_true, y_pred):
        return np.mean(np.log(np.cosh(y_pred - y_true)))

    result = checks.check_log_cosh(typed_as_printed, quiet=True)
    assert not result.passed
    assert "outlier" in result.message and "too large for a float" in result.message


# --- the largest stable learning rate -------------------------------------------------------


def test_the_edge_is_where_gradient_descent_starts_to_diverge():
    start = float(np.hypot(*checks.RAVINE_START))
    assert checks.distance_after(0.99 * 0.2) < start < checks.distance_after(1.01 * 0.2)
    assert checks.distance_after(0.0) == pytest.approx(start)


def test_max_stable_learning_rate_passes_and_shows_both_runs():
    result = checks.check_max_stable_learning_rate(0.2, quiet=True)
    assert result.passed and "shrinks" in result.message and "grows" in result.message
    assert checks.check_max_stable_learning_rate(2 / 10, quiet=True)
    assert checks.check_max_stable_learning_rate(np.float32(0.2), quiet=True)


@pytest.mark.parametrize(
    "wrong, words",
    [
        (20.0, "flat direction"),
        (0.1, "Overshooting is not yet diverging"),
        (0.4, "differentiate"),
        (1.0, "section 3"),
        (0.5, "lesson's ravine"),
        (0.199, "close, but not the edge"),
        (0.05, "curvature of the steeper direction"),
        (3.0, "curvature of the steeper direction"),
        (-1.0, "positive"),
        (0, "positive"),
        (True, "one number"),
        ([0.2], "one number"),
    ],
)
def test_max_stable_learning_rate_names_the_mistake(wrong, words):
    result = checks.check_max_stable_learning_rate(wrong, quiet=True)
    assert not result.passed and words in result.message, result.message


def test_the_run_report_says_what_happens_on_each_side_of_a_recognised_mistake():
    message = checks.check_max_stable_learning_rate(0.5, quiet=True).message
    assert "2 % below your value the distance grows to" in message
    assert (
        "runs away beyond any float"
        in checks.check_max_stable_learning_rate(20.0, quiet=True).message
    )
    with pytest.raises(TypeError, match="learning_rate must be a number"):
        checks.distance_after("fast")


@pytest.mark.parametrize("wrong", [0.05, 0.15, 0.199, 0.25, 3.0, 500.0])
def test_other_wrong_rates_reveal_neither_the_runs_nor_the_direction(wrong):
    """Otherwise bisecting on the check would replace the prediction."""
    message = checks.check_max_stable_learning_rate(wrong, quiet=True).message
    assert "not the edge" in message
    for revealing in ("higher", "lower", "shrinks", "grows", "runs away", "2 % below"):
        assert revealing not in message, (wrong, message)


# --- Adagrad --------------------------------------------------------------------------------


def adagrad_step(w, grad, accumulator, lr=1e-3, eps=1e-7):
    accumulator = accumulator + grad**2
    return w - lr * grad / np.sqrt(accumulator + eps), accumulator


def test_adagrad_right_answer_passes():
    assert checks.check_adagrad_step(adagrad_step, quiet=True)


def test_adagrad_reference_matches_keras_step_for_step():
    import keras
    import tensorflow as tf

    rng = np.random.default_rng(0)
    optimizer = keras.optimizers.Adagrad(learning_rate=0.1, epsilon=1e-7)
    variable = keras.Variable(np.array([0.5, -1.5, 2.0]), dtype="float64")
    w, total = np.array([0.5, -1.5, 2.0]), np.full(3, 0.1)  # Keras starts the total at 0.1
    for _ in range(10):
        gradient = rng.normal(size=3) * np.array([0.01, 1.0, 10.0])
        optimizer.apply_gradients([(tf.constant(gradient), variable)])
        w, total = checks.reference_adagrad_step(w, gradient, total, lr=0.1)
        np.testing.assert_allclose(w, variable.numpy(), rtol=1e-6, atol=1e-9)


def adagrad_variant(w, grad, accumulator, lr=1e-3, eps=1e-7, *, how=""):
    grown = 0.9 * accumulator + 0.1 * grad**2 if how == "average" else accumulator + grad**2
    total = accumulator if how == "old total" else grown
    if how == "no root":
        scale = total + eps
    elif how == "eps outside":
        scale = np.sqrt(total) + eps
    else:
        scale = np.sqrt(total + eps)
    step = lr * grad / scale
    return (w + step if how == "uphill" else w - step), grown


@pytest.mark.parametrize(
    "how, words",
    [
        ("average", "never forgets"),
        ("old total", "before dividing"),
        ("no root", "square root of the total"),
        ("eps outside", "inside the square root"),
        ("uphill", "downhill"),
    ],
)
def test_adagrad_wrong_answers_are_named(how, words):
    def wrong(*args, **kwargs):
        return adagrad_variant(*args, **kwargs, how=how)

    result = checks.check_adagrad_step(wrong, quiet=True)
    assert not result.passed and words in result.message, result.message


def test_adagrad_message_names_the_wrong_output():
    def returns_old_total(w, grad, accumulator, lr=1e-3, eps=1e-7):
        return adagrad_step(w, grad, accumulator, lr, eps)[0], accumulator

    message = checks.check_adagrad_step(returns_old_total, quiet=True).message
    assert "the new accumulator you return is wrong" in message
    only_w = checks.check_adagrad_step(lambda *a, **k: adagrad_step(*a, **k)[0], quiet=True)
    assert "as a tuple" in only_w.message


def test_stubs_are_not_implemented_yet():
    def stub(*args, **kwargs):
        """A student-version stub."""
        raise NotImplementedError

    for check in (checks.check_log_cosh, checks.check_adagrad_step):
        assert check(stub, quiet=True).not_implemented
    assert checks.check_max_stable_learning_rate(..., quiet=True).not_implemented


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


def test_adagrad_that_changes_its_inputs_in_place_fails_with_its_own_message():
    def in_place(w, grad, accumulator, lr=1e-3, eps=1e-7):
        accumulator += grad**2
        w -= lr * grad / np.sqrt(accumulator + eps)
        return w, accumulator

    result = checks.check_adagrad_step(in_place, quiet=True)
    assert not result.passed
    assert "in place (w, accumulator)" in result.message
    assert "leave the arrays you were given" in result.message
