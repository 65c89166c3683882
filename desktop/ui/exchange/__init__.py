"""Data exchange: Excel reports and the template designer, intake forms, data packages and trusted keys."""
