"use strict";
// Two gaps in the admin's accessibility, closed wherever and whenever the admin draws a field
// (on load, and in inline rows added later):
// - the autocomplete widgets (Select2) name their combobox by the chosen value alone, so an
//   empty one has no name and a chosen one does not say which field it is (axe:
//   aria-input-field-name): each is named by its field's label too;
// - a tabular inline's fields have no label of their own, only the column's heading (axe:
//   label, select-name): each is named by that heading.
{
    const columnHeading = (field) => {
        const cell = field.closest("td");
        const name = cell && [...cell.classList].find((token) => token.startsWith("field-"));
        const table = name && cell.closest("table");
        const heading = table && table.querySelector(`thead th.column-${name.slice(6)}`);
        if (heading && !heading.id) {
            const group = table.closest(".inline-group");
            heading.id = `${group ? group.id : "inline"}-${name.slice(6)}-heading`;
        }
        return heading;
    };

    const labelOf = (field) => document.querySelector(`label[for="${field.id}"]`) || columnHeading(field);

    const idOf = (label, field) => {
        label.id = label.id || `${field.id}-label`;
        return label.id;
    };

    const nameComboboxes = () => {
        for (const select of document.querySelectorAll("select.admin-autocomplete")) {
            const next = select.nextElementSibling;
            const combobox = next && next.querySelector("[role=combobox]");
            const label = combobox && !combobox.dataset.labelled && labelOf(select);
            if (label) {
                const value = combobox.getAttribute("aria-labelledby");
                const labelId = idOf(label, select);
                combobox.setAttribute("aria-labelledby", value ? `${labelId} ${value}` : labelId);
                combobox.dataset.labelled = "true";
                // The value's own box inside it (a read-only textbox) is named by the label too.
                const shown = value && document.getElementById(value);
                if (shown) {
                    shown.setAttribute("aria-labelledby", labelId);
                }
            }
        }
    };

    const nameTabularFields = () => {
        const fields = document.querySelectorAll(
            ".tabular td[class*='field-'] :is(input:not([type=hidden]), select, textarea)"
        );
        for (const field of fields) {
            if (field.id && !field.hasAttribute("aria-labelledby") && !field.labels.length) {
                const heading = columnHeading(field);
                if (heading) {
                    field.setAttribute("aria-labelledby", idOf(heading, field));
                }
            }
        }
    };

    new MutationObserver(() => {
        nameComboboxes();
        nameTabularFields();
    }).observe(document.documentElement, {childList: true, subtree: true});
}
