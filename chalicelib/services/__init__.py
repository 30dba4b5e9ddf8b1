"""Use cases: what the handlers and jobs call. They tie the domain to the store."""
