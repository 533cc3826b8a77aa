"""Contracts are made and changed on the contract manager's pages (services.py keeps the rules and the timeline);
the admin is not a second way in."""
