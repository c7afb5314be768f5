"""Helpers under bad input: every public function of course_utils that takes arrays or paths
rejects wrong shapes, dtypes, empty input and bad paths with an error that names the argument.

The functions are discovered by introspection (every public function defined in a
course_utils module with a parameter annotated as an array or path, or named like one), and
:data:`BAD_INPUTS` lists, per function, calls with bad input and the words the error must
contain (the argument's name, or for a path the path itself). A new public array/path
function without an entry makes :func:`test_every_array_or_path_function_has_an_entry` fail:
add its bad inputs (or an exemption with the reason) below.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import course_utils

# --------------------------------------------------------------------------- discovery
ARRAY_OR_PATH_ANNOTATION = re.compile(r"ndarray|ArrayLike|PathLike|\bPath\b")
ARRAY_OR_PATH_NAMES = {
    "x", "X", "y", "W", "w", "b", "m", "v", "grad", "grad_out", "image", "images", "values",
    "kernels", "maps", "y_true", "y_pred", "arrays", "array", "path", "paths", "file",
    "history", "data", "features", "labels",
}
PATH_SUFFIXES = ("_dir", "_path", "_file", "_json", "_md")


def _modules() -> list[Any]:
    modules = []
    for info in pkgutil.walk_packages(course_utils.__path__, "course_utils."):
        if info.name.rsplit(".", 1)[-1].startswith("_") and not info.name.endswith("__main__"):
            continue
        modules.append(importlib.import_module(info.name))
    return modules


def takes_arrays_or_paths(func: Callable[..., Any]) -> bool:
    for param in inspect.signature(func).parameters.values():
        annotation = str(param.annotation)
        if "Callable" in annotation:  # a function that receives arrays (a self-check's argument)
            continue
        if (ARRAY_OR_PATH_ANNOTATION.search(annotation) or param.name in ARRAY_OR_PATH_NAMES
                or param.name.endswith(PATH_SUFFIXES)):
            return True
    return False


def discover() -> dict[str, Callable[..., Any]]:
    found = {}
    for module in _modules():
        for name, obj in vars(module).items():
            if (not name.startswith("_") and inspect.isfunction(obj)
                    and obj.__module__ == module.__name__ and takes_arrays_or_paths(obj)):
                found[f"{module.__name__}.{name}"] = obj
    return found


FUNCTIONS = discover()


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
    gap: str = ""  # a known missing check, reported to the function's owner (xfail)


def _mnist_error():
    from course_utils.mnist import MnistUnavailableError

    return MnistUnavailableError


def _text_file(tmp: Path, name: str = "not_an_image.png", text: str = "hello") -> Path:
    path = tmp / name
    path.write_text(text)
    return path


def _arrays(**changes):
    good = {"x_train": np.zeros((3, 28, 28), np.uint8), "y_train": np.zeros(3, np.uint8),
            "x_test": np.zeros((2, 28, 28), np.uint8), "y_test": np.zeros(2, np.uint8)}
    good.update(changes)
    return good


PREDICT = staticmethod(lambda P: (P.sum(axis=1) > 0).astype(int))
STRINGS = np.array([["a", "b"], ["c", "d"]])
#: qualified name -> list of Bad calls, or a str: the reason the function is exempt.
BAD_INPUTS: dict[str, list[Bad] | str] = {
    # ---- data
    "course_utils.mnist.load_mnist_file": [
        Bad("missing", lambda t: fn("course_utils.mnist.load_mnist_file")(t / "no.npz"),
            r"no\.npz.*does not exist", (_mnist_error(),)),
        Bad("folder", lambda t: fn("course_utils.mnist.load_mnist_file")(t), "folder",
            (_mnist_error(),)),
        Bad("not a path", lambda t: fn("course_utils.mnist.load_mnist_file")(123), "path"),
        Bad("empty path", lambda t: fn("course_utils.mnist.load_mnist_file")(""), "path"),
        Bad("empty file", lambda t: fn("course_utils.mnist.load_mnist_file")(
            _text_file(t, "e.npz", "")), r"e\.npz.*corrupt", (_mnist_error(),)),
    ],
    "course_utils.mnist.validate_mnist_arrays": [
        Bad("not a dict", lambda t: fn("course_utils.mnist.validate_mnist_arrays")(None, "s"),
            "arrays"),
        Bad("list not array", lambda t: fn("course_utils.mnist.validate_mnist_arrays")(
            _arrays(y_test=[0, 1]), "s"), "y_test", (_mnist_error(),)),
        Bad("shape", lambda t: fn("course_utils.mnist.validate_mnist_arrays")(
            _arrays(x_train=np.zeros((3, 784), np.uint8)), "s"), "x_train", (_mnist_error(),)),
        Bad("dtype", lambda t: fn("course_utils.mnist.validate_mnist_arrays")(
            _arrays(x_test=np.zeros((2, 28, 28), np.float32)), "s"), "x_test", (_mnist_error(),)),
        Bad("empty", lambda t: fn("course_utils.mnist.validate_mnist_arrays")(
            _arrays(x_test=np.zeros((0, 28, 28), np.uint8), y_test=np.zeros(0, np.uint8)), "s"),
            "x_test", (_mnist_error(),)),
    ],
    "course_utils.images.read_image": [
        Bad("missing", lambda t: fn("course_utils.images.read_image")(t / "no.png"), "path",
            (FileNotFoundError,)),
        Bad("folder", lambda t: fn("course_utils.images.read_image")(t), "path",
            (IsADirectoryError,)),
        Bad("not a path", lambda t: fn("course_utils.images.read_image")(None), "path"),
        Bad("not an image", lambda t: fn("course_utils.images.read_image")(_text_file(t)),
            r"not_an_image\.png"),
        Bad("empty file", lambda t: fn("course_utils.images.read_image")(
            _text_file(t, "empty.png", "")), r"empty\.png"),
    ],
    "course_utils.images.to_mnist_style": [
        Bad("1-D", lambda t: fn("course_utils.images.to_mnist_style")(np.zeros(10, np.uint8)),
            "image"),
        Bad("4 channels", lambda t: fn("course_utils.images.to_mnist_style")(
            np.zeros((8, 8, 4), np.uint8)), "image"),
        Bad("float", lambda t: fn("course_utils.images.to_mnist_style")(np.zeros((8, 8))),
            "image"),
        Bad("empty", lambda t: fn("course_utils.images.to_mnist_style")(
            np.zeros((0, 0), np.uint8)), "image"),
        Bad("None (cv2.imread failed)", lambda t: fn("course_utils.images.to_mnist_style")(None),
            "image"),
        Bad("no digit", lambda t: fn("course_utils.images.to_mnist_style")(
            np.full((40, 40), 255, np.uint8)), "image"),
    ],
    # ---- plotting
    "course_utils.plotting.images.show_images": [
        Bad("2-D", lambda t: fn("course_utils.plotting.images.show_images")(np.zeros((8, 8))),
            "images"),
        Bad("empty", lambda t: fn("course_utils.plotting.images.show_images")(np.zeros((0, 8, 8))),
            "images"),
        Bad("labels", lambda t: fn("course_utils.plotting.images.show_images")(
            np.zeros((3, 8, 8)), labels=[1]), "labels"),
        Bad("ncols", lambda t: fn("course_utils.plotting.images.show_images")(
            np.zeros((3, 8, 8)), ncols=0), "ncols"),
    ],
    "course_utils.plotting.images.as_nonempty_array": [
        Bad("empty", lambda t: fn("course_utils.plotting.images.as_nonempty_array")("thing", []),
            "thing"),
    ],
    "course_utils.plotting.boundaries.plot_decision_boundary": [
        Bad("X shape", lambda t: fn("course_utils.plotting.boundaries.plot_decision_boundary")(
            PREDICT, np.zeros((4, 3)), np.zeros(4)), "X"),
        Bad("y shape", lambda t: fn("course_utils.plotting.boundaries.plot_decision_boundary")(
            PREDICT, np.zeros((4, 2)), np.zeros(3)), "y"),
        Bad("empty X", lambda t: fn("course_utils.plotting.boundaries.plot_decision_boundary")(
            PREDICT, np.zeros((0, 2)), np.zeros(0)), "X"),
        Bad("X strings", lambda t: fn("course_utils.plotting.boundaries.plot_decision_boundary")(
            PREDICT, STRINGS, np.zeros(2)), r"\bX\b"),
        Bad("predict", lambda t: fn("course_utils.plotting.boundaries.plot_decision_boundary")(
            "model", np.zeros((4, 2)), np.zeros(4)), "predict"),
    ],
    "course_utils.plotting.cnn.show_matrix": [
        Bad("3-D", lambda t: fn("course_utils.plotting.cnn.show_matrix")(np.zeros((2, 2, 2))),
            "values"),
        Bad("strings", lambda t: fn("course_utils.plotting.cnn.show_matrix")(STRINGS), "values"),
        Bad("empty", lambda t: fn("course_utils.plotting.cnn.show_matrix")(np.zeros((0, 3))),
            "values"),
    ],
    "course_utils.plotting.cnn.plot_filters": [
        Bad("2-D", lambda t: fn("course_utils.plotting.cnn.plot_filters")(np.zeros((3, 3))),
            "kernels"),
        Bad("empty", lambda t: fn("course_utils.plotting.cnn.plot_filters")([]), "kernels"),
        Bad("channel", lambda t: fn("course_utils.plotting.cnn.plot_filters")(
            np.zeros((3, 3, 1, 2)), channel=1), "channel"),
        Bad("strings", lambda t: fn("course_utils.plotting.cnn.plot_filters")(
            np.full((3, 3, 2), "a")), "kernels"),
    ],
    "course_utils.plotting.cnn.plot_feature_maps": [
        Bad("batch of 2", lambda t: fn("course_utils.plotting.cnn.plot_feature_maps")(
            np.zeros((2, 4, 4, 3))), "maps"),
        Bad("2-D", lambda t: fn("course_utils.plotting.cnn.plot_feature_maps")(np.zeros((4, 4))),
            "maps"),
        Bad("empty", lambda t: fn("course_utils.plotting.cnn.plot_feature_maps")(np.zeros((0,))),
            "maps"),
    ],
    "course_utils.plotting.cnn.plot_predictions": [
        Bad("2-D images", lambda t: fn("course_utils.plotting.cnn.plot_predictions")(
            np.zeros((8, 8)), [1]), "images"),
        Bad("probabilities", lambda t: fn("course_utils.plotting.cnn.plot_predictions")(
            np.zeros((2, 8, 8)), np.zeros((2, 10))), "y_pred"),
        Bad("y_true length", lambda t: fn("course_utils.plotting.cnn.plot_predictions")(
            np.zeros((2, 8, 8)), [1, 2], [1]), "y_true"),
        Bad("empty", lambda t: fn("course_utils.plotting.cnn.plot_predictions")(
            np.zeros((0, 8, 8)), []), "images"),
    ],
    "course_utils.plotting.surfaces.plot_loss_surface": [
        Bad("path shape", lambda t: fn("course_utils.plotting.surfaces.plot_loss_surface")(
            lambda a, b: a + b, (-1, 1), (-1, 1), paths={"sgd": np.zeros((3, 3))}), "paths"),
        Bad("empty path", lambda t: fn("course_utils.plotting.surfaces.plot_loss_surface")(
            lambda a, b: a + b, (-1, 1), (-1, 1), paths={"sgd": []}), "paths"),
        Bad("paths not a dict", lambda t: fn("course_utils.plotting.surfaces.plot_loss_surface")(
            lambda a, b: a + b, (-1, 1), (-1, 1), paths=np.zeros((3, 2))), "paths"),
        Bad("xlim", lambda t: fn("course_utils.plotting.surfaces.plot_loss_surface")(
            lambda a, b: a + b, (1, -1), (-1, 1)), "xlim"),
    ],
    "course_utils.plotting.surfaces.plot_path_1d": [
        Bad("2-D", lambda t: fn("course_utils.plotting.surfaces.plot_path_1d")(
            lambda w: w ** 2, np.zeros((3, 2))), "path"),
        Bad("empty", lambda t: fn("course_utils.plotting.surfaces.plot_path_1d")(
            lambda w: w ** 2, []), "path"),
        Bad("strings", lambda t: fn("course_utils.plotting.surfaces.plot_path_1d")(
            lambda w: w ** 2, ["a", "b"]), "path"),
    ],
    "course_utils.plotting.training.plot_history": [
        Bad("empty", lambda t: fn("course_utils.plotting.training.plot_history")({}), "history"),
        Bad("array", lambda t: fn("course_utils.plotting.training.plot_history")(np.zeros(3)),
            "history"),
        Bad("unknown metric", lambda t: fn("course_utils.plotting.training.plot_history")(
            {"loss": [1.0]}, ["accuracy"]), "metrics"),
    ],
    "course_utils.plotting.training.plot_confusion_matrix": [
        Bad("one-hot", lambda t: fn("course_utils.plotting.training.plot_confusion_matrix")(
            np.eye(3), [0, 1, 2]), "y_true"),
        Bad("lengths", lambda t: fn("course_utils.plotting.training.plot_confusion_matrix")(
            [0, 1, 2], [0, 1]), "y_pred"),
        Bad("empty", lambda t: fn("course_utils.plotting.training.plot_confusion_matrix")(
            [], []), "y_true"),
    ],
    # ---- commands and their helpers
    "course_utils.student.write_student_versions": [
        Bad("missing folder", lambda t: fn("course_utils.student.write_student_versions")(
            t / "nope", t / "out"), "notebooks_dir", (FileNotFoundError,)),
        Bad("empty folder", lambda t: fn("course_utils.student.write_student_versions")(
            t, t.parent / f"{t.name}_out"), "notebooks_dir", (FileNotFoundError,)),
        Bad("out inside notebooks", lambda t: fn("course_utils.student.write_student_versions")(
            out_dir=course_utils.paths.NOTEBOOKS_DIR / "x"), "out_dir"),
        Bad("unknown name", lambda t: fn("course_utils.student.write_student_versions")(
            out_dir=t / "out", names=["99_nothing"]), "names"),
    ],
    "course_utils.readme.read_lesson": [
        Bad("missing", lambda t: fn("course_utils.readme.read_lesson")(t / "x.ipynb"), "path",
            (FileNotFoundError,)),
        Bad("not a notebook", lambda t: fn("course_utils.readme.read_lesson")(_text_file(t)),
            "path", (FileNotFoundError,)),
        Bad("not a path", lambda t: fn("course_utils.readme.read_lesson")(None), "path"),
    ],
    "course_utils.readme.read_lessons": [
        Bad("missing folder", lambda t: fn("course_utils.readme.read_lessons")(t / "nope"),
            "notebooks_dir", (FileNotFoundError,)),
    ],
    "course_utils.readme.readme_blocks": [
        Bad("missing folder", lambda t: fn("course_utils.readme.readme_blocks")({}, t / "nope"),
            "notebooks_dir", (FileNotFoundError,)),
    ],
    "course_utils.readme.update_readme": [
        Bad("missing readme", lambda t: fn("course_utils.readme.update_readme")(t / "R.md"),
            "readme", (FileNotFoundError,)),
        Bad("no markers", lambda t: fn("course_utils.readme.update_readme")(
            _text_file(t, "R.md", "# no markers")), "notebooks:start"),
    ],
    "course_utils.readme.check": [
        Bad("missing readme", lambda t: fn("course_utils.readme.check")(t / "R.md"), "readme",
            (FileNotFoundError,)),
    ],
    "course_utils.readme.write_everything": [
        Bad("missing readme", lambda t: fn("course_utils.readme.write_everything")(
            {}, readme=t / "R.md", report_md=t / "r.md"), "readme", (FileNotFoundError,)),
    ],
    "course_utils.idx.read_idx": [
        Bad("missing", lambda t: fn("course_utils.idx.read_idx")(t / "x.gz"), "path",
            (FileNotFoundError,)),
        Bad("not IDX", lambda t: fn("course_utils.idx.read_idx")(_text_file(t)), "path"),
        Bad("not a path", lambda t: fn("course_utils.idx.read_idx")(3), "path"),
    ],
    "course_utils.idx.missing_idx_files": [
        Bad("not a path", lambda t: fn("course_utils.idx.missing_idx_files")(None), "idx_dir"),
    ],
    "course_utils.idx.require_idx_files": [
        Bad("empty folder", lambda t: fn("course_utils.idx.require_idx_files")(t), "idx_dir",
            (FileNotFoundError,)),
    ],
    "course_utils.idx.idx_to_npz": [
        Bad("empty folder", lambda t: fn("course_utils.idx.idx_to_npz")(t, t / "m.npz"),
            "idx_dir", (FileNotFoundError,)),
        Bad("not .npz", lambda t: fn("course_utils.idx.idx_to_npz")(t, t / "m.txt"), "npz_path"),
    ],
    "course_utils.bench.run_notebook": [
        Bad("missing", lambda t: fn("course_utils.bench.run_notebook")(t / "x.ipynb"), "path",
            (FileNotFoundError,)),
        Bad("not a notebook", lambda t: fn("course_utils.bench.run_notebook")(_text_file(t)),
            "path", (FileNotFoundError,)),
        Bad("not a path", lambda t: fn("course_utils.bench.run_notebook")(1), "path"),
        Bad("timeout", lambda t: fn("course_utils.bench.run_notebook")(
            course_utils.paths.course_notebooks()[0], timeout=0), "timeout"),
    ],
    "course_utils.bench.resolve_notebooks": [
        Bad("missing folder", lambda t: fn("course_utils.bench.resolve_notebooks")([], t / "no"),
            "notebooks_dir", (FileNotFoundError,)),
        Bad("unknown name", lambda t: fn("course_utils.bench.resolve_notebooks")(["99"]), "99",
            (FileNotFoundError,)),
        Bad("a string", lambda t: fn("course_utils.bench.resolve_notebooks")("01"), "names"),
    ],
    "course_utils.bench.mnist_file_for": [
        Bad("missing file", lambda t: fn("course_utils.bench.mnist_file_for")(
            fn("course_utils.bench.setting_for")(full_size=False, cores=2),
            mnist_path=t / "x.npz").__enter__(), "mnist_path", (FileNotFoundError,)),
        Bad("no IDX files", lambda t: fn("course_utils.bench.mnist_file_for")(
            fn("course_utils.bench.setting_for")(full_size=True, cores=2),
            idx_dir=t).__enter__(), "idx_dir", (FileNotFoundError,)),
    ],
    "course_utils.bench.load_results": (
        "a missing results file means 'nothing measured yet' by design (returns an empty table)"),
    "course_utils.bench.save_results": "writes its output path, creating folders as needed",
    "course_utils.bench.run_benchmark": (
        "runs notebooks: its notebook and folder arguments go through resolve_notebooks and its "
        "data arguments through mnist_file_for (above); its other paths are outputs it creates"),
    "course_utils.__main__.main": "the command line: argparse reports bad arguments itself",
    "course_utils.exercises.perceptron.check_gate_weights": (
        "a self-check: a wrong answer is reported as a failed check, not raised (see "
        "test_self_check_reports_wrong_answers below)"),
    # ---- reference answers of self-checks (called by the checks with fixed, valid inputs)
    "course_utils.exercises.backprop.reference_dense_backward": (
        "reference answer that check_dense_backward calls with fixed valid inputs; no checks "
        "of its own (reported to the owner of notebook 04)"),
    "course_utils.exercises.gradient_descent.reference_adam_step": (
        "reference answer that check_adam_step calls with fixed valid inputs; no checks of its "
        "own (reported to the owner of notebook 03)"),
}


def _cases() -> list[Any]:
    params = []
    for qualified, entry in BAD_INPUTS.items():
        if isinstance(entry, str):
            continue
        for bad in entry:
            marks = [pytest.mark.xfail(reason=f"known gap, reported: {bad.gap}", strict=False)
                     ] if bad.gap else []
            params.append(pytest.param(qualified, bad, id=f"{qualified.removeprefix('course_utils.')}"
                                                          f"-{bad.label}", marks=marks))
    return params


# --------------------------------------------------------------------------- the tests
def test_discovery_finds_the_known_helpers():
    for known in ("course_utils.mnist.load_mnist_file", "course_utils.images.read_image",
                  "course_utils.plotting.images.show_images"):
        assert known in FUNCTIONS
    assert "course_utils.exercises.perceptron.check_threshold_unit" not in FUNCTIONS, \
        "self-checks take the learner's function, not arrays"


def test_every_array_or_path_function_has_an_entry():
    missing = sorted(set(FUNCTIONS) - set(BAD_INPUTS))
    assert not missing, (
        f"public functions taking arrays or paths without bad-input cases in "
        f"{Path(__file__).name}: {missing}. Add calls with wrong shapes, dtypes, empty input and "
        f"bad paths to BAD_INPUTS (or an exemption with its reason).")


def test_every_entry_is_a_public_function():
    stale = []
    for qualified in BAD_INPUTS:
        module, name = qualified.rsplit(".", 1)
        try:
            obj = getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            stale.append(qualified)
            continue
        assert inspect.isfunction(obj), qualified
    assert not stale, f"entries for functions that no longer exist: {stale}"


def test_exemptions_give_a_reason():
    for qualified, entry in BAD_INPUTS.items():
        assert entry, f"{qualified}: empty entry"
        if isinstance(entry, str):
            assert len(entry) > 20, f"{qualified}: say why it is exempt"


@pytest.mark.parametrize("qualified, bad", _cases())
def test_bad_input_is_rejected_with_a_clear_error(qualified, bad, tmp_path):
    with pytest.raises(bad.raises) as info:
        bad.call(tmp_path)
    message = str(info.value)
    assert re.search(bad.names, message, re.S), (
        f"{qualified} ({bad.label}): the error must name {bad.names!r}; it says: {message!r}")


@pytest.mark.parametrize("answer", [..., None, [], [[1, 2], [3, 4]], np.zeros(5), "abc"])
def test_self_check_reports_wrong_answers(answer):
    from course_utils.exercises.perceptron import check_gate_weights

    assert not check_gate_weights(answer, "or", quiet=True)
