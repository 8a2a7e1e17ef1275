"""Database plumbing: migrations runner and connection setup."""
