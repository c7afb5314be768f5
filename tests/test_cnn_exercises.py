"""Notebook 08's and 09's self-checks accept the right answers and reject plausible wrong ones."""

import numpy as np
import pytest

from course_utils.exercises import cnn, lenet

# ---- 08: a kernel for '/' lines ---------------------------------------------------------------
SLASH = np.array([[-1, -1, 2], [-1, 2, -1], [2, -1, -1]])


@pytest.mark.parametrize(
    "kernel",
    [
        SLASH,
        SLASH.tolist(),
        0.25 * SLASH,
        np.array([[0, -1, 1], [-1, 2, -1], [1, -1, 0]]),  # corners left out
        SLASH + np.array([[0, 0, 1], [0, 1, 0], [1, 0, 0]]) - 1 / 3,  # another balance
    ],
)
def test_diagonal_kernel_right_answers_pass(kernel):
    result = cnn.check_diagonal_kernel(kernel, quiet=True)
    assert result.passed, result.message


@pytest.mark.parametrize(
    "kernel, says",
    [
        (np.fliplr(np.eye(3)), "flat patch"),  # all positive: flat areas light up
        (np.fliplr(SLASH), "other diagonal"),  # the '\\' kernel
        (np.array([[0, 1, 1], [-1, 0, 1], [-1, -1, 0]]), "edges"),  # a diagonal edge kernel
        (np.array([[1, 0, -1]] * 3), "edges"),  # the lesson's vertical-edge kernel
        (np.array([[-1, 2, -1]] * 3), "positive weights"),  # a vertical-line kernel
        (-SLASH, "positive"),  # the sign flipped
        (np.zeros((3, 3)), "detects nothing"),
        (np.ones((2, 2)), "3 × 3"),
        (np.full((3, 3), np.nan), "NaN"),
        ([["a", "b", "c"]] * 3, "3 × 3 array of numbers"),
    ],
)
def test_diagonal_kernel_wrong_answers_say_why(kernel, says):
    result = cnn.check_diagonal_kernel(kernel, quiet=True)
    assert not result.passed
    assert says in result.message, result.message


def test_diagonal_kernel_that_also_finds_other_lines_fails():
    crossing = SLASH + np.array([[-1, 2, -1]] * 3)  # a '/' and a '|' detector added
    result = cnn.check_diagonal_kernel(crossing, quiet=True)
    assert not result.passed and "vertical line" in result.message


def test_diagonal_kernel_placeholder():
    assert cnn.check_diagonal_kernel(..., quiet=True).not_implemented


# ---- 08: predict a stack ----------------------------------------------------------------------
def stack_model():
    import keras
    from keras import layers

    return keras.Sequential(
        [
            keras.Input(cnn.STACK_INPUT),
            layers.Conv2D(8, (5, 5)),
            layers.MaxPooling2D((2, 2)),
            layers.Conv2D(16, (3, 3), strides=2, padding="same"),
            layers.Conv2D(4, (1, 1)),
            layers.MaxPooling2D((2, 2)),
            layers.Flatten(),
            layers.Dense(10),
        ]
    )


def test_the_stack_answer_is_what_keras_builds():
    model = stack_model()
    keras_answer = [(layer.output.shape[1:], layer.count_params()) for layer in model.layers]
    assert cnn.stack_answer() == [(tuple(s), n) for s, n in keras_answer]
    assert [layer.code.split("(")[0] for layer in cnn.STACK] == [
        type(layer).__name__ for layer in model.layers
    ]


def changed(layer, shape=None, count=None, answer=None):
    answer = list(answer or cnn.stack_answer())
    old_shape, old_count = answer[layer - 1]
    answer[layer - 1] = (
        old_shape if shape is None else shape,
        old_count if count is None else count,
    )
    return answer


def test_stack_right_answer_passes_in_any_container():
    assert cnn.check_stack_prediction(cnn.stack_answer(), quiet=True).passed
    as_lists = [[list(shape), np.int64(count)] for shape, count in cnn.stack_answer()]
    assert cnn.check_stack_prediction(tuple(as_lists), quiet=True).passed


