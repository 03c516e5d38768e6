"""What the proposal forms send, as a browser would: the fields, the rows, the buttons."""

from members.models import City


def city(slug):
    return City.objects.get(slug=slug)


def management(prefix: str, total: int, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def project_post(
    *,
    partners=(("tornio", "lead"), ("haparanda", "partner")),
    action="submit",
    funding=(),
    **fields,
) -> dict:
    """What the proposal form sends: the project's fields, its partners and funding lines."""
    data = {
        "project-title": "A ferry across the Torne",
        "project-summary": "One boat, two towns.",
        "project-description": "",
        "project-status": "seeking_partners",
        "project-starts_on": "",
        "project-ends_on": "",
        "project-total_budget": "",
        "project-outcomes": "",
        "project-website": "",
        "action": action,
        **management("partners", len(partners) + 1),
        **management("funding", len(funding) + 1),
        # The empty rows a browser sends with their preselected choices.
        f"partners-{len(partners)}-role": "partner",
        f"funding-{len(funding)}-status": "planned",
    }
    for index, (slug_or_name, role) in enumerate(partners):
        if City.objects.filter(slug=slug_or_name).exists():
            data[f"partners-{index}-city"] = str(city(slug_or_name).pk)
        else:
            data[f"partners-{index}-organisation"] = slug_or_name
        data[f"partners-{index}-role"] = role
    for index, (programme, amount, status) in enumerate(funding):
        data |= {
            f"funding-{index}-programme": str(programme.pk),
            f"funding-{index}-amount": amount,
            f"funding-{index}-status": status,
        }
    data |= {f"project-{name}": value for name, value in fields.items()}
    return data


def practice_post(*, action="submit", links=(), **fields) -> dict:
    data = {
        "practice-title": "Joint language school",
        "practice-kind": "good",
        "practice-context": "Two languages, one school.",
        "practice-what_was_done": "",
        "practice-what_happened": "",
        "practice-lessons": "",
        "practice-transferability": "",
        "action": action,
        **management("links", len(links) + 1),
    }
    for index, (title, url) in enumerate(links):
        data |= {f"links-{index}-title": title, f"links-{index}-url": url}
    data |= {f"practice-{name}": value for name, value in fields.items()}
    return data


def existing_partners(project) -> dict:
    """The partner rows as the edit form shows them, plus an empty one."""
    partners = list(project.partners.all())
    data = management("partners", len(partners) + 1, len(partners))
    for index, partner in enumerate(partners):
        data |= {
            f"partners-{index}-id": str(partner.pk),
            f"partners-{index}-project": str(project.pk),
            f"partners-{index}-city": str(partner.city_id or ""),
            f"partners-{index}-organisation": partner.organisation,
            f"partners-{index}-country": str(partner.country or ""),
            f"partners-{index}-role": partner.role,
        }
    data[f"partners-{len(partners)}-role"] = "partner"
    return data
