"""The network diagram: one circle per unit, one edge per weight, labelled layers; bad input."""

import matplotlib.pyplot as plt
import pytest

from course_utils.plotting.diagrams import draw_network


def test_one_circle_per_unit_and_one_line_per_weight():
    ax = draw_network([3, 4, 4, 2], label_weights=False)
    assert len(ax.patches) == 3 + 4 + 4 + 2
    assert len(ax.lines) == 3 * 4 + 4 * 4 + 4 * 2
    plt.close("all")


def test_labels_name_the_layers_inputs_activation_and_weights():
    ax = draw_network([2, 3, 1], activation="σ", title="small")
    texts = [t.get_text() for t in ax.texts]
    assert texts.count("σ") == 3 + 1, "every hidden and output unit shows its activation"
    assert {"x₁", "x₂", "input layer", "hidden layer", "output layer", "w₁₁", "w₁₂"} <= set(texts)
    assert ax.get_title() == "small"
    plt.close("all")


def test_each_weight_label_sits_on_its_own_edge_near_the_input_end():
    ax = draw_network([3, 4, 2])
    labels = {t.get_text(): t for t in ax.texts if t.get_text().startswith("w")}
    assert sorted(labels) == ["w₁₁", "w₁₂", "w₁₃"]
    target_x, target_y = 2.0, 1.5  # the first unit of the second layer
    for row, name in enumerate(["w₁₁", "w₁₂", "w₁₃"]):
        source_y = 1.0 - row  # input x_(row+1) sits at x = 0
        x, y = labels[name].get_position()
        along = x / target_x  # how far along the edge, from the input
        assert 0 < along < 0.5, f"{name} should sit near its input end"
        assert y == pytest.approx(source_y + along * (target_y - source_y)), (
            f"{name} is off its edge"
        )
        assert labels[name].get_rotation() != 0 or source_y == target_y
    plt.close("all")


def test_several_hidden_layers_are_numbered():
    ax = draw_network([2, 2, 2, 2, 1])
    texts = {t.get_text() for t in ax.texts}
    assert {"hidden layer 1", "hidden layer 2", "hidden layer 3"} <= texts
    plt.close("all")


def test_draws_on_a_given_axes():
    _, ax = plt.subplots()
    assert draw_network([1, 1], ax=ax) is ax
    plt.close("all")


@pytest.mark.parametrize(
    "sizes, error, match",
    [
        ("3-4-2", TypeError, "layer_sizes must be a list"),
        (5, TypeError, "layer_sizes must be a list"),
        ([4], ValueError, "at least two layers"),
        ([3, 0, 2], ValueError, "whole numbers from 1 to"),
        ([3, 2.0], ValueError, "whole numbers from 1 to"),
        ([3, True], ValueError, "whole numbers from 1 to"),
        ([3, 50], ValueError, "whole numbers from 1 to"),
    ],
)
def test_bad_layer_sizes_are_rejected_by_name(sizes, error, match):
    with pytest.raises(error, match=match):
        draw_network(sizes)


def test_bad_activation_is_rejected_by_name():
    with pytest.raises(ValueError, match="activation must be"):
        draw_network([2, 1], activation="")
