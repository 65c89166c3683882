"""Safety dialogs: backups and restore, the data check, the audit trail, users, approvals at risk."""
