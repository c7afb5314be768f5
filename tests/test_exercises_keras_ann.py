"""Notebook 07's self-checks: the right answers pass (and agree with Keras itself), wrong ones
fail with the mistake named, and stubs are "not yet"."""

import numpy as np
import pytest

keras = pytest.importorskip("keras")
from keras import layers  # noqa: E402

from course_utils.exercises import keras_ann as checks  # noqa: E402


def row_model():
    """The network of exercise 1, as the notebook states it."""
    return keras.Sequential(
        [
            keras.Input(shape=(8, 8)),
            layers.Dense(16, activation="relu"),
            layers.Dense(4, activation="relu"),
            layers.Flatten(),
            layers.Dense(10, activation="softmax"),
        ]
    )


def fit_wine_model(x_train, y_train):
    normalizer = layers.Normalization()
    normalizer.adapt(x_train)
    model = keras.Sequential(
        [
            keras.Input(shape=(13,)),
            normalizer,
            layers.Dense(16, activation="relu"),
            layers.Dense(3, activation="softmax"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=0.01),
        loss="sparse_categorical_crossentropy",
    )
    model.fit(x_train, y_train, epochs=10, batch_size=32, verbose=0)
    return model


# --------------------------------------------------------------------------- exercise 1
def test_the_row_model_answer_is_what_keras_prints():
    model = row_model()
    from_keras = [(tuple(layer.output.shape)[1:], layer.count_params()) for layer in model.layers]
    assert checks.row_model_answer() == from_keras


def test_row_model_summary_accepts_the_batch_axis_and_lists():
    with_none = [((None, *shape), count) for shape, count in checks.row_model_answer()]
    as_lists = [[list(shape), count] for shape, count in checks.row_model_answer()]
    assert checks.check_row_model_summary(checks.row_model_answer(), quiet=True).passed
    assert checks.check_row_model_summary(with_none, quiet=True).passed
    assert checks.check_row_model_summary(as_lists, quiet=True).passed


@pytest.mark.parametrize(
    "layer, pair, words",
    [
        (0, ((16,), 1040), "does not flatten"),
        (0, ((8, 16), 1040), "one row at a time"),
        (0, ((8, 16), 1152), "copy of the weights"),
        (0, ((8, 16), 128), "bias"),
        (2, ((4,), 0), "multiply the sizes"),
        (2, ((32,), 32), "no weights"),
    ],
)
def test_row_model_mistakes_are_named(layer, pair, words):
    answer = checks.row_model_answer()
    answer[layer] = pair
    result = checks.check_row_model_summary(answer, quiet=True)
    assert not result.passed and words in result.message
    assert f"layer {layer + 1}" in result.message


# --------------------------------------------------------------------------- exercise 2
def test_updates_of_fit_counts_what_keras_counts():
    """Keras' own step counter after a short fit with validation_split: the formula agrees."""
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input(shape=(1,)), layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    rows, split, batch, epochs = checks.UPDATE_ROWS, checks.UPDATE_SPLIT, checks.UPDATE_BATCH, 2
    model.fit(
        np.zeros((rows, 1)), np.zeros(rows), epochs=epochs, batch_size=batch,
        validation_split=split, verbose=0,
    )  # fmt: skip
    assert int(model.optimizer.iterations) == checks.updates_of_fit(rows, split, batch, epochs)


def test_n_updates_passes_the_right_count_and_names_mistakes():
    expected = checks.updates_of_fit(
        checks.UPDATE_ROWS, checks.UPDATE_SPLIT, checks.UPDATE_BATCH, checks.UPDATE_EPOCHS
    )
    assert checks.check_n_updates(expected, quiet=True).passed
    assert checks.check_n_updates(np.int64(expected), quiet=True).passed
    assert "validation rows" in checks.check_n_updates(1580, quiet=True).message
    assert "smaller batch" in checks.check_n_updates(1240, quiet=True).message
    assert "one epoch" in checks.check_n_updates(63, quiet=True).message
    for wrong in (expected + 1, expected - 1, 10 * expected):
        result = checks.check_n_updates(wrong, quiet=True)
        assert not result.passed and str(expected) not in result.message.replace(str(wrong), "")


# --------------------------------------------------------------------------- exercise 3
def test_wine_split_is_stratified_and_fixed():
    x_train, x_val, _, y_val = checks.wine_split()
    assert x_train.shape == (133, 13) and x_val.shape == (45, 13)
    assert x_train.dtype == np.float32
    assert np.bincount(y_val).tolist() == [15, 18, 12]
    assert np.array_equal(checks.wine_split()[3], y_val)


def test_a_good_wine_model_passes_within_the_budget():
    result = checks.check_fit_wine_model(fit_wine_model, quiet=True)
    assert result.passed, result.message
    assert "50 updates" in result.message


def test_wine_check_says_when_the_normalization_was_never_adapted():
    def unadapted(x_train, y_train):
        model = keras.Sequential(
            [
                keras.Input(shape=(13,)),
                layers.Normalization(),
                layers.Dense(16, activation="relu"),
                layers.Dense(3, activation="softmax"),
            ]
        )
        model.compile(optimizer=keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy")
        model.fit(x_train, y_train, epochs=10, batch_size=32, verbose=0)
        return model

    result = checks.check_fit_wine_model(unadapted, quiet=True)
    assert not result.passed and "adapted" in result.message


def test_wine_check_names_missing_scaling_and_the_budget():
    def unscaled(x_train, y_train):
        model = keras.Sequential(
            [
                keras.Input(shape=(13,)),
                layers.Dense(16, activation="relu"),
                layers.Dense(3, activation="softmax"),
            ]
        )
        model.compile(optimizer=keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy")
        model.fit(x_train, y_train, epochs=10, batch_size=32, verbose=0)
        return model

    def greedy(x_train, y_train):
        model = fit_wine_model(x_train, y_train)
        model.fit(x_train, y_train, epochs=1, batch_size=32, verbose=0)  # 5 updates more
        return model

    assert "scaling inside the model" in checks.check_fit_wine_model(unscaled, quiet=True).message
    assert "budget is 50" in checks.check_fit_wine_model(greedy, quiet=True).message


# --------------------------------------------------------------------------- stubs
def test_placeholders_are_not_implemented_yet(capsys):
    def stub(*args):
        raise NotImplementedError

    assert checks.check_row_model_summary(...).not_implemented
    assert checks.check_n_updates(...).not_implemented
    assert checks.check_fit_wine_model(stub).not_implemented
    assert capsys.readouterr().out.count("not") >= 3