@pytest.mark.parametrize(
    "prediction, says",
    [
        (changed(1, shape=(30, 30, 8)), "adds no zeros"),
        (changed(1, shape=(26, 26, 3)), "one channel per filter"),
        (changed(1, count=5 * 5 * 3 * 8), "also has one bias"),
        (changed(1, count=(5 * 5 + 1) * 8), "ALL the input channels"),
        (changed(1, count=(5 * 5 * 3 + 1) * 8 * 26 * 26), "map's size does not matter"),
        (changed(2, count=4), "no weights"),
        (changed(2, shape=(13, 13, 1)), "number of channels stays"),
        (changed(3, shape=(6, 6, 16)), "rounded up"),
        (changed(3, shape=(13, 13, 16)), "stride of 2"),
        (changed(3, count=3 * 3 * 8 * 16 + 8), "one bias per filter"),
        (changed(4, count=(1 + 1) * 4), "1 × 1 filter too"),
        (changed(4, count=0), "1 × 1 filter too"),
        (changed(5, shape=(4, 4, 4)), "drop an odd last row"),
        (changed(6, shape=(3, 3, 4)), "one axis"),
        (changed(6, shape=(12,)), "every number of its input"),
        (changed(7, count=360), "also has one bias"),
        (changed(7, count=370.0), "whole number"),
        (changed(1, shape=(None, 26, 26, 8)), "batch axis"),
        ([((30, 30, 3), 0), *cnn.stack_answer()], "leave out the Input"),
        (cnn.stack_answer()[:6], "7 layers"),
        ([(shape, count) for shape, count in cnn.stack_answer()][:1] * 7, "layer 2"),
        (changed(1, shape="26 x 26 x 8"), "tuple of whole numbers"),
        ({"conv": 608}, "list"),
        ([608] * 7, "pair"),
    ],
)
def test_stack_wrong_answers_name_the_layer_and_the_mistake(prediction, says):
    result = cnn.check_stack_prediction(prediction, quiet=True)
    assert not result.passed
    assert says in result.message, result.message


def test_stack_feedback_never_shows_the_answer():
    right = cnn.stack_answer()
    shown = " ".join(layer.code for layer in cnn.STACK)  # the task shows these numbers
    numbers = {str(n) for shape, count in right for n in (*shape, count) if n >= 13}
    numbers -= {number for number in numbers if number in shown}
    assert numbers  # 26, 13, 36, 608, 1168, 68, 370
    wrong = [
        changed(1, count=608 - 8),
        changed(3, shape=(6, 6, 16)),
        changed(5, shape=(4, 4, 4)),
        changed(7, count=360),
    ]
    for prediction in wrong:
        message = cnn.check_stack_prediction(prediction, quiet=True).message
        assert not any(number in message for number in numbers), message


def test_stack_placeholder():
    assert cnn.check_stack_prediction(..., quiet=True).not_implemented


# ---- 08: receptive field ----------------------------------------------------------------------
def receptive_field(layer_specs):
    side, spacing = 1, 1
    for window, stride in layer_specs:
        side += (window - 1) * spacing
        spacing *= stride
    return side


def receptive_field_backwards(layer_specs):
    side = 1
    for window, stride in reversed(layer_specs):
        side = (side - 1) * stride + window
    return side


def brute_force(layer_specs, length=200):
    """How many input positions change output 0 of a stack of 1-D windows of ones."""
    seen = 0
    for position in range(length):
        x = np.zeros(length)
        x[position] = 1.0
        for window, stride in layer_specs:
            x = np.array([x[i : i + window].sum() for i in range(0, len(x) - window + 1, stride)])
        seen += bool(x[0])
    return seen


@pytest.mark.parametrize("label, specs", cnn.RECEPTIVE_CASES)
def test_receptive_cases_agree_with_brute_force(label, specs):
    assert receptive_field(specs) == brute_force(specs), label


def test_receptive_field_right_answers_pass():
    assert cnn.check_receptive_field(receptive_field, quiet=True).passed
    assert cnn.check_receptive_field(receptive_field_backwards, quiet=True).passed
    assert cnn.check_receptive_field(lambda specs: np.int64(receptive_field(specs)), quiet=True)


def stride_too_early(layer_specs):
    side, spacing = 1, 1
    for window, stride in layer_specs:
        spacing *= stride
        side += (window - 1) * spacing
    return side


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda specs: 1 + sum(f - 1 for f, _ in specs), "stride spreads"),
        (lambda specs: sum(f for f, _ in specs), "overlap"),
        (lambda specs: int(np.prod([f for f, _ in specs])), "do not multiply"),
        (stride_too_early, "own stride"),
        (lambda specs: receptive_field(specs[::-1]), "first layer"),
        (lambda specs: float(receptive_field(specs)), "float"),
        (lambda specs: receptive_field(specs) + 1, "expected"),
    ],
)
def test_receptive_field_wrong_answers_fail(wrong, says):
    result = cnn.check_receptive_field(wrong, quiet=True)
    assert not result.passed
    assert says in result.message, result.message


def test_receptive_field_stub_is_not_implemented():
    def stub(layer_specs):
        raise NotImplementedError

    assert cnn.check_receptive_field(stub, quiet=True).not_implemented


