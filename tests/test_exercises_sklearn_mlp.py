"""Notebook 06's self-checks accept the right answers and reject plausible wrong ones."""

import numpy as np
import pytest
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MinMaxScaler, StandardScaler

from course_utils.exercises import sklearn_mlp as checks


def count_parameters(n_features, hidden_layer_sizes, n_outputs):
    sizes = [n_features, *hidden_layer_sizes, n_outputs]
    return sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))


def standardize(x_train, x_test):
    mean, std = x_train.mean(axis=0), x_train.std(axis=0)
    return (x_train - mean) / std, (x_test - mean) / std


def make_scaled_mlp():
    return make_pipeline(
        StandardScaler(),
        MLPClassifier(
            hidden_layer_sizes=(8,), learning_rate_init=0.001, max_iter=1000, random_state=0
        ),
    )


def test_right_answers_pass():
    assert checks.check_count_parameters(count_parameters, quiet=True).passed
    assert checks.check_standardize(standardize, quiet=True).passed

    def scaler_version(a, b):
        return tuple(StandardScaler().fit(a).transform(x) for x in (a, b))

    assert checks.check_standardize(scaler_version, quiet=True).passed
    assert checks.check_scaled_mlp(make_scaled_mlp, quiet=True).passed


@pytest.mark.parametrize(
    "wrong",
    [
        lambda n, h, o: sum(a * b for a, b in zip((n, *h), (*h, o))),  # no biases
        lambda n, h, o: n * h[0] + h[0] + h[0] * o,  # forgets output bias
        lambda n, h, o: n * h[0] + h[0] + h[0] * o + o if h else n + 1,  # one hidden layer only
        lambda n, h, o: float(count_parameters(n, h, o)),  # a float
        lambda n, h, o: sum(a * b + a for a, b in zip((n, *h), (*h, o))),  # biases on inputs
    ],
)
def test_wrong_counts_fail(wrong):
    assert not checks.check_count_parameters(wrong, quiet=True).passed


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # one test row has std 0
@pytest.mark.parametrize(
    "wrong",
    [
        lambda a, b: (
            (a - a.mean(0)) / a.std(0),
            (b - b.mean(0)) / b.std(0),
        ),  # test statistics leak
        lambda a, b: ((a - a.mean(0)) / a.std(0, ddof=1), (b - a.mean(0)) / a.std(0, ddof=1)),
        lambda a, b: ((a - a.mean(0)) / a.std(0), b),  # test not scaled
        lambda a, b: ((a - a.mean()) / a.std(), (b - a.mean()) / a.std()),  # one mean for all
        lambda a, b: standardize(a, b)[0],  # returns one array
        lambda a, b: tuple(MinMaxScaler().fit(a).transform(x) for x in (a, b)),  # another scaler
    ],
)
def test_wrong_standardizations_fail(wrong):
    assert not checks.check_standardize(wrong, quiet=True).passed


@pytest.mark.parametrize(
    "wrong",
    [
        lambda: MLPClassifier(hidden_layer_sizes=(8,), max_iter=1000, random_state=0),  # no scaler
        lambda: make_pipeline(
            MinMaxScaler(), MLPClassifier(hidden_layer_sizes=(8,), max_iter=1000)
        ),
        lambda: make_pipeline(StandardScaler(), MLPClassifier(hidden_layer_sizes=(100,))),  # size
        lambda: make_pipeline(
            StandardScaler(), MLPClassifier(hidden_layer_sizes=(8,), learning_rate_init=0.1)
        ),
        lambda: make_pipeline(
            StandardScaler(), MLPClassifier(hidden_layer_sizes=(8,), max_iter=3, random_state=0)
        ),  # far too short
        lambda: make_scaled_mlp().fit(np.random.rand(20, 30), np.arange(20) % 2),  # fitted
        lambda: "pipeline",
    ],
)
def test_wrong_pipelines_fail(wrong):
    assert not checks.check_scaled_mlp(wrong, quiet=True).passed


def test_stubs_are_not_implemented_yet(capsys):
    def stub(*args):
        raise NotImplementedError

    for check in (checks.check_count_parameters, checks.check_standardize, checks.check_scaled_mlp):
        result = check(stub)
        assert not result.passed and result.not_implemented
    assert "not implemented yet" in capsys.readouterr().out
