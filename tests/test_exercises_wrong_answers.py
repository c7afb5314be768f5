"""Every self-check against plausible wrong answers: each is rejected, and no feedback (the
message of a wrong try, the general hint, the second hint) nor any stub's docstring contains
the reference solution.

``WRONG_ANSWERS`` lists, per exercise, the wrong answers its check must reject: a swapped
sign, a loosened comparison, a missing bias, an off-by-one, a wrong shape. They live in
``tests/wrong_answers/``, one module per notebook. The reference
solutions are the notebooks' cells tagged ``solution``, read (never run); a "line" of one is any
statement or sub-expression of at least :data:`MIN_FRAGMENT` characters, compared with
whitespace removed. That the references pass is read from the committed notebooks' records.
"""

from __future__ import annotations

import ast
import re
from typing import Any

import nbformat
import numpy as np
import pytest
from wrong_answers import CHECKS, WRONG_ANSWERS

from course_utils.exercises import catalogues
from course_utils.paths import NOTEBOOKS_DIR

MIN_FRAGMENT = 8


CATALOGUES = catalogues()
EXERCISES = [(nb, name) for nb, catalogue in CATALOGUES.items() for name in catalogue.names]


# --------------------------------------------------------------------------- the references
def squash(text: str) -> str:
    """Text compared with whitespace removed (and the typographic operators made plain)."""
    for fancy, plain in (("−", "-"), ("·", "*"), ("×", "*")):
        text = text.replace(fancy, plain)
    return re.sub(r"\s+", "", text)


def loose(squashed: str) -> str:
    """A formula as people write it: no multiplication signs, one kind of division
    (``(h + 2p - f) / s`` matches ``(h + 2 * p - f) // s``)."""
    return squashed.replace("**", "^").replace("*", "").replace("//", "/")


def gives_away(fragment: str, squashed_text: str) -> bool:
    return fragment in squashed_text or loose(fragment) in loose(squashed_text)


def solution_sources(notebook: str) -> dict[str, str]:
    """Each name a notebook's solution cells define -> the source of its definition."""
    nb = nbformat.read(NOTEBOOKS_DIR / f"{notebook}.ipynb", as_version=4)
    found = {}
    for cell in nb.cells:
        if "solution" not in cell.metadata.get("tags", []):
            continue
        for node in ast.parse(cell.source).body:
            names = (
                [node.name]
                if isinstance(node, ast.FunctionDef)
                else [t.id for t in node.targets if isinstance(t, ast.Name)]
            )
            for name in names:
                found[name] = ast.get_source_segment(cell.source, node)
    return found


def fragments(source: str) -> set[str]:
    """The "lines" of a reference solution: its statements and sub-expressions, squashed.

    A function's signature and docstring are the task, not the answer; bare names, constants,
    attribute lookups (``keras.Sequential``) and a tuple of the names returned are not answers
    either.
    """
    node = ast.parse(source).body[0]
    body = node.body[1:] if isinstance(node, ast.FunctionDef) else [node.value]
    found = set()
    for statement in body:
        for sub in ast.walk(statement):
            if isinstance(
                sub,
                ast.Name
                | ast.Constant
                | ast.Attribute
                | ast.keyword
                | ast.expr_context
                | ast.operator
                | ast.cmpop
                | ast.unaryop
                | ast.boolop
                | ast.arguments
                | ast.arg
                | ast.comprehension,
            ):
                continue
            if isinstance(sub, ast.Tuple) and all(isinstance(e, ast.Name) for e in sub.elts):
                continue  # the names of what is returned, as the task states them
            segment = ast.get_source_segment(source, sub)
            if segment and len(squash(segment)) >= MIN_FRAGMENT:
                found.add(squash(segment))
    for line in ast.get_source_segment(source, node).splitlines()[1:]:
        if len(squash(line)) >= MIN_FRAGMENT and '"""' not in line:
            found.add(squash(line))
    return found


_OPERATORS = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.FloorDiv: lambda a, b: a // b,
    ast.Pow: lambda a, b: a**b,
}


