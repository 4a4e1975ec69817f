"""samverkan: governance documents for collaboration between a region and its municipalities."""

__version__ = "0.1.0"
