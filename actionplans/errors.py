"""Errors that end the conversion of one input with a one-line reason."""


class InputError(Exception):
    """The input cannot be converted; ``str(exc)`` is a one-line reason for the user."""
