"""course_utils.plotting.networks: the labelled network and the computational graph."""

import matplotlib.pyplot as plt
import pytest
from matplotlib.patches import Circle, FancyArrowPatch

from course_utils.plotting.networks import (
    draw_computational_graph,
    draw_labelled_network,
    layered_positions,
)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_network_draws_one_circle_per_unit_and_one_line_per_weight():
    ax = draw_labelled_network([3, 2, 1])
    assert sum(isinstance(p, Circle) for p in ax.patches) == 6
    assert len(ax.lines) == 3 * 2 + 2 * 1


def test_network_writes_the_texts_it_is_given():
    ax = draw_labelled_network(
        [3, 2, 1],
        node_text={(0, 2): "x3", (2, 0): "0.376"},
        edge_text={(0, 1, 0): "-0.4", (1, 1, 0): "-1.2"},
        layer_names=["in", "hidden", "out"],
        title="3-2-1",
    )
    texts = {t.get_text() for t in ax.texts}
    assert {"x3", "0.376", "-0.4", "-1.2", "in", "hidden", "out"} <= texts
    assert ax.get_title() == "3-2-1"


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"layer_sizes": [3]}, ValueError, "layer_sizes"),
        ({"layer_sizes": [3, 0]}, ValueError, "layer_sizes"),
        ({"layer_sizes": "321"}, TypeError, "layer_sizes"),
        ({"layer_sizes": [2, 1], "node_text": {(5, 0): "?"}}, ValueError, "node_text"),
        ({"layer_sizes": [2, 1], "edge_text": {(0, 0, 1): "?"}}, ValueError, "edge_text"),
        ({"layer_sizes": [2, 1], "edge_text": ["w"]}, TypeError, "edge_text"),
        ({"layer_sizes": [2, 1], "layer_names": ["only one"]}, ValueError, "layer_names"),
    ],
)
def test_network_rejects_bad_input_by_name(kwargs, error, words):
    with pytest.raises(error, match=words):
        draw_labelled_network(**kwargs)


def test_layered_positions_centre_each_column():
    positions = layered_positions([["x1", "x2", "x3"], ["a"], ["L"]], dx=2.0, dy=1.0)
    assert positions == {
        "x1": (0.0, 1.0),
        "x2": (0.0, 0.0),
        "x3": (0.0, -1.0),
        "a": (2.0, 0.0),
        "L": (4.0, 0.0),
    }


@pytest.mark.parametrize(
    "columns, words",
    [([], "columns"), ([["a"], []], "columns"), ([["a"], ["a"]], "twice"), ("ab", "columns")],
)
def test_layered_positions_reject_bad_columns(columns, words):
    with pytest.raises((ValueError, TypeError), match=words):
        layered_positions(columns)


def test_graph_draws_boxes_arrows_values_and_gradients():
    positions = layered_positions([["x"], ["a"], ["L"]])
    ax = draw_computational_graph(
        positions,
        [("x", "a"), ("a", "L")],
        values={"x": "1.0", "a": "2.0"},
        gradients={"a": "-0.5", "L": "1"},
        edge_text={("x", "a"): "×2"},
        title="graph",
    )
    texts = [t.get_text() for t in ax.texts]
    assert {"x", "a", "L", "1.0", "2.0", "-0.5", "1", "×2"} <= set(texts)
    assert sum(isinstance(p, FancyArrowPatch) for p in ax.patches) == 2
    assert ax.get_legend() is not None and ax.get_title() == "graph"


@pytest.mark.parametrize(
    "args, kwargs, words",
    [
        (({}, []), {}, "positions"),
        (({"x": (0, "a")}, []), {}, r"positions\['x'\]"),
        (({"x": (0, 0)}, [("x", "y")]), {}, "edges"),
        (({"x": (0, 0)}, "xy"), {}, "edges"),
        (({"x": (0, 0)}, []), {"values": {"y": "1"}}, "values"),
        (({"x": (0, 0)}, []), {"gradients": ["1"]}, "gradients"),
        (({"x": (0, 0), "y": (1, 0)}, [("x", "y")]), {"edge_text": {("y", "x"): "?"}}, "edge_text"),
    ],
)
def test_graph_rejects_bad_input_by_name(args, kwargs, words):
    with pytest.raises((ValueError, TypeError), match=words):
        draw_computational_graph(*args, **kwargs)
