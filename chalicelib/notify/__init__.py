"""Email: rendering from templates and catalogs, and sending through SES."""
