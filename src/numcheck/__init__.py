"""numcheck: checks that the figures in press releases add up, and shows the arithmetic."""

__version__ = "0.1.0"
