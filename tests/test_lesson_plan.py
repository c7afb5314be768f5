"""The instructors' section of the README: its blocks, their order, and that they are current."""

import re

import nbformat
import pytest

from course_utils import lesson_plan
from course_utils.paths import NOTEBOOKS_DIR, REPO_ROOT

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def test_the_instructors_section_holds_the_lesson_table_and_the_objectives_in_order():
    markers = ["<!-- instructors:start -->", "<!-- lesson-table:start -->",
               "<!-- lesson-table:end -->", lesson_plan.START, lesson_plan.END,
               "<!-- instructors:end -->"]
    assert all(README.count(m) == 1 for m in markers), "each marker exactly once"
    positions = [README.index(m) for m in markers]
    assert positions == sorted(positions)
    section = README[positions[0]:positions[-1]]
    for needed in ("fetch-data", "COURSE_MNIST_PATH", "student-version", "Binder", "doctor",
                   "course_utils bench", "peak memory"):
        assert needed in section, f"the instructors' section should mention {needed}"


def test_the_objectives_block_is_current():
    assert lesson_plan.current_block(README) == lesson_plan.objectives_markdown().strip("\n"), \
        f"the README's objectives are stale: run `{lesson_plan.COMMAND}` and commit README.md"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_title_cell_gives_the_lesson_plan_what_it_needs(path):
    nb = nbformat.read(path, as_version=4)
    facts = lesson_plan.title_cell_facts(nb.cells[0].source)
    assert facts["number"] == path.name[:2]
    assert 3 <= len(facts["objectives"]) <= 5, facts["objectives"]
    assert facts["prerequisites"], "state the prerequisites"
    assert re.search(r"\d+\s*(min|minutes|hours?)", facts["learner_time"]), facts["learner_time"]
    for target in re.findall(r"\]\((notebooks/[^)]+)\)", facts["prerequisites"]):
        assert (REPO_ROOT / target).is_file(), f"broken prerequisite link {target}"
    assert f"notebooks/{path.name}" in README


def test_title_cell_facts_rejects_bad_input():
    with pytest.raises(TypeError, match="source"):
        lesson_plan.title_cell_facts(None)
    with pytest.raises(ValueError, match="NN · Title"):
        lesson_plan.title_cell_facts("Just text")


def test_blocks_need_their_markers(tmp_path):
    with pytest.raises(ValueError, match="objectives:start"):
        lesson_plan.replace_block("no markers", "x")
    with pytest.raises(ValueError, match="objectives:start"):
        lesson_plan.current_block(f"{lesson_plan.END} {lesson_plan.START}")
    with pytest.raises(FileNotFoundError, match="readme"):
        lesson_plan.update_readme(tmp_path / "missing.md")
    with pytest.raises(FileNotFoundError, match="notebooks_dir"):
        lesson_plan.objectives_markdown(tmp_path / "missing")


def test_update_readme_rewrites_only_the_block(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"# Title\n\n{lesson_plan.START}\nSTALE-BLOCK\n{lesson_plan.END}\n\nafter\n")
    assert lesson_plan.update_readme(readme) is True
    text = readme.read_text()
    assert text.startswith("# Title\n\n") and text.endswith(f"{lesson_plan.END}\n\nafter\n")
    assert "STALE-BLOCK" not in text and "01 · The perceptron" in text
    assert lesson_plan.update_readme(readme) is False
