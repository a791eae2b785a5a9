"""nbgrader preprocessors of the course, one per module (as nbgrader's own):

- :mod:`.budget`            ``BudgetExecute``: nbgrader's Execute with a per-notebook time budget
- :mod:`.skip_demos`        ``SkipDemoCells``: while grading, run only what grading needs
- :mod:`.hidden_tracebacks` ``HideHiddenTracebacks``: a failed hidden test's traceback shows no hidden source
- :mod:`.inert_outputs`     ``InertOutputs``: outputs and Markdown that cannot run in a browser
"""
