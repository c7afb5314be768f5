"""Learner-facing helpers under bad input: each function a notebook calls with arrays or paths
rejects wrong shapes, dtypes, empty input and bad paths with an error that names the argument.

:data:`BAD_INPUTS` lists those functions explicitly, each with calls that pass bad input and
the words the error must contain (the argument's name, or for a path the path itself), and
:func:`test_every_listed_function_is_called_by_a_notebook` keeps the list honest. Internal
helpers and the maintainers' tools (bench, readme, idx) are tested in their own test files and
are not held to this table. Student versions (``write_student_versions``) are listed because
instructors call them.
"""

from __future__ import annotations

import importlib
import inspect
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import course_utils
from course_utils.paths import course_notebooks


def fn(qualified: str) -> Callable[..., Any]:
    module, name = qualified.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


# --------------------------------------------------------------------------- the table
@dataclass(frozen=True)
class Bad:
    """One bad call: ``call(tmp_path)`` must raise ``raises`` with ``names`` in the message."""

    label: str
    call: Callable[[Path], Any]
    names: str  # regex the message must match: the argument's name (or the bad path)
    raises: tuple[type[BaseException], ...] = (ValueError, TypeError)


def _mnist_error():
    from course_utils.mnist import MnistUnavailableError

    return MnistUnavailableError


def _text_file(tmp: Path, name: str = "not_an_image.png", text: str = "hello") -> Path:
    path = tmp / name
    path.write_text(text)
    return path


def _arrays(**changes):
    good = {
        "x_train": np.zeros((3, 28, 28), np.uint8),
        "y_train": np.zeros(3, np.uint8),
        "x_test": np.zeros((2, 28, 28), np.uint8),
        "y_test": np.zeros(2, np.uint8),
    }
    good.update(changes)
    return good


