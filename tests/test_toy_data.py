import numpy as np
import pytest

from course_utils.toy_data import LOAN_FEATURES, loan_applications, logic_gate, two_moons


@pytest.mark.parametrize(
    "gate, outputs",
    [
        ("and", [0, 0, 0, 1]),
        ("OR", [0, 1, 1, 1]),
        ("xor", [0, 1, 1, 0]),
        ("nand", [1, 1, 1, 0]),
        ("nor", [1, 0, 0, 0]),
    ],
)
def test_truth_tables(gate, outputs):
    X, y = logic_gate(gate)
    assert X.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert y.tolist() == outputs


def test_unknown_gate_names_choices():
    with pytest.raises(ValueError, match=r"name must be one of.*xor"):
        logic_gate("xnor")


def test_two_moons_reproducible_and_typed():
    X1, y1 = two_moons(50, noise=0.1, seed=3)
    X2, y2 = two_moons(50, noise=0.1, seed=3)
    assert X1.shape == (50, 2) and X1.dtype == np.float32 and np.array_equal(X1, X2)
    assert np.array_equal(y1, y2)


@pytest.mark.parametrize(
    "kwargs, match", [({"n_samples": 1}, "n_samples"), ({"n_samples": 10, "noise": -1}, "noise")]
)
def test_two_moons_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        two_moons(**kwargs)


def test_loan_applications_shape_ranges_and_balance():
    X, y = loan_applications(400)
    assert X.shape == (400, len(LOAN_FEATURES)) and y.shape == (400,)
    assert X[:, 1].min() >= 300 and X[:, 1].max() <= 850
    assert 0.25 < y.mean() < 0.75  # both classes well represented
    with pytest.raises(ValueError, match="n_samples"):
        loan_applications(0)
