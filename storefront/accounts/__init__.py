"""Accounts: users, roles, sign-in sessions and passwords."""
