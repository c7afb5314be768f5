"""The CNN pictures (matrices, filters, feature maps, prediction grids) and their input checks."""

import numpy as np
import pytest

from course_utils.plotting import plot_filters, plot_predictions, show_matrix
from course_utils.plotting.cnn import RIGHT_COLOR, WRONG_COLOR, plot_window


def test_show_matrix_writes_every_number():
    ax = show_matrix(np.array([[0, 30, 30, 0]] * 4), title="edges", fmt="g")
    assert [t.get_text() for t in ax.texts] == ["0", "30", "30", "0"] * 4
    assert ax.get_title() == "edges"


def test_show_matrix_constant_array_still_draws():
    ax = show_matrix(np.full((2, 2), 5.0), fmt=".1f")
    assert {t.get_text() for t in ax.texts} == {"5.0"}


@pytest.mark.parametrize(
    "values, error, match",
    [
        (np.zeros(4), ValueError, "values must be a 2-D array"),
        (np.zeros((0, 3)), ValueError, "values is empty"),
        (np.array([["a", "b"]]), TypeError, "values must hold real numbers"),
    ],
)
def test_show_matrix_bad_input(values, error, match):
    with pytest.raises(error, match=match):
        show_matrix(values)


def test_filters_keras_layout_and_stack():
    kernels = np.random.default_rng(0).normal(size=(5, 5, 1, 6))
    axes = plot_filters(kernels, ncols=3, title="first layer")
    assert axes.shape == (2, 3)
    assert axes[1, 2].get_title() == "filter 5"
    image = axes[0, 0].images[0]
    assert image.get_array().shape == (5, 5)
    low, high = image.get_clim()
    assert low == -high  # colours symmetric around zero
    assert plot_filters(np.ones((4, 3, 3)), ncols=8).shape == (1, 4)


def test_filters_pick_an_input_channel():
    kernels = np.zeros((3, 3, 2, 1))
    kernels[:, :, 1, 0] = 1.0
    axes = plot_filters(kernels, channel=1)
    assert np.all(axes[0, 0].images[0].get_array() == 1.0)


@pytest.mark.parametrize(
    "kernels, kwargs, match",
    [
        (np.zeros((5, 5)), {}, "kernels must have shape"),
        (np.zeros((0, 5, 5)), {}, "kernels is empty"),
        (np.zeros((3, 3, 2, 4)), {"channel": 2}, "channel must be an int in 0..1"),
        (np.zeros((3, 3, 1, 4)), {"ncols": 0}, "ncols must be a positive int"),
        (np.zeros((3, 3, 1, 4)), {"size": -1}, "size must be a positive number"),
    ],
)
def test_filters_bad_input(kernels, kwargs, match):
    with pytest.raises(ValueError, match=match):
        plot_filters(kernels, **kwargs)


def test_predictions_colour_right_and_wrong():
    axes = plot_predictions(np.zeros((4, 28, 28, 1)), [3, 1, 4, 1], [3, 1, 4, 7], ncols=4)
    titles = [ax.get_title() for ax in axes.flat]
    assert titles == ["pred 3", "pred 1", "pred 4", "pred 1\ntrue 7"]
    assert axes[0, 0].title.get_color() == RIGHT_COLOR
    assert axes[0, 3].title.get_color() == WRONG_COLOR


def test_predictions_without_true_labels():
    axes = plot_predictions(np.zeros((2, 8, 8)), np.array([0, 9]))
    assert [ax.get_title() for ax in axes.flat] == ["pred 0", "pred 9"]


@pytest.mark.parametrize(
    "images, y_pred, y_true, match",
    [
        (np.zeros((2, 28, 28)), np.zeros((2, 10)), None, "argmax"),
        (np.zeros((2, 28, 28)), [1], None, "y_pred must hold one label per image"),
        (np.zeros((2, 28, 28)), [1, 2], [1], "y_true must hold one label per image"),
        (np.zeros((28, 28)), [1], None, "images must have shape"),
        (np.zeros((0, 28, 28)), [], None, "images is empty"),
    ],
)
def test_predictions_bad_input(images, y_pred, y_true, match):
    with pytest.raises(ValueError, match=match):
        plot_predictions(images, y_pred, y_true)


# ---- one window giving one cell of the feature map ------------------------------------------
EDGE_IMAGE = np.array([[10, 10, 10, 0, 0, 0]] * 6)
EDGE_KERNEL = np.array([[1, 0, -1]] * 3)
EDGE_MAP = np.array([[0, 30, 30, 0]] * 4)


def test_plot_window_outlines_the_window_and_its_cell():
    axes = plot_window(EDGE_IMAGE, EDGE_KERNEL, EDGE_MAP, 2, 1)
    assert len(axes) == 4
    window = axes[0].patches[0]
    assert (window.get_x(), window.get_y()) == (0.5, 1.5)  # column 1, row 2, square centres
    assert (window.get_width(), window.get_height()) == (3, 3)
    cell = axes[3].patches[0]
    assert (cell.get_x(), cell.get_y(), cell.get_width()) == (0.5, 1.5, 1)
    assert window.get_edgecolor() == cell.get_edgecolor()
    products = [t.get_text() for t in axes[2].texts]
    assert products == ["10", "0", "0"] * 3  # 10·1, 10·0, 0·(−1): no "-0"
    assert axes[2].get_title().endswith("sum = 30")
    assert axes[3].get_title() == "feature map: cell (2, 1)"


def test_plot_window_draws_into_given_axes():
    import matplotlib.pyplot as plt

    fig, grid = plt.subplots(2, 4)
    returned = plot_window(EDGE_IMAGE, EDGE_KERNEL, EDGE_MAP, 0, 0, axes=grid[1])
    assert list(returned) == list(grid[1])
    assert not grid[0, 0].texts and grid[1, 0].texts
    plt.close(fig)


@pytest.mark.parametrize(
    "args, kwargs, match",
    [
        ((np.zeros(6), EDGE_KERNEL, EDGE_MAP, 0, 0), {}, "image must be a 2-D array"),
        ((EDGE_IMAGE, np.ones((7, 7)), EDGE_MAP, 0, 0), {}, "kernel must be a 2-D array"),
        ((EDGE_IMAGE, EDGE_KERNEL, np.zeros((6, 6)), 0, 0), {}, r"feature_map .*\(4, 4\)"),
        ((EDGE_IMAGE, EDGE_KERNEL, EDGE_MAP, 4, 0), {}, r"row must be an int in 0\.\.3"),
        ((EDGE_IMAGE, EDGE_KERNEL, EDGE_MAP, 0, 1.5), {}, "col must be an int"),
        ((EDGE_IMAGE, EDGE_KERNEL, EDGE_MAP, 0, 0), {"axes": [1, 2]}, "axes must be four"),
        (([], EDGE_KERNEL, EDGE_MAP, 0, 0), {}, "image is empty"),
    ],
)
def test_plot_window_bad_input(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        plot_window(*args, **kwargs)


def test_plot_window_rejects_text():
    with pytest.raises(TypeError, match="kernel must hold numbers"):
        plot_window(EDGE_IMAGE, [["a"]], EDGE_MAP, 0, 0)
