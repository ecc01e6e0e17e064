"""Course staff's side: official grading of a class, nbgrader integration, class reports, the student kit."""
