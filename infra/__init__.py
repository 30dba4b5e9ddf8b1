"""The production stack as code (AWS CDK v2, Python)."""
