"""Maps on one colour scale with a colour bar (``course_utils.plotting.heatmaps``)."""

import numpy as np
import pytest

from course_utils.plotting.heatmaps import plot_maps, plot_occlusion


def test_kernels_share_one_symmetric_scale_and_a_labelled_colour_bar():
    kernels = np.random.default_rng(0).normal(size=(5, 5, 1, 6))
    axes = plot_maps(kernels, symmetric=True, label="weight", names="filter", ncols=3)
    assert axes.shape == (2, 3) and axes[1, 2].get_title() == "filter 5"
    limits = {axes.flat[i].images[0].get_clim() for i in range(6)}
    limit = np.abs(kernels).max()
    assert limits == {(-limit, limit)}
    colour_bar = axes[0, 0].figure.axes[-1]
    assert colour_bar.get_ylabel() == "weight"


def test_feature_maps_of_a_batch_of_one_run_from_smallest_to_largest():
    maps = np.arange(2 * 3 * 4, dtype=float).reshape(1, 2, 3, 4)
    axes = plot_maps(maps, label="activation", ncols=8)
    assert axes.shape == (1, 4)
    assert axes[0, 0].images[0].get_clim() == (0.0, 23.0)
    assert axes[0, 0].images[0].get_array().shape == (2, 3)


def test_constant_maps_still_draw():
    axes = plot_maps(np.zeros((4, 4, 2)))
    low, high = axes[0, 0].images[0].get_clim()
    assert high > low


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"maps": np.zeros((4, 4))}, ValueError, "maps must have shape"),
        ({"maps": np.zeros((2, 4, 4, 3))}, ValueError, "maps must have shape"),
        ({"maps": []}, ValueError, "maps is empty"),
        ({"maps": np.zeros((4, 4, 2)), "ncols": 0}, ValueError, "ncols"),
        ({"maps": np.zeros((4, 4, 2)), "size": -1}, ValueError, "size"),
        ({"maps": np.zeros((4, 4, 2)), "label": 3}, TypeError, "label"),
    ],
)
def test_plot_maps_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_maps(**kwargs)


def test_occlusion_digits_above_maps_on_one_scale():
    images = np.zeros((2, 28, 28, 1), np.uint8)
    images[:, 8:20, 12:16] = 255
    heat = np.zeros((2, 28, 28))
    heat[0, 10, 10], heat[1, 5, 5] = 0.5, -0.2
    axes = plot_occlusion(images, heat, ["a 1", "another 1"], label="fall")
    assert axes.shape == (2, 2)
    assert [ax.get_title() for ax in axes[0]] == ["a 1", "another 1"]
    assert {ax.images[0].get_clim() for ax in axes[1]} == {(-0.5, 0.5)}
    assert axes[0, 0].figure.axes[-1].get_ylabel() == "fall"


@pytest.mark.parametrize(
    "images, heatmaps, titles, match",
    [
        (np.zeros((2, 28, 28)), np.zeros((2, 14, 14)), ["a", "b"], "same shape"),
        (np.zeros((28, 28)), np.zeros((28, 28)), ["a"], "same shape"),
        (np.zeros((2, 28, 28)), np.zeros((2, 28, 28)), ["a"], "titles"),
        (np.zeros((1, 28, 28)), np.zeros((1, 28, 28)), "a", "titles"),
        ([], np.zeros((1, 28, 28)), ["a"], "images is empty"),
    ],
)
def test_plot_occlusion_bad_input(images, heatmaps, titles, match):
    with pytest.raises(ValueError, match=match):
        plot_occlusion(images, heatmaps, titles)
