"use strict";
// The admin's autocomplete widgets (Select2) name their combobox by the chosen value alone, so
// an empty one has no accessible name and a chosen one does not say which field it is (axe:
// aria-input-field-name). Name each by its field's label too, wherever and whenever Select2
// draws one (on load, and in inline rows added later).
{
    const labelOf = (select) => {
        const label = document.querySelector(`label[for="${select.id}"]`);
        if (label) {
            return label;
        }
        // A tabular inline labels its columns in the table's head.
        const cell = select.closest("td");
        const field = cell && [...cell.classList].find((name) => name.startsWith("field-"));
        return field ? cell.closest("table").querySelector(`thead th.column-${field.slice(6)}`) : null;
    };

    const nameComboboxes = () => {
        for (const select of document.querySelectorAll("select.admin-autocomplete")) {
            const next = select.nextElementSibling;
            const combobox = next && next.querySelector("[role=combobox]");
            const label = combobox && !combobox.dataset.labelled && labelOf(select);
            if (label) {
                label.id = label.id || `${select.id}-label`;
                const value = combobox.getAttribute("aria-labelledby");
                combobox.setAttribute("aria-labelledby", value ? `${label.id} ${value}` : label.id);
                // The value's own box inside it (a read-only textbox) is named by the label too.
                const shown = value && document.getElementById(value);
                if (shown) {
                    shown.setAttribute("aria-labelledby", label.id);
                }
                combobox.dataset.labelled = "true";
            }
        }
    };

    new MutationObserver(nameComboboxes).observe(document.documentElement, {
        childList: true,
        subtree: true,
    });
}
