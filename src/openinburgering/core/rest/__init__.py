"""The DRF pieces every app's api.py shares: pagination and problem+json errors (RFC 9457).

They sit here, below the apps, so that an app's endpoints never import the `api` app: `api` sits on
top and only assembles the routes and the schema. Permissions know the roles, so they live in
accounts/api_permissions.py.
"""
