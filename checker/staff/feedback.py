"""Feedback that keeps the hidden tests private: one line in nbgrader_config.py.

    from checker.staff.feedback import keep_hidden_tests_private; keep_hidden_tests_private(c)

nbgrader's `generate_feedback` turns each autograded notebook into the HTML students receive. The
autograded notebook holds the grade cells as the source has them, hidden tests and their seeds
included, and nbgrader's feedback shows them all. This puts nbgrader's own ClearHiddenTests in
front of feedback, so what students get back shows the public check of each cell and its outcome
(the checker's message never shows a hidden seed or the inputs it drew), and nothing hidden.
"""


def keep_hidden_tests_private(config):
    """Make nbgrader's GenerateFeedback clear the hidden-test regions of every grade cell before writing feedback."""
    from nbgrader.converters import GenerateFeedback
    from nbgrader.preprocessors import ClearHiddenTests

    default = GenerateFeedback.class_traits()["preprocessors"].default()
    preprocessors = list(config.GenerateFeedback.preprocessors if "preprocessors" in config.GenerateFeedback else default)
    if ClearHiddenTests not in preprocessors:
        preprocessors.insert(0, ClearHiddenTests)
    config.GenerateFeedback.preprocessors = preprocessors