# ---- 09: a modified LeNet's parameters ---------------------------------------------------------
def test_modified_parameters_agree_with_keras():
    import keras
    from keras import layers

    model = keras.Sequential(
        [
            keras.Input(shape=(28, 28, 1)),
            layers.Conv2D(8, 3, padding="same", activation="relu"),
            layers.MaxPooling2D(2),
            layers.Conv2D(16, 3, padding="same", activation="relu"),
            layers.MaxPooling2D(2),
            layers.Flatten(),
            layers.Dense(120, activation="relu"),
            layers.Dense(84, activation="relu"),
            layers.Dense(10, activation="softmax"),
        ]
    )
    assert model.count_params() == lenet.MODIFIED_PARAMETERS
    assert lenet.check_modified_parameters(model.count_params(), quiet=True).passed


@pytest.mark.parametrize(
    "wrong, says",
    [
        (61_706, "LeNet's own count"),
        (lenet._count(3, (8, 16), (True, False)), "second convolution pads 'same'"),
        (lenet._count(3, (8, 16), (True, True), bias=False), "one bias"),
        (lenet._count(3, (8, 16), (True, True), pools=1), "both halvings"),
        (lenet._count(3, (8, 16), (True, True), deep=False), "reaches through"),
        (lenet._count(5, (8, 16), (True, True)), "3 × 3"),
        (float(lenet.MODIFIED_PARAMETERS), "whole number"),
        (lenet.MODIFIED_PARAMETERS + 1, "too large"),
    ],
)
def test_modified_parameters_wrong_answers_fail(wrong, says):
    result = lenet.check_modified_parameters(wrong, quiet=True)
    assert not result.passed
    assert says in result.message, result.message
    assert f"{lenet.MODIFIED_PARAMETERS}" not in result.message.replace(str(wrong), "")
    assert f"{lenet.MODIFIED_PARAMETERS:,}" not in result.message


def test_modified_parameters_placeholder():
    assert lenet.check_modified_parameters(..., quiet=True).not_implemented


# ---- 09: one LeNet block in NumPy ---------------------------------------------------------------
def lenet_block(x, kernels, bias, padding="valid"):
    maps = np.maximum(lenet._conv(x, kernels, bias, padding), 0)
    h, w = maps.shape[0] // 2, maps.shape[1] // 2
    return maps[: 2 * h, : 2 * w].reshape(h, 2, w, 2, -1).max(axis=(1, 3))


def test_lenet_block_agrees_with_keras():
    import keras
    from keras import layers

    rng = np.random.default_rng(0)
    x = rng.random((9, 9, 2)).astype("float32")
    kernels = rng.normal(size=(3, 3, 2, 4)).astype("float32")
    bias = rng.normal(size=4).astype("float32")
    for padding in ("valid", "same"):
        conv = layers.Conv2D(4, 3, padding=padding, activation="relu")
        block = keras.Sequential([keras.Input((9, 9, 2)), conv, layers.MaxPooling2D(2)])
        conv.set_weights([kernels, bias])
        expected = block(x[None]).numpy()[0]
        assert np.allclose(lenet._block(x, kernels, bias, padding), expected, atol=1e-5)


def test_lenet_block_right_answer_passes():
    assert lenet.check_lenet_block(lenet_block, quiet=True).passed


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda x, k, b, padding="valid": lenet._pool(lenet._conv(x, k, b, padding)), "ReLU"),
        (
            lambda x, k, b, padding="valid": np.maximum(lenet._conv(x, k, b, padding), 0),
            "pooling is missing",
        ),
        (
            lambda x, k, b, padding="valid": lenet._pool(
                np.maximum(lenet._conv(x, k, b, padding), 0), np.mean
            ),
            "not the average",
        ),
        (
            lambda x, k, b, padding="valid": lenet._pool(
                np.maximum(lenet._conv(x, k, b, padding), 0), keep_edge=True
            ),
            "dropped",
        ),
        (lambda x, k, b, padding="valid": lenet._block(x, k, b), "padding argument"),
        (lambda x, k, b, padding="valid": lenet._block(x, k, 0 * b, padding), "bias"),
    ],
)
def test_lenet_block_wrong_answers_fail(wrong, says):
    result = lenet.check_lenet_block(wrong, quiet=True)
    assert not result.passed
    assert says in result.message, result.message


def test_lenet_block_stub_is_not_implemented():
    def stub(x, kernels, bias, padding="valid"):
        raise NotImplementedError

    assert lenet.check_lenet_block(stub, quiet=True).not_implemented


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
