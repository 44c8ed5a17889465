"""cchc: the public portal for commune administrative-reform communication plans."""

__version__ = "0.1.0"
