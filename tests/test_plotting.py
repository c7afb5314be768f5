import matplotlib
import numpy as np
import pytest

from course_utils.plotting import plot_decision_boundary, show_images


def test_image_grid_layout_and_labels():
    axes = show_images(np.random.rand(10, 28, 28, 1), labels=list(range(10)), ncols=4)
    assert axes.shape == (3, 4)
    assert axes[0, 1].get_title() == "1"
    assert not axes[2, 3].images  # empty slots stay blank


def test_image_grid_rgb():
    axes = show_images(np.random.rand(2, 5, 5, 3), ncols=2)
    assert axes[0, 0].images[0].get_array().shape == (5, 5, 3)


@pytest.mark.parametrize(
    "images, labels, match",
    [
        (np.zeros((0, 28, 28)), None, "images is empty"),
        (np.zeros((28, 28)), None, "shape"),
        (np.zeros((2, 5, 5, 2)), None, "shape"),
        (np.zeros((2, 5, 5)), [1], "labels has 1 entries but there are 2 images"),
    ],
)
def test_image_grid_bad_input(images, labels, match):
    with pytest.raises(ValueError, match=match):
        show_images(images, labels)


def test_decision_boundary_colours_the_two_sides():
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    y = np.array([0, 1, 1, 1])
    ax = plot_decision_boundary(lambda P: (P @ [1.1, 1.1] - 1 >= 0).astype(int), X, y, title="OR")
    assert ax.get_title() == "OR"
    assert len(ax.collections) >= 3  # filled regions, boundary line, points
    assert isinstance(ax, matplotlib.axes.Axes)


def test_decision_boundary_with_probabilities():
    X = np.random.default_rng(0).normal(size=(20, 2))
    y = (X[:, 0] > 0).astype(int)
    plot_decision_boundary(lambda P: 1 / (1 + np.exp(-3 * P[:, 0])), X, y, proba=True)


def test_decision_boundary_marks_the_misclassified_points():
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    y = np.array([0, 1, 1, 0])  # XOR: the OR line gets (1, 1) wrong
    ax = plot_decision_boundary(
        lambda P: (P.sum(axis=1) >= 0.5).astype(int), X, y, mark_errors=True
    )
    rings = [c for c in ax.collections if c.get_label() == "misclassified"]
    assert len(rings) == 1 and rings[0].get_offsets().tolist() == [[1.0, 1.0]]
    ax = plot_decision_boundary(
        lambda P: 1 / (1 + np.exp(-(P.sum(axis=1) - 0.5))), X, y, proba=True, mark_errors=True
    )
    rings = [c for c in ax.collections if c.get_label() == "misclassified"]
    assert rings[0].get_offsets().tolist() == [[1.0, 1.0]]
    ax = plot_decision_boundary(lambda P: (P[:, 0] != P[:, 1]).astype(int), X, y, mark_errors=True)
    assert not [c for c in ax.collections if c.get_label() == "misclassified"]


@pytest.mark.parametrize(
    "X, y, match",
    [
        (np.zeros((4, 3)), np.zeros(4), "X must have shape \\(n, 2\\)"),
        (np.zeros((4, 2)), np.zeros(3), "y must have shape \\(4,\\)"),
        (np.zeros((0, 2)), np.zeros(0), "X is empty"),
    ],
)
def test_decision_boundary_bad_input(X, y, match):
    with pytest.raises(ValueError, match=match):
        plot_decision_boundary(lambda P: np.zeros(len(P)), X, y)


def test_decision_boundary_needs_a_function():
    with pytest.raises(TypeError, match="predict must be a function"):
        plot_decision_boundary("model", np.zeros((2, 2)), np.zeros(2))


def test_history_panels_from_dict_and_keras_like_object():
    class FakeHistory:
        history = {"loss": [1.0, 0.5], "val_loss": [1.1, 0.8], "learning_rate": [1e-3, 1e-3]}

    from course_utils.plotting import plot_history

    axes = plot_history(FakeHistory())
    assert [ax.get_title() for ax in axes] == ["loss"]
    assert len(axes[0].lines) == 2  # training and validation


@pytest.mark.parametrize(
    "history, metrics, error",
    [
        ({}, None, TypeError),
        ([1, 2], None, TypeError),
        ({"loss": [1]}, ["accuracy"], ValueError),
    ],
)
def test_history_bad_input(history, metrics, error):
    from course_utils.plotting import plot_history

    with pytest.raises(error):
        plot_history(history, metrics)


def test_confusion_matrix_counts_and_bad_input():
    from course_utils.plotting import plot_confusion_matrix

    ax = plot_confusion_matrix([0, 1, 1, 2], [0, 1, 2, 2])
    texts = [t.get_text() for t in ax.texts]
    assert texts.count("1") == 4 and texts.count("0") == 5
    with pytest.raises(ValueError, match="argmax"):
        plot_confusion_matrix([0, 1], np.eye(2))
