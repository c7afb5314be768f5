"""Notebook 08's and 09's self-checks accept the right answers and reject plausible wrong ones."""

import numpy as np
import pytest

from course_utils.exercises import cnn, lenet


# ---- 08: 2 × 2 max pooling -------------------------------------------------------------------
def max_pool_2x2(x):
    h, w = x.shape[0] // 2 * 2, x.shape[1] // 2 * 2
    return x[:h, :w].reshape(h // 2, 2, w // 2, 2).max(axis=(1, 3))


def max_pool_loops(x):
    out = np.full((x.shape[0] // 2, x.shape[1] // 2), -np.inf)
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = x[2 * i : 2 * i + 2, 2 * j : 2 * j + 2].max()
    return out


def average_pool(x):
    h, w = x.shape[0] // 2 * 2, x.shape[1] // 2 * 2
    return x[:h, :w].reshape(h // 2, 2, w // 2, 2).mean(axis=(1, 3))


def stride_one(x):
    from numpy.lib.stride_tricks import sliding_window_view

    return sliding_window_view(x, (2, 2)).max(axis=(2, 3))


def starts_at_zero(x):
    out = np.zeros((x.shape[0] // 2, x.shape[1] // 2))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            for a in range(2):
                for b in range(2):
                    out[i, j] = max(out[i, j], x[2 * i + a, 2 * j + b])
    return out


def keeps_odd_edge(x):
    h, w = -(-x.shape[0] // 2), -(-x.shape[1] // 2)
    return np.array(
        [[x[2 * i : 2 * i + 2, 2 * j : 2 * j + 2].max() for j in range(w)] for i in range(h)]
    )


def reshape_wrong_axes(x):
    h, w = x.shape[0] // 2 * 2, x.shape[1] // 2 * 2
    return x[:h, :w].reshape(h // 2, w // 2, 2, 2).max(axis=(2, 3))


def test_max_pool_right_answers_pass():
    assert cnn.check_max_pool(max_pool_2x2, quiet=True).passed
    assert cnn.check_max_pool(max_pool_loops, quiet=True).passed


@pytest.mark.parametrize(
    "wrong",
    [
        average_pool,
        stride_one,
        starts_at_zero,
        keeps_odd_edge,
        reshape_wrong_axes,
        lambda x: x[::2, ::2],
    ],
)
def test_max_pool_wrong_answers_fail(wrong):
    result = cnn.check_max_pool(wrong, quiet=True)
    assert not result.passed and "Hint" in result.message


def test_max_pool_stub_is_not_implemented():
    def stub(x):
        raise NotImplementedError

    assert cnn.check_max_pool(stub, quiet=True).not_implemented


# ---- 08: output size -------------------------------------------------------------------------
def test_output_size_right_answer_passes():
    assert cnn.check_output_size(lambda h, f, p, s: (h + 2 * p - f) // s + 1, quiet=True).passed
    assert cnn.check_output_size(
        lambda h, f, p, s: int(np.floor((h + 2 * p - f) / s)) + 1, quiet=True
    ).passed


@pytest.mark.parametrize(
    "wrong",
    [
        lambda h, f, p, s: (h + 2 * p - f) / s + 1,  # float, not rounded down
        lambda h, f, p, s: -(-(h + 2 * p - f) // s) + 1,  # rounds up
        lambda h, f, p, s: (h + 2 * p - f) // s,  # forgets + 1
        lambda h, f, p, s: (h + p - f) // s + 1,  # padding on one side only
        lambda h, f, p, s: h + 2 * p - f + 1,  # ignores the stride
        lambda h, f, p, s: round((h + 2 * p - f) / s) + 1,  # rounds to nearest
    ],
)
def test_output_size_wrong_answers_fail(wrong):
    assert not cnn.check_output_size(wrong, quiet=True).passed


@pytest.mark.parametrize(
    "value, passed",
    [
        (4640, True),
        (np.int64(4640), True),
        (4608, False),
        (320, False),
        (4640.0, False),
        (14, False),
    ],
)
def test_conv_parameters(value, passed):
    assert cnn.check_conv_parameters(value, quiet=True).passed is passed


def test_conv_parameters_placeholder():
    assert cnn.check_conv_parameters(..., quiet=True).not_implemented


# ---- 09: LeNet -------------------------------------------------------------------------------
def _lenet(
    first_padding="same",
    second_padding="valid",
    dense=(120, 84),
    last="softmax",
    hidden="relu",
    input_layer=True,
    pool=True,
):
    import keras
    from keras import layers

    stack = [keras.Input(shape=(28, 28, 1))] if input_layer else []
    stack += [layers.Conv2D(6, (5, 5), padding=first_padding, activation=hidden)]
    stack += [layers.MaxPooling2D((2, 2))] if pool else []
    stack += [layers.Conv2D(16, (5, 5), padding=second_padding, activation=hidden)]
    stack += [layers.MaxPooling2D((2, 2))] if pool else []
    stack += [layers.Flatten()]
    stack += [layers.Dense(n, activation=hidden) for n in dense]
    stack += [layers.Dense(10, activation=last)]
    return keras.Sequential(stack)


def test_lenet_right_answers_pass():
    assert lenet.LENET_PARAMETERS == 61_706
    result = lenet.check_lenet(_lenet, quiet=True)
    assert result.passed, result.message
    assert lenet.check_lenet(lambda: _lenet(input_layer=False), quiet=True).passed


@pytest.mark.parametrize(
    "kwargs, says",
    [
        ({"first_padding": "valid"}, "layer 1 differs"),
        ({"second_padding": "same"}, "layer 3 differs"),
        ({"dense": (120,)}, "layer 7 differs"),
        ({"dense": (128, 84)}, "layer 6 differs"),
        ({"last": "sigmoid"}, "activations"),
        ({"hidden": "tanh"}, "activations"),
        ({"pool": False}, "layer 2 differs"),
    ],
)
def test_lenet_wrong_models_fail(kwargs, says):
    result = lenet.check_lenet(lambda: _lenet(**kwargs), quiet=True)
    assert not result.passed
    assert says in result.message


def test_lenet_extra_layer_and_not_a_model():
    import keras

    def extra():
        model = _lenet()
        model.add(keras.layers.Dense(10, activation="softmax"))
        return model

    assert "9 layers" in lenet.check_lenet(extra, quiet=True).message
    assert "Keras model" in lenet.check_lenet(lambda: [1, 2], quiet=True).message
    assert not lenet.check_lenet("model", quiet=True).passed


def test_lenet_stub_and_crash():
    def stub():
        raise NotImplementedError

    def crash():
        raise KeyError("oops")

    assert lenet.check_lenet(stub, quiet=True).not_implemented
    assert "KeyError" in lenet.check_lenet(crash, quiet=True).message


# ---- 09: top-k accuracy ----------------------------------------------------------------------
def top_k_accuracy(probabilities, y_true, k):
    top = np.argsort(probabilities, axis=1)[:, -k:]
    return float(np.mean([t in row for t, row in zip(y_true, top)]))


def test_top_k_right_answer_passes():
    assert lenet.check_top_k_accuracy(top_k_accuracy, quiet=True).passed


@pytest.mark.parametrize(
    "wrong",
    [
        lambda p, y, k: float(np.mean([t in row for t, row in zip(y, np.argsort(p, 1)[:, :k])])),
        lambda p, y, k: float(
            np.mean([t in row for t, row in zip(y, np.argsort(p, 1)[:, -k - 1 :])])
        ),
        lambda p, y, k: int(np.sum([t in row for t, row in zip(y, np.argsort(p, 1)[:, -k:])])),
        lambda p, y, k: float(np.mean(p.argmax(axis=1) == y)),
    ],
)
def test_top_k_wrong_answers_fail(wrong):
    assert not lenet.check_top_k_accuracy(wrong, quiet=True).passed
