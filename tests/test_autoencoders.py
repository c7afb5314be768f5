"""Notebook 10's self-checks accept the right answers and reject plausible wrong ones; the
wrong answers themselves are listed in ``tests/wrong_answers/nb10.py``."""

import numpy as np
import pytest
from sklearn.decomposition import PCA

from course_utils.exercises import autoencoders as checks


def pca_reconstruct(x, n_components):
    mean = x.mean(axis=0)
    _, _, directions = np.linalg.svd(x - mean, full_matrices=False)
    top = directions[:n_components]
    return (x - mean) @ top.T @ top + mean


def detection_rate(val_errors, odd_errors, false_alarm_rate):
    return float(np.mean(odd_errors > np.quantile(val_errors, 1 - false_alarm_rate)))


def code_size_errors(code_sizes, x, x_val):
    """A stand-in for the trained models: errors that fall as the code grows."""
    return {n: 0.08 / (1 + np.log2(n)) for n in code_sizes}


def test_right_answers_pass():
    assert checks.check_pca_reconstruct(pca_reconstruct, quiet=True).passed
    assert checks.check_detection_rate(detection_rate, quiet=True).passed
    assert checks.check_code_size_errors(code_size_errors, quiet=True).passed


def test_the_reference_pca_agrees_with_scikit_learn():
    x = np.random.default_rng(0).random((60, 12))
    sk = PCA(n_components=3).fit(x)
    assert np.allclose(pca_reconstruct(x, 3), sk.inverse_transform(sk.transform(x)))


def test_code_size_check_passes_the_data_to_the_function():
    seen = {}

    def spy(code_sizes, x, x_val):
        seen.update(sizes=list(code_sizes), x=x.shape, x_val=x_val.shape)
        return code_size_errors(code_sizes, x, x_val)

    x = np.zeros((30, 784), np.uint8)
    x_val = np.random.default_rng(0).integers(0, 256, (10, 784), dtype=np.uint8)
    assert checks.check_code_size_errors(spy, x, x_val, quiet=True).passed
    assert seen == {"sizes": [2, 8, 32, 128], "x": (30, 784), "x_val": (10, 784)}


def test_code_size_check_rejects_images_of_the_wrong_shape():
    with pytest.raises(ValueError, match="x and x_val"):
        checks.check_code_size_errors(code_size_errors, np.zeros((3, 28, 28)), np.zeros((3, 784)))


def test_a_passing_code_size_check_shows_the_learners_own_errors():
    result = checks.check_code_size_errors(code_size_errors, quiet=True)
    assert "2 → 0.0400" in result.message and "128 → 0.0100" in result.message


def test_stubs_and_non_functions_are_reported_kindly():
    def stub(*args):
        raise NotImplementedError

    for check in (
        checks.check_pca_reconstruct,
        checks.check_detection_rate,
        checks.check_code_size_errors,
    ):
        assert check(stub, quiet=True).not_implemented
        result = check(42, quiet=True)
        assert not result.passed and "function" in result.message


def test_an_error_inside_the_learners_training_is_reported_not_raised():
    def broken(code_sizes, x, x_val):
        raise ValueError("Input 0 of layer dense is incompatible")

    result = checks.check_code_size_errors(broken, quiet=True)
    assert result.status == "failed" and "ValueError" in result.message
