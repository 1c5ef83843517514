"""rightswatch: an evidence-linked incident database for human-rights monitoring."""

__version__ = "0.1.0"
__all__ = ["__version__"]
