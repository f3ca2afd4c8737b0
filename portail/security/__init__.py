"""Site-wide security: Content Security Policy, login lockout, two-factor authentication for the admin."""
