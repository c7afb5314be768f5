"""The MNIST loader: offline copies are checked, and every failure is one clear error."""

from pathlib import Path

import numpy as np
import pytest

from course_utils import mnist
from course_utils.mnist import MnistUnavailableError, load_mnist, load_mnist_file

SHARED_SAMPLE = Path(__file__).resolve().parents[2] / "shared/data/mnist/mnist_offline_sample.npz"


def good_arrays(n_train=12, n_test=5):
    rng = np.random.default_rng(0)
    return {
        "x_train": rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8),
        "y_train": rng.integers(0, 10, n_train).astype(np.uint8),
        "x_test": rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
        "y_test": rng.integers(0, 10, n_test).astype(np.uint8),
    }


@pytest.fixture
def good_file(tmp_path):
    path = tmp_path / "mnist.npz"
    np.savez(path, **good_arrays())
    return path


def test_offline_copy_loads_and_says_so(good_file, monkeypatch, capsys):
    monkeypatch.setenv(mnist.ENV_VAR, str(good_file))
    (x_train, y_train), (x_test, y_test) = load_mnist()
    assert x_train.shape == (12, 28, 28) and x_train.dtype == np.uint8
    assert y_train.shape == (12,) and x_test.shape == (5, 28, 28) and y_test.shape == (5,)
    out = capsys.readouterr().out
    assert "offline MNIST copy mnist.npz" in out and "12 training and 5 test images" in out


def test_quiet_offline_load_prints_nothing(good_file, monkeypatch, capsys):
    monkeypatch.setenv(mnist.ENV_VAR, str(good_file))
    load_mnist(verbose=False)
    assert capsys.readouterr().out == ""


def test_missing_file_names_it_and_says_what_to_do(tmp_path, monkeypatch):
    missing = tmp_path / "nope.npz"
    monkeypatch.setenv(mnist.ENV_VAR, str(missing))
    with pytest.raises(MnistUnavailableError) as info:
        load_mnist()
    message = str(info.value)
    assert str(missing) in message and "does not exist" in message
    assert "fetch-data" in message and mnist.ENV_VAR in message


def test_folder_instead_of_file(tmp_path):
    with pytest.raises(MnistUnavailableError, match="it is a folder"):
        load_mnist_file(tmp_path)


def test_truncated_file(good_file):
    data = good_file.read_bytes()
    good_file.write_bytes(data[: len(data) // 2])
    with pytest.raises(MnistUnavailableError, match="corrupt or truncated"):
        load_mnist_file(good_file)


def test_not_a_zip_at_all(tmp_path):
    bad = tmp_path / "mnist.npz"
    bad.write_text("<html>captive portal</html>")
    with pytest.raises(MnistUnavailableError, match=str(bad).replace("\\", "\\\\")):
        load_mnist_file(bad)


def test_wrong_keys(tmp_path):
    path = tmp_path / "keys.npz"
    arrays = good_arrays()
    arrays["images"] = arrays.pop("x_train")
    np.savez(path, **arrays)
    with pytest.raises(MnistUnavailableError, match="lacks the key.*x_train"):
        load_mnist_file(path)


@pytest.mark.parametrize("key, value, problem", [
    ("x_train", np.zeros((12, 28, 27), np.uint8), "shape"),
    ("x_train", np.zeros((12, 28, 28), np.float32), "dtype float32, expected uint8"),
    ("y_train", np.zeros(11, np.uint8), "y_train has shape"),
    ("y_test", np.full(5, 12, np.uint8), "labels outside 0-9"),
    ("y_test", np.zeros(5, np.float64), "integer type"),
    ("x_test", np.zeros((0, 28, 28), np.uint8), "n > 0"),
])
def test_wrong_shapes_and_dtypes(tmp_path, key, value, problem):
    arrays = good_arrays()
    arrays[key] = value
    if key == "x_test" and len(value) == 0:
        arrays["y_test"] = np.zeros(0, np.uint8)
    path = tmp_path / "bad.npz"
    np.savez(path, **arrays)
    with pytest.raises(MnistUnavailableError, match=problem):
        load_mnist_file(path)


def test_pickled_object_array_is_refused(tmp_path):
    arrays = good_arrays()
    arrays["y_train"] = np.array([object()] * 12, dtype=object)
    path = tmp_path / "pickled.npz"
    np.savez(path, **arrays)
    with pytest.raises(MnistUnavailableError, match="pickled Python objects"):
        load_mnist_file(path)


def test_no_network_and_no_cache_gives_one_clear_error(monkeypatch, tmp_path, refused_url):
    monkeypatch.delenv(mnist.ENV_VAR, raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    monkeypatch.setenv(mnist.URL_ENV_VAR, refused_url)
    with pytest.raises(MnistUnavailableError) as info:
        load_mnist()
    message = str(info.value)
    assert "could not be downloaded" in message and "mnist.npz" in message
    assert "fetch-data" in message and mnist.ENV_VAR in message
    assert not list((tmp_path / "keras").rglob("mnist.npz*")), "nothing half-written is cached"


@pytest.mark.skipif(not SHARED_SAMPLE.is_file(), reason="shared offline sample not beside the repo")
def test_shared_offline_sample_is_valid():
    (x_train, y_train), (x_test, y_test) = load_mnist_file(SHARED_SAMPLE)
    assert x_train.shape == (8000, 28, 28) and x_test.shape == (2000, 28, 28)
    assert sorted(np.unique(y_train).tolist()) == list(range(10))


def test_env_var_with_spaces_only_means_unset(monkeypatch):
    monkeypatch.setenv(mnist.ENV_VAR, "   ")
    called = []
    monkeypatch.setattr(mnist, "_load_with_keras", lambda: called.append(1) or "keras")
    assert load_mnist() == "keras" and called
