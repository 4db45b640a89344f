"""narrate: news articles into audio editions."""

__version__ = "1.0.0"
