"""svccheck: a command-line scorecard for service-excellence audits."""

__version__ = "0.2.0"
