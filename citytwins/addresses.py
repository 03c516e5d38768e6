"""One spelling of an email address.

An address is stored in its normal form only: NFKC, then lower case (local part and domain). It
is looked up exactly, on that form. A spelling that NFKC would change in more than letter case
(`x@tornio.teſt`, whose long s becomes s) is not the address it resembles: it matches nothing.
That closes CVE-2019-19844's class of takeover, where a database collation (PostgreSQL's UPPER
folds ı to I and ſ to S) or a Unicode fold matched a look-alike to someone else's account.
"""

import unicodedata


def address_normalise(address: str) -> str:
    """The stored form of an address: NFKC, lower case, no surrounding space."""
    folded = unicodedata.normalize("NFKC", address.strip()).lower()
    # Lower-casing may leave a sequence NFKC composes differently (İ becomes i + U+0307).
    return unicodedata.normalize("NFKC", folded)


def address_as_typed(typed: str) -> str | None:
    """The normal form of a typed address, or None when normalising would change more than its
    letter case: such a spelling names no stored address and must not reach one."""
    normal = address_normalise(typed)
    if typed.strip().lower() != normal:
        return None
    return normal


def addresses_match(typed: str, stored: str) -> bool:
    """True when `typed` names `stored` exactly, letter case aside: the check before signing in
    or sending mail to an account found by the typed address."""
    normal = address_as_typed(typed)
    return normal is not None and normal == address_normalise(stored)
