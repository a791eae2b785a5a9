"""The instructor's pipeline: release, collect, grade (validation, trusted re-check, nbgrader
autograde), feedback, export. Nothing here is imported by a released notebook."""
