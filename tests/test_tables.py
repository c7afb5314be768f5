"""course_utils.tables: the breast-cancer split shared by notebooks 06 and 07."""

import numpy as np
import pytest
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split

from course_utils.tables import breast_cancer_split


def test_split_is_the_documented_train_test_split():
    X, y = load_breast_cancer(return_X_y=True)
    expected = train_test_split(X, y, test_size=0.25, stratify=y, random_state=42)
    got = breast_cancer_split()
    for a, b in zip(got, expected):
        assert a.shape == b.shape
        assert np.allclose(a, b.astype(a.dtype))
    x_train, x_test, y_train, y_test = got
    assert x_train.dtype == np.float32 and y_train.dtype == np.int64
    assert len(x_train) + len(x_test) == 569
    # stratified: the same share of benign tumours on both sides
    assert abs(y_train.mean() - y_test.mean()) < 0.01


def test_split_is_repeatable_and_seeded():
    a, b = breast_cancer_split(), breast_cancer_split()
    assert all(np.array_equal(p, q) for p, q in zip(a, b))
    c = breast_cancer_split(seed=1)
    assert not np.array_equal(a[0], c[0])
    assert len(breast_cancer_split(test_size=0.5)[1]) == 285


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"test_size": 0}, "test_size must be a float between 0 and 1"),
        ({"test_size": 1.5}, "test_size must be a float between 0 and 1"),
        ({"test_size": 100}, "test_size must be a float between 0 and 1"),
        ({"seed": -3}, "seed must be a non-negative int"),
        ({"seed": "42"}, "seed must be a non-negative int"),
    ],
)
def test_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        breast_cancer_split(**kwargs)
