"""Live progress (course_utils.live_progress): one tidy line per training in a real kernel."""

from __future__ import annotations

import io
import re

import nbformat
import pytest
from nbclient import NotebookClient

from course_utils.live_progress import StatusLine, in_notebook, progress_bar, progress_over

#: Characters that redraw a line in a terminal; a saved notebook must never hold them.
REDRAW = re.compile(r"[\r\x08]|\x1b\[[0-9;]*[A-HJKSTf]")

TRAINING = """\
from course_utils import setup_notebook

setup_notebook(seed=0)

import keras
import numpy as np
from course_utils.live_progress import progress_bar, progress_over
"""
FIT = """\
x = np.random.default_rng(0).random((256, 4))
y = (x.sum(axis=1) > 2).astype(int)
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
history = model.fit(x, y, epochs=5, validation_split=0.25, verbose=0,
                    callbacks=[progress_bar("tiny model")])
model.fit(x, y, epochs=3, verbose=0, callbacks=[progress_bar("second model")])
print("trained")
"""
LOOP = """\
total = 0
for n in progress_over([5, 20, 100], "budgets"):
    total += n
print(total)
"""


@pytest.fixture(scope="module")
def executed():
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nb.cells = [nbformat.v4.new_code_cell(s) for s in (TRAINING, FIT, LOOP)]
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    return nb


def lines(cell) -> list[str]:
    return [
        o["data"]["text/plain"]
        for o in cell.outputs
        if o.output_type == "display_data" and "text/plain" in o["data"]
    ]


def test_each_training_leaves_one_final_line_with_its_epochs_and_loss(executed):
    fit = executed.cells[1]
    first, second = lines(fit)
    assert first.startswith("tiny model: 5/5 epochs |") and "loss=" in first
    assert "val_loss=" in first and "val_accuracy=" in first
    names = re.findall(r"(\w+)=", first)
    assert names == ["loss", "accuracy", "val_loss", "val_accuracy"], "the loss first"
    assert second.startswith("second model: 3/3 epochs |") and "val_loss" not in second
    assert [o.get("text") for o in fit.outputs if o.output_type == "stream"] == ["trained\n"]


def test_a_loop_of_models_leaves_one_line_counting_them(executed):
    loop = executed.cells[2]
    assert lines(loop) == [lines(loop)[0]] and lines(loop)[0].startswith("budgets: 3/3 models |")
    assert [o.get("text") for o in loop.outputs if o.output_type == "stream"] == ["125\n"]


def test_setup_says_it_imports_tensorflow_then_how_long_it_took(executed):
    (line,) = lines(executed.cells[0])
    assert re.fullmatch(r"✔ TensorFlow \S+ imported \(\d+\.\d s\)", line), line


def test_no_redraw_characters_and_nothing_on_stderr(executed):
    for cell in executed.cells:
        for output in cell.outputs:
            text = output.get("text", "") + str(output.get("data", {}).get("text/plain", ""))
            assert not REDRAW.search(text), repr(text)
            assert output.get("name") != "stderr", output["text"]


def test_outside_a_notebook_it_is_tqdms_bar_on_the_given_stream():
    assert not in_notebook()
    stream = io.StringIO()
    assert list(progress_over(range(3), "steps", unit="steps", file=stream)) == [0, 1, 2]
    assert "steps: 3/3 steps" in stream.getvalue()
    StatusLine("nothing to show here").done("still nothing")  # no kernel: a no-op


@pytest.mark.parametrize("label", [None, "", "   ", 3, b"LeNet"])
def test_a_label_must_name_the_work(label):
    with pytest.raises(TypeError, match="label must be a short text naming the work"):
        progress_bar(label)
    with pytest.raises(TypeError, match="label must be a short text naming the work"):
        progress_over([1], label)
