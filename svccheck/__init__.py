"""svccheck: a command-line scorecard for service-excellence audits."""

__version__ = "0.1.0"
