"""IT Plan Monitor: tracks a province's plan for IT in state agencies against its targets."""

__version__ = "0.1.0"
APP_NAME = "ITPlanMonitor"