PREDICT = staticmethod(lambda P: (P.sum(axis=1) > 0).astype(int))
STRINGS = np.array([["a", "b"], ["c", "d"]])
#: The learner-facing functions that take arrays or paths -> calls with bad input.
BAD_INPUTS: dict[str, list[Bad]] = {
    # ---- data
    "course_utils.mnist.load_mnist_file": [
        Bad(
            "missing",
            lambda t: fn("course_utils.mnist.load_mnist_file")(t / "no.npz"),
            r"no\.npz.*does not exist",
            (_mnist_error(),),
        ),
        Bad(
            "folder",
            lambda t: fn("course_utils.mnist.load_mnist_file")(t),
            "folder",
            (_mnist_error(),),
        ),
        Bad("not a path", lambda t: fn("course_utils.mnist.load_mnist_file")(123), "path"),
        Bad("empty path", lambda t: fn("course_utils.mnist.load_mnist_file")(""), "path"),
        Bad(
            "empty file",
            lambda t: fn("course_utils.mnist.load_mnist_file")(_text_file(t, "e.npz", "")),
            r"e\.npz.*corrupt",
            (_mnist_error(),),
        ),
    ],
    "course_utils.mnist.validate_mnist_arrays": [
        Bad(
            "not a dict",
            lambda t: fn("course_utils.mnist.validate_mnist_arrays")(None, "s"),
            "arrays",
        ),
        Bad(
            "list not array",
            lambda t: fn("course_utils.mnist.validate_mnist_arrays")(_arrays(y_test=[0, 1]), "s"),
            "y_test",
            (_mnist_error(),),
        ),
        Bad(
            "shape",
            lambda t: fn("course_utils.mnist.validate_mnist_arrays")(
                _arrays(x_train=np.zeros((3, 784), np.uint8)), "s"
            ),
            "x_train",
            (_mnist_error(),),
        ),
        Bad(
            "dtype",
            lambda t: fn("course_utils.mnist.validate_mnist_arrays")(
                _arrays(x_test=np.zeros((2, 28, 28), np.float32)), "s"
            ),
            "x_test",
            (_mnist_error(),),
        ),
        Bad(
            "empty",
            lambda t: fn("course_utils.mnist.validate_mnist_arrays")(
                _arrays(x_test=np.zeros((0, 28, 28), np.uint8), y_test=np.zeros(0, np.uint8)), "s"
            ),
            "x_test",
            (_mnist_error(),),
        ),
    ],
    "course_utils.images.read_image": [
        Bad(
            "missing",
            lambda t: fn("course_utils.images.read_image")(t / "no.png"),
            "path",
            (FileNotFoundError,),
        ),
        Bad(
            "folder",
            lambda t: fn("course_utils.images.read_image")(t),
            "path",
            (IsADirectoryError,),
        ),
        Bad("not a path", lambda t: fn("course_utils.images.read_image")(None), "path"),
        Bad(
            "not an image",
            lambda t: fn("course_utils.images.read_image")(_text_file(t)),
            r"not_an_image\.png",
        ),
        Bad(
            "empty file",
            lambda t: fn("course_utils.images.read_image")(_text_file(t, "empty.png", "")),
            r"empty\.png",
        ),
    ],
    "course_utils.images.to_mnist_style": [
        Bad(
            "1-D",
            lambda t: fn("course_utils.images.to_mnist_style")(np.zeros(10, np.uint8)),
            "image",
        ),
        Bad(
            "4 channels",
            lambda t: fn("course_utils.images.to_mnist_style")(np.zeros((8, 8, 4), np.uint8)),
            "image",
        ),
        Bad("float", lambda t: fn("course_utils.images.to_mnist_style")(np.zeros((8, 8))), "image"),
        Bad(
            "empty",
            lambda t: fn("course_utils.images.to_mnist_style")(np.zeros((0, 0), np.uint8)),
            "image",
        ),
        Bad(
            "None (cv2.imread failed)",
            lambda t: fn("course_utils.images.to_mnist_style")(None),
            "image",
        ),
        Bad(
            "no digit",
            lambda t: fn("course_utils.images.to_mnist_style")(np.full((40, 40), 255, np.uint8)),
            "image",
        ),
    ],
    # ---- plotting
    "course_utils.plotting.images.show_images": [
        Bad(
            "2-D",
            lambda t: fn("course_utils.plotting.images.show_images")(np.zeros((8, 8))),
            "images",
        ),
        Bad(
            "empty",
            lambda t: fn("course_utils.plotting.images.show_images")(np.zeros((0, 8, 8))),
            "images",
        ),
        Bad(
            "labels",
            lambda t: fn("course_utils.plotting.images.show_images")(
                np.zeros((3, 8, 8)), labels=[1]
            ),
            "labels",
        ),
        Bad(
            "ncols",
            lambda t: fn("course_utils.plotting.images.show_images")(np.zeros((3, 8, 8)), ncols=0),
            "ncols",
        ),
    ],
    "course_utils.plotting.boundaries.plot_decision_boundary": [
        Bad(
            "X shape",
            lambda t: fn("course_utils.plotting.boundaries.plot_decision_boundary")(
                PREDICT, np.zeros((4, 3)), np.zeros(4)
            ),
            "X",
        ),
        Bad(
            "y shape",
            lambda t: fn("course_utils.plotting.boundaries.plot_decision_boundary")(
                PREDICT, np.zeros((4, 2)), np.zeros(3)
            ),
            "y",
        ),
        Bad(
            "empty X",
            lambda t: fn("course_utils.plotting.boundaries.plot_decision_boundary")(
                PREDICT, np.zeros((0, 2)), np.zeros(0)
            ),
            "X",
        ),
        Bad(
            "X strings",
            lambda t: fn("course_utils.plotting.boundaries.plot_decision_boundary")(
                PREDICT, STRINGS, np.zeros(2)
            ),
            r"\bX\b",
        ),
        Bad(
            "predict",
            lambda t: fn("course_utils.plotting.boundaries.plot_decision_boundary")(
                "model", np.zeros((4, 2)), np.zeros(4)
            ),
            "predict",
        ),
    ],
    "course_utils.plotting.cnn.show_matrix": [
        Bad(
            "3-D",
            lambda t: fn("course_utils.plotting.cnn.show_matrix")(np.zeros((2, 2, 2))),
            "values",
        ),
        Bad("strings", lambda t: fn("course_utils.plotting.cnn.show_matrix")(STRINGS), "values"),
        Bad(
            "empty",
            lambda t: fn("course_utils.plotting.cnn.show_matrix")(np.zeros((0, 3))),
            "values",
        ),
    ],
    "course_utils.plotting.cnn.plot_filters": [
        Bad(
            "2-D",
            lambda t: fn("course_utils.plotting.cnn.plot_filters")(np.zeros((3, 3))),
            "kernels",
        ),
        Bad("empty", lambda t: fn("course_utils.plotting.cnn.plot_filters")([]), "kernels"),
        Bad(
            "channel",
            lambda t: fn("course_utils.plotting.cnn.plot_filters")(
                np.zeros((3, 3, 1, 2)), channel=1
            ),
            "channel",
        ),
        Bad(
            "strings",
            lambda t: fn("course_utils.plotting.cnn.plot_filters")(np.full((3, 3, 2), "a")),
            "kernels",
        ),
    ],
    "course_utils.plotting.cnn.plot_predictions": [
        Bad(
            "2-D images",
            lambda t: fn("course_utils.plotting.cnn.plot_predictions")(np.zeros((8, 8)), [1]),
            "images",
        ),
        Bad(
            "probabilities",
            lambda t: fn("course_utils.plotting.cnn.plot_predictions")(
                np.zeros((2, 8, 8)), np.zeros((2, 10))
            ),
            "y_pred",
        ),
        Bad(
            "y_true length",
            lambda t: fn("course_utils.plotting.cnn.plot_predictions")(
                np.zeros((2, 8, 8)), [1, 2], [1]
            ),
            "y_true",
        ),
        Bad(
            "empty",
            lambda t: fn("course_utils.plotting.cnn.plot_predictions")(np.zeros((0, 8, 8)), []),
            "images",
        ),
    ],
    "course_utils.plotting.surfaces.plot_loss_surface": [
        Bad(
            "path shape",
            lambda t: fn("course_utils.plotting.surfaces.plot_loss_surface")(
                lambda a, b: a + b, (-1, 1), (-1, 1), paths={"sgd": np.zeros((3, 3))}
            ),
            "paths",
        ),
        Bad(
            "empty path",
            lambda t: fn("course_utils.plotting.surfaces.plot_loss_surface")(
                lambda a, b: a + b, (-1, 1), (-1, 1), paths={"sgd": []}
            ),
            "paths",
        ),
        Bad(
            "paths not a dict",
            lambda t: fn("course_utils.plotting.surfaces.plot_loss_surface")(
                lambda a, b: a + b, (-1, 1), (-1, 1), paths=np.zeros((3, 2))
            ),
            "paths",
        ),
        Bad(
            "xlim",
            lambda t: fn("course_utils.plotting.surfaces.plot_loss_surface")(
                lambda a, b: a + b, (1, -1), (-1, 1)
            ),
            "xlim",
        ),
    ],
    "course_utils.plotting.surfaces.plot_path_1d": [
        Bad(
            "2-D",
            lambda t: fn("course_utils.plotting.surfaces.plot_path_1d")(
                lambda w: w**2, np.zeros((3, 2))
            ),
            "path",
        ),
        Bad(
            "empty",
            lambda t: fn("course_utils.plotting.surfaces.plot_path_1d")(lambda w: w**2, []),
            "path",
        ),
        Bad(
            "strings",
            lambda t: fn("course_utils.plotting.surfaces.plot_path_1d")(lambda w: w**2, ["a", "b"]),
            "path",
        ),
    ],
    "course_utils.plotting.training.plot_history": [
        Bad("empty", lambda t: fn("course_utils.plotting.training.plot_history")({}), "history"),
        Bad(
            "array",
            lambda t: fn("course_utils.plotting.training.plot_history")(np.zeros(3)),
            "history",
        ),
        Bad(
            "unknown metric",
            lambda t: fn("course_utils.plotting.training.plot_history")(
                {"loss": [1.0]}, ["accuracy"]
            ),
            "metrics",
        ),
    ],
    "course_utils.plotting.training.plot_confusion_matrix": [
        Bad(
            "one-hot",
            lambda t: fn("course_utils.plotting.training.plot_confusion_matrix")(
                np.eye(3), [0, 1, 2]
            ),
            "y_true",
        ),
        Bad(
            "lengths",
            lambda t: fn("course_utils.plotting.training.plot_confusion_matrix")([0, 1, 2], [0, 1]),
            "y_pred",
        ),
        Bad(
            "empty",
            lambda t: fn("course_utils.plotting.training.plot_confusion_matrix")([], []),
            "y_true",
        ),
    ],
    # ---- instructors
    "course_utils.student.write_student_versions": [
        Bad(
            "missing folder",
            lambda t: fn("course_utils.student.write_student_versions")(t / "nope", t / "out"),
            "notebooks_dir",
            (FileNotFoundError,),
        ),
        Bad(
            "empty folder",
            lambda t: fn("course_utils.student.write_student_versions")(
                t, t.parent / f"{t.name}_out"
            ),
            "notebooks_dir",
            (FileNotFoundError,),
        ),
        Bad(
            "out inside notebooks",
            lambda t: fn("course_utils.student.write_student_versions")(
                out_dir=course_utils.paths.NOTEBOOKS_DIR / "x"
            ),
            "out_dir",
        ),
        Bad(
            "unknown name",
            lambda t: fn("course_utils.student.write_student_versions")(
                out_dir=t / "out", names=["99_nothing"]
            ),
            "names",
        ),
    ],
}


