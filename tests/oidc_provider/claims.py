"""What the test provider says about its users."""

UNVERIFIED_PREFIX = "unverified-"  # a username like this: the provider did not verify the address


def subject(user) -> str:
    return f"idp-{user.username}"


def userinfo(claims, user):
    claims["email"] = user.email
    claims["email_verified"] = not user.username.startswith(UNVERIFIED_PREFIX)
    claims["given_name"] = user.first_name
    claims["family_name"] = user.last_name
    return claims
