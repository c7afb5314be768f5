"""Benchmark (not a test): train notebook 09's LeNet for the notebook's epochs and report cost.

Run from the repository root, offline with the course's MNIST sample:

    COURSE_MNIST_PATH=../shared/data/mnist/mnist_offline_sample.npz \\
        python tests/bench_lenet.py

It prints the seconds per epoch (the first epoch separately: it includes building the
graph), the test accuracy and the peak memory of the process (``ru_maxrss``). The epochs and
batch size are read from notebook 09 itself (``EPOCHS, BATCH_SIZE = …``), so the benchmark
measures what the notebook runs. pytest does not collect this file (no ``test_`` prefix).
Timings depend on the machine and on what else runs on it: run it on an idle machine.
"""

from __future__ import annotations

import json
import os
import platform
import re
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK = REPO / "notebooks" / "09_lenet_mnist.ipynb"
SAMPLE = REPO.parent / "shared" / "data" / "mnist" / "mnist_offline_sample.npz"


def notebook_settings(path: Path = NOTEBOOK) -> tuple[int, int]:
    """The ``EPOCHS, BATCH_SIZE = …`` line of notebook 09, as two ints."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    match = re.search(r"^EPOCHS, BATCH_SIZE = (\d+), (\d+)\s*$", code, re.M)
    if not match:
        sys.exit(f"could not find 'EPOCHS, BATCH_SIZE = …' in {path.name}")
    return int(match.group(1)), int(match.group(2))


def peak_memory_mb() -> float:
    """Peak resident memory of this process (ru_maxrss: KiB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if platform.system() == "Darwin" else rss / 2**10


def main() -> int:
    if not os.environ.get("COURSE_MNIST_PATH") and SAMPLE.is_file():
        os.environ["COURSE_MNIST_PATH"] = str(SAMPLE)
    epochs, batch_size = notebook_settings()
    t0 = time.perf_counter()
    from course_utils import setup_notebook

    setup_notebook()
    import keras
    from keras import layers

    from course_utils.mnist import load_mnist

    (x_train, y_train), (x_test, y_test) = load_mnist()
    x_train = (x_train.reshape(-1, 28, 28, 1) / 255.0).astype("float32")
    x_test = (x_test.reshape(-1, 28, 28, 1) / 255.0).astype("float32")
    model = keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(6, (5, 5), padding="same", activation="relu"),
        layers.MaxPooling2D((2, 2), strides=2),
        layers.Conv2D(16, (5, 5), padding="valid", activation="relu"),
        layers.MaxPooling2D((2, 2), strides=2),
        layers.Flatten(),
        layers.Dense(120, activation="relu"),
        layers.Dense(84, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    setup_seconds = time.perf_counter() - t0

    epoch_seconds: list[float] = []

    class EpochTimer(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            self.start = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            epoch_seconds.append(time.perf_counter() - self.start)

    model.fit(x_train, y_train, epochs=epochs, batch_size=batch_size, validation_split=0.1,
              verbose=0, callbacks=[EpochTimer()])
    _, accuracy = model.evaluate(x_test, y_test, verbose=0)
    later = epoch_seconds[1:] or epoch_seconds
    print(f"LeNet ({model.count_params():,} parameters), {epochs} epochs, batch size {batch_size}, "
          f"{int(len(x_train) * 0.9):,} training images, {os.cpu_count()} CPU cores")
    print(f"set-up (imports, data, model): {setup_seconds:.1f} s")
    print(f"seconds per epoch: first {epoch_seconds[0]:.2f}, later mean {sum(later) / len(later):.2f} "
          f"(min {min(later):.2f}, max {max(later):.2f}); total training {sum(epoch_seconds):.1f} s")
    print(f"test accuracy: {accuracy:.2%} on {len(x_test):,} test images")
    print(f"peak memory (ru_maxrss): {peak_memory_mb():.0f} MB")
    try:
        print(f"load average (1, 5, 15 min): {', '.join(f'{v:.2f}' for v in os.getloadavg())}")
    except OSError:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
