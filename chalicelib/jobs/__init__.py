"""Scheduled and event-driven work: the overdue sweep, mail delivery, SES feedback."""
