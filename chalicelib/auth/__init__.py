"""Who is calling: national admins (Cognito JWT), agencies (signed links), citizens (token)."""
