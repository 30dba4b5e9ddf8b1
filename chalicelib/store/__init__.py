"""The only package that knows DynamoDB: PynamoDB models and repository functions."""
