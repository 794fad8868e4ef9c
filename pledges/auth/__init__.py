"""Who may edit: by password (`passwords`) or by OpenID Connect (`oidc`)."""
