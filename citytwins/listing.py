"""What the public lists share: filters from the query string, and pages of results (the
directory's, the projects' and the practices')."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator

from citytwins.forms import QueryFilterForm


@dataclass
class Listing:
    """One page of what a list request asks for, and what it asked."""

    page: Page
    form: QueryFilterForm
    query: str  # the filters in force, without the page, for links and files
    ignored: list[tuple[str, str]]
    filtered: bool

    @property
    def items(self) -> list:
        return self.page.object_list

    def page_query(self, number: int) -> str:
        return f"{self.query}&page={number}" if self.query else f"page={number}"

    @property
    def page_links(self) -> list[dict]:
        """The numbered links of the pages around this one; None stands for the ones left out."""
        paginator = self.page.paginator
        links = []
        for number in paginator.get_elided_page_range(self.page.number, on_each_side=2):
            if number == paginator.ELLIPSIS:
                links.append(None)
            else:
                links.append(
                    {
                        "number": number,
                        "query": self.page_query(number),
                        "current": number == self.page.number,
                    }
                )
        return links

    @property
    def previous_query(self) -> str:
        return self.page_query(self.page.previous_page_number()) if self.page.has_previous() else ""

    @property
    def next_query(self) -> str:
        return self.page_query(self.page.next_page_number()) if self.page.has_next() else ""


PER_PAGE = 20


def listing_paginate(
    queryset, *, form: QueryFilterForm, shown: QueryFilterForm, per_page: int = PER_PAGE
) -> Listing:
    """A page of `queryset` (a page past the end shows the last one), with the form as it
    applies and the parameters it ignored."""
    applied = form.applied()
    page = Paginator(queryset, per_page).get_page(applied.get("page", 1))
    return Listing(
        page=page,
        form=shown,
        query=form.applied_query(leave_out=("page",)).urlencode(),
        ignored=form.ignored(),
        filtered=any(name not in ("sort", "page") for name in applied),
    )
