"""Notebook 07's self-checks accept the right answers and reject plausible wrong ones."""

import numpy as np
import pytest

keras = pytest.importorskip("keras")
from keras import layers  # noqa: E402

from course_utils.exercises import keras_ann as checks  # noqa: E402


def build_model():
    return keras.Sequential(
        [
            keras.Input(shape=(30,)),
            layers.Dense(16, activation="relu"),
            layers.Dense(8, activation="relu"),
            layers.Dense(1, activation="sigmoid"),
        ]
    )


def sparse_cross_entropy(y_true, probabilities):
    return float(np.mean(-np.log(probabilities[np.arange(len(y_true)), y_true])))


def test_right_answers_pass():
    assert checks.check_build_model(build_model, quiet=True).passed

    def compiled():
        return (
            m := build_model(),
            m.compile(optimizer="adam", loss="binary_crossentropy"),
        )[0]

    assert checks.check_build_model(compiled, quiet=True).passed
    assert checks.check_param_total(2778, quiet=True).passed
    assert checks.check_sparse_cross_entropy(sparse_cross_entropy, quiet=True).passed


def test_keras_own_loss_passes():
    def with_keras(y, p):
        return float(np.mean(keras.losses.sparse_categorical_crossentropy(y, p)))

    assert checks.check_sparse_cross_entropy(with_keras, quiet=True).passed


@pytest.mark.parametrize(
    "wrong",
    [
        lambda: keras.Sequential(
            [
                layers.Dense(16, activation="relu"),
                layers.Dense(8, activation="relu"),
                layers.Dense(1, activation="sigmoid"),
            ]
        ),  # no Input
        lambda: keras.Sequential(
            [
                keras.Input(shape=(30,)),
                layers.Dense(16),
                layers.Dense(8),
                layers.Dense(1, activation="sigmoid"),
            ]
        ),  # no relu
        lambda: keras.Sequential(
            [
                keras.Input(shape=(30,)),
                layers.Dense(16, activation="relu"),
                layers.Dense(8, activation="relu"),
                layers.Dense(1, activation="softmax"),
            ]
        ),  # softmax
        lambda: keras.Sequential(
            [
                keras.Input(shape=(30,)),
                layers.Dense(8, activation="relu"),
                layers.Dense(16, activation="relu"),
                layers.Dense(1, activation="sigmoid"),
            ]
        ),  # order
        lambda: keras.Sequential(
            [
                keras.Input(shape=(8,)),
                layers.Dense(16, activation="relu"),
                layers.Dense(8, activation="relu"),
                layers.Dense(1, activation="sigmoid"),
            ]
        ),  # inputs
        lambda: keras.Sequential(
            [
                keras.Input(shape=(30,)),
                layers.Dense(16, activation="relu"),
                layers.Dropout(0.2),
                layers.Dense(8, activation="relu"),
                layers.Dense(1, activation="sigmoid"),
            ]
        ),  # extra layer
        lambda: keras.Sequential(
            [
                keras.Input(shape=(30,)),
                layers.Dense(16, activation="relu"),
                layers.Dense(8, activation="relu"),
                layers.Dense(2, activation="sigmoid"),
            ]
        ),  # 2 outputs
        lambda: [16, 8, 1],
    ],
)
def test_wrong_models_fail(wrong):
    assert not checks.check_build_model(wrong, quiet=True).passed


@pytest.mark.parametrize("wrong", [2720, 2778.0, 2768, 2080, "2778", None])
def test_wrong_totals_fail(wrong):
    assert not checks.check_param_total(wrong, quiet=True).passed


@pytest.mark.parametrize(
    "wrong",
    [
        lambda y, p: float(np.sum(-np.log(p[np.arange(len(y)), y]))),  # sum, not mean
        lambda y, p: float(np.mean(-np.log10(p[np.arange(len(y)), y]))),  # log10
        lambda y, p: float(np.mean(np.log(p[np.arange(len(y)), y]))),  # sign
        lambda y, p: float(np.mean(-np.log(p[:, 0]))),  # always class 0
        lambda y, p: -np.log(p[np.arange(len(y)), y]),  # per example
        lambda y, p: float(np.mean(-np.log(p.max(axis=1)))),  # predicted class
    ],
)
def test_wrong_losses_fail(wrong):
    with np.errstate(divide="ignore"):
        assert not checks.check_sparse_cross_entropy(wrong, quiet=True).passed


def test_placeholders_are_not_implemented_yet(capsys):
    def stub(*args):
        raise NotImplementedError

    assert checks.check_build_model(stub).not_implemented
    assert checks.check_sparse_cross_entropy(stub).not_implemented
    assert checks.check_param_total(...).not_implemented
    assert capsys.readouterr().out.count("not") >= 3
