"""Do grade cells' outputs say what each check found, as both grading paths write them (checker.staff.gradebook)?"""

from checker.checks.registry import NOTE, PASSED
from checker.staff.gradebook import grade_cell_outputs
from checker.staff.grading import CheckResult


def test_a_passing_checks_notes_are_in_its_grade_cells_output():
    """Does a check that passed with notes (run.notes) show its passed line and the notes, and one without notes only the line?"""
    noted = CheckResult("propagate", 5, True, notes=["db has shape (1,): a number is what the notebook documents"])
    plain = CheckResult("sigmoid", 2, True)
    outputs = grade_cell_outputs({"checks": [noted.as_dict(), plain.as_dict()]})
    assert outputs["propagate"][0].text.splitlines() == [PASSED.format(name="propagate"), NOTE.format(note=noted.notes[0])]
    assert outputs["sigmoid"][0].text.splitlines() == [PASSED.format(name="sigmoid")]
    assert all(output.output_type == "stream" for outputs_of in outputs.values() for output in outputs_of)
