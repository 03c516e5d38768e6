"""How dates, times and amounts are written in each language, where Django's own formats
(django/conf/locale/<code>/formats.py) differ from the portal's: only the names set here
override Django's. settings.FORMAT_MODULE_PATH points here.

English keeps the portal's British day-month order ("14 October 2025, 10:00"); Finnish writes
"10.03.2027 klo 10.00"; Polish "10.03.2027"; Estonian groups thousands like its neighbours.
"""

# Languages whose readers write the euro sign before the amount (€1,234.50); the others after
# it, with a no-break space (1 234,50 €).
EURO_BEFORE_AMOUNT = frozenset({"en"})
