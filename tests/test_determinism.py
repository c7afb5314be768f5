"""Determinism: a notebook executed twice, each time in a fresh kernel, prints the same.

Checked cells (``# NBVAL_CHECK_OUTPUT``) must give byte-identical text, and seeded training
cells the same metrics: every cell's text output is compared after blanking what legitimately
varies (timings such as ``1s - 12ms/step``, object addresses). Images are not compared.

Notebooks: 01_perceptron (from scratch, NumPy) and a Keras training notebook (07_keras_ann, else
09_lenet_mnist); a small training notebook built here from nbformat cells (set-up, a Keras model
with dropout, shuffling and a validation split, ``verbose=2``) runs as well, so the property is
checked even before those notebooks exist. Each notebook runs twice: about two minutes in all.
Deselect with ``-k "not determinism"`` when iterating on something else.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from course_utils.paths import NOTEBOOKS_DIR

FROM_SCRATCH = "01_perceptron"
TRAINING_CANDIDATES = ("07_keras_ann", "09_lenet_mnist")
TRAINING_SOURCE = re.compile(r"\.fit\(|\.train_on_batch\(|\bfor epoch in\b|\.partial_fit\(")
CHECK_MARKER = re.compile(r"^# NBVAL_CHECK_OUTPUT\s*$", re.M)
VARIES = [
    # A duration, with the spaces that right-align it in a table (their width varies too).
    (re.compile(r" *\b\d+(?:\.\d+)?\s?(?:ms|µs|us|ns|s)(?:/(?:step|sample|epoch))?\b"), " <time>"),
    (re.compile(r"0x[0-9a-fA-F]{6,}"), "0x…"),
    # The time so far on a progress line (course_utils.live_progress): "| 00:08, loss=...".
    (re.compile(r"\| \d{2}:\d{2}(?::\d{2})?\b"), "| <elapsed>"),
]

FIXTURE_CELLS = [
    ("markdown", "# 99 · Determinism fixture\n\nA tiny seeded Keras training run."),
    (
        "code",
        "from course_utils import setup_notebook\n\nsetup_notebook()\n\n"
        "import numpy as np\nimport keras\nfrom course_utils.toy_data import two_moons",
    ),
    (
        "code",
        "# NBVAL_CHECK_OUTPUT\nX, y = two_moons(400, noise=0.25)\n"
        "print(X.shape, X.dtype, int(y.sum()))",
    ),
    (
        "code",
        "model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(32, activation='relu'),\n"
        "                          keras.layers.Dropout(0.3),\n"
        "                          keras.layers.Dense(1, activation='sigmoid')])\n"
        "model.compile(optimizer=keras.optimizers.Adam(0.01), loss='binary_crossentropy',\n"
        "              metrics=['accuracy'])\n"
        "history = model.fit(X, y, epochs=4, batch_size=32, validation_split=0.25, shuffle=True,\n"
        "                    verbose=2)",
    ),
    (
        "code",
        "loss, accuracy = model.evaluate(X, y, verbose=0)\n"
        "print(f'loss {loss:.8f}  accuracy {accuracy:.8f}')\n"
        "print(np.round(model.predict(X[:3], verbose=0).ravel(), 8))",
    ),
]


def fixture_notebook(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    for kind, source in FIXTURE_CELLS:
        maker = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
        nb.cells.append(maker(source))
    path = folder / "99_determinism_fixture.ipynb"
    nbformat.write(nb, path)
    return path


def execute(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Run a copy of the notebook top to bottom in a fresh kernel (no file is written)."""
    import copy

    from nbclient import NotebookClient

    copied = copy.deepcopy(nb)
    NotebookClient(
        copied,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS_DIR)}},
    ).execute()
    return copied


def text_of(cell: nbformat.NotebookNode) -> str:
    """Everything a cell printed as text: streams, text results, errors (not images).

    How a stream is cut into outputs, and how stdout and stderr interleave, depends on flush
    timing, so each stream is joined whole; the other outputs follow in their order.
    """
    streams: dict[str, str] = {}
    others = []
    for out in cell.get("outputs", []):
        if out["output_type"] == "stream":
            streams[out["name"]] = streams.get(out["name"], "") + out["text"]
        elif out["output_type"] in ("execute_result", "display_data"):
            others.append(out.get("data", {}).get("text/plain", ""))
        elif out["output_type"] == "error":
            others.append(f"[error] {out['ename']}: {out['evalue']}")
    return "".join(f"[{name}] {text}" for name, text in sorted(streams.items())) + "".join(others)


def normalised(text: str) -> str:
    for pattern, replacement in VARIES:
        text = pattern.sub(replacement, text)
    return text


def assert_same_twice(path: Path, *, expect_training: bool) -> None:
    source = nbformat.read(path, as_version=4)  # read once: both runs execute the same cells
    first, second = execute(source), execute(source)
    code = [
        (i, a, b)
        for i, (a, b) in enumerate(zip(first.cells, second.cells))
        if a.cell_type == "code"
    ]
    checked = [(i, a, b) for i, a, b in code if CHECK_MARKER.search(a.source)]
    training = [(i, a, b) for i, a, b in code if TRAINING_SOURCE.search(a.source)]
    assert checked, f"{path.name}: no checked cells to compare"
    for i, a, b in checked:
        assert text_of(a) == text_of(b), f"{path.name} cell {i} (checked) differs between runs"
    for i, a, b in code:
        assert normalised(text_of(a)) == normalised(text_of(b)), (
            f"{path.name} cell {i} prints differently in two fresh kernels:\n"
            f"--- first\n{text_of(a)[:1500]}\n--- second\n{text_of(b)[:1500]}"
        )
    if expect_training:
        printed = [text_of(a) for _, a, _ in training]
        assert any(re.search(r"\d\.\d{3}", t) for t in printed), (
            f"{path.name}: no training cell printed metrics to compare"
        )


def test_from_scratch_notebook_is_deterministic():
    path = NOTEBOOKS_DIR / f"{FROM_SCRATCH}.ipynb"
    if not path.is_file():
        pytest.skip(f"{path.name} has not landed yet")
    assert_same_twice(path, expect_training=False)


def test_training_notebook_is_deterministic():
    present = [
        NOTEBOOKS_DIR / f"{n}.ipynb"
        for n in TRAINING_CANDIDATES
        if (NOTEBOOKS_DIR / f"{n}.ipynb").is_file()
    ]
    if not present:
        pytest.skip(
            f"none of {', '.join(TRAINING_CANDIDATES)} has landed yet (the fixture "
            f"test below covers Keras training meanwhile)"
        )
    assert_same_twice(present[0], expect_training=True)


def test_seeded_keras_training_fixture_is_deterministic(tmp_path):
    assert_same_twice(fixture_notebook(tmp_path), expect_training=True)


def test_stream_chunks_do_not_matter():
    def cell(*texts):
        return nbformat.v4.new_code_cell(
            outputs=[nbformat.v4.new_output("stream", name="stdout", text=t) for t in texts]
        )

    assert text_of(cell("a\nb\n")) == text_of(cell("a\n", "b\n")) == "[stdout] a\nb\n"


def test_normalisation_blanks_only_timings():
    line = "63/63 - 1s - 12ms/step - accuracy: 0.9125 - loss: 0.2345 - val_loss: 0.3012"
    assert normalised(line) == (
        "63/63 - <time> - <time> - accuracy: 0.9125 - loss: 0.2345 - val_loss: 0.3012"
    )
    assert normalised("<Figure at 0x7f3a2b1c9d80>") == "<Figure at 0x…>"
    assert normalised("training time     0.51 s") == normalised("training time    10.49 s")