def _cases() -> list[Any]:
    params = []
    for qualified, entry in BAD_INPUTS.items():
        for bad in entry:
            params.append(
                pytest.param(
                    qualified, bad, id=f"{qualified.removeprefix('course_utils.')}-{bad.label}"
                )
            )
    return params


def _notebook_code() -> str:
    code = []
    for path in course_notebooks():
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code += ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    return "\n".join(code)


# --------------------------------------------------------------------------- the tests
#: Listed functions that learners or instructors reach other than by a call in a notebook.
REACHED_OTHERWISE = {
    "course_utils.mnist.load_mnist_file": "load_mnist() reads the learner's COURSE_MNIST_PATH",
    "course_utils.mnist.validate_mnist_arrays": "load_mnist_file() checks the learner's file",
    "course_utils.student.write_student_versions": "python -m course_utils student-version",
}


def test_every_listed_function_is_called_by_a_notebook():
    code = _notebook_code()
    unused = [
        q
        for q in BAD_INPUTS
        if q not in REACHED_OTHERWISE and not re.search(rf"\b{q.rsplit('.', 1)[1]}\(", code)
    ]
    assert not unused, f"not called by any notebook, so not learner-facing: {unused}"


def test_every_entry_is_a_public_function():
    for qualified in BAD_INPUTS:
        obj = fn(qualified)
        assert inspect.isfunction(obj) and not qualified.rsplit(".", 1)[1].startswith("_")


@pytest.mark.parametrize("qualified, bad", _cases())
def test_bad_input_is_rejected_with_a_clear_error(qualified, bad, tmp_path):
    with pytest.raises(bad.raises) as info:
        bad.call(tmp_path)
    message = str(info.value)
    assert re.search(bad.names, message, re.S), (
        f"{qualified} ({bad.label}): the error must name {bad.names!r}; it says: {message!r}"
    )


@pytest.mark.parametrize("answer", [..., None, [], [[1, 2], [3, 4]], np.zeros(5), "abc"])
def test_self_check_reports_wrong_answers_instead_of_raising(answer):
    from course_utils.exercises.perceptron import check_gate_weights

    assert not check_gate_weights(answer, "or", quiet=True)