def _arithmetic(node: ast.AST) -> Any:
    """The value of a plain-number expression (``(0.25 * 2) ** 10``, ``[1.5, -1.0]``), read
    without running any code; ``None`` for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        value = _arithmetic(node.operand)
        return None if value is None else -value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        left, right = _arithmetic(node.left), _arithmetic(node.right)
        return None if left is None or right is None else _OPERATORS[type(node.op)](left, right)
    if isinstance(node, ast.List | ast.Tuple):
        values = [_arithmetic(e) for e in node.elts]
        return None if any(v is None for v in values) else values
    return None


def reference_value(notebook: str, name: str) -> Any:
    """The number (or list of numbers) a value exercise's solution assigns, else ``None``."""
    node = ast.parse(solution_sources(notebook)[name]).body[0]
    return _arithmetic(node.value) if isinstance(node, ast.Assign) else None


def is_function(notebook: str, name: str) -> bool:
    return isinstance(ast.parse(solution_sources(notebook)[name]).body[0], ast.FunctionDef)


def feedback(notebook: str, name: str, message: str) -> str:
    exercise = CATALOGUES[notebook][name]
    return "\n".join([message, exercise.hint, exercise.nudge])


# --------------------------------------------------------------------------- the tests
def test_every_exercise_of_every_notebook_has_a_check_and_wrong_answers():
    assert set(EXERCISES) == set(CHECKS) == set(WRONG_ANSWERS)
    for key, wrong in WRONG_ANSWERS.items():
        assert len(wrong) >= 4, f"{key}: list at least four plausible wrong answers"


@pytest.mark.parametrize("notebook", list(CATALOGUES))
def test_catalogues_name_what_the_solution_cells_define_in_order(notebook):
    assert tuple(solution_sources(notebook)) == CATALOGUES[notebook].names


@pytest.mark.parametrize("notebook", list(CATALOGUES))
def test_the_committed_notebooks_pass_every_exercise(notebook):
    """The reference solutions pass their checks: the committed outputs' records say so."""
    from course_utils.progress import records_in, statuses

    nb = nbformat.read(NOTEBOOKS_DIR / f"{notebook}.ipynb", as_version=4)
    if not any(record.get("notebook") == notebook for _, record in records_in(nb)):
        pytest.skip(f"{notebook}'s outputs predate the self-checks' records: re-execute it")
    assert set(statuses(nb, notebook).values()) == {"passed"}


@pytest.mark.parametrize(
    "notebook, name, label, wrong",
    [
        pytest.param(nb, name, label, wrong, id=f"{nb[:2]}-{name}-{label}")
        for (nb, name), answers in WRONG_ANSWERS.items()
        for label, wrong in answers
    ],
)
def test_wrong_answers_are_rejected_without_giving_the_answer(notebook, name, label, wrong):
    with np.errstate(all="ignore"):
        result = CHECKS[notebook, name](wrong, quiet=True)
    assert result.status == "failed", f"{label!r} passed: {result.message}"
    assert result.record["exercise"] == name and result.record["notebook"] == notebook
    assert "Hint:" in result.message
    said = squash(feedback(notebook, name, result.message))
    for fragment in fragments(solution_sources(notebook)[name]):
        assert not gives_away(fragment, said), (
            f"the feedback gives away {fragment!r}:\n{result.message}"
        )
    answer = reference_value(notebook, name)
    if isinstance(answer, int | float):
        assert squash(f"{answer:,}") not in said and str(answer) not in said.replace(
            str(wrong), ""
        ), f"the feedback tells the answer {answer}"


@pytest.mark.parametrize("notebook, name", EXERCISES)
def test_no_hint_or_stub_docstring_contains_the_solution(notebook, name):
    source = solution_sources(notebook)[name]
    node = ast.parse(source).body[0]
    docstring = ast.get_docstring(node) if isinstance(node, ast.FunctionDef) else ""
    text = squash(feedback(notebook, name, "") + (docstring or ""))
    for fragment in fragments(source):
        assert not gives_away(fragment, text), (
            f"{notebook} {name}: the hints or docstring hold {fragment!r}"
        )


@pytest.mark.parametrize("notebook, name", EXERCISES)
def test_stubs_and_placeholders_are_not_yet(notebook, name):
    def stub(*args, **kwargs):
        raise NotImplementedError(f"{name} is not written yet")

    placeholder = stub if is_function(notebook, name) else ...
    result = CHECKS[notebook, name](placeholder, quiet=True)
    assert result.status == "not yet" and result.message.startswith("⏳"), result.message
