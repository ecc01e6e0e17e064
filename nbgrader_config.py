"""nbgrader settings for backprop-lab: instructors author in solutions/, students get exercises/."""

c = get_config()  # noqa: F821  nbgrader provides get_config

c.CourseDirectory.course_id = "backprop-lab"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
# Autograding runs every cell, training and plots included: give a slow machine room.
c.Execute.timeout = 300

# Feedback shows no hidden test (their seeds stay with staff): nbgrader's ClearHiddenTests runs first.
from checker.staff.feedback import keep_hidden_tests_private  # noqa: E402

keep_hidden_tests_private(c)

# `nbgrader export` leaves a student's total empty while a check awaits a grade (the checker failed on it), never 0.
c.ExportApp.plugin_class = "checker.staff.export.UndecidedLeftEmpty"
