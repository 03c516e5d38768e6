"""What every admin of the network shares: history with revert, CSV and XLSX files."""

from django.db import models
from import_export.admin import ImportExportMixin
from import_export.forms import ExportForm
from simple_history.admin import SimpleHistoryAdmin

from citytwins.spreadsheets import FormulaSafeExportMixin


class HistoryAdmin(SimpleHistoryAdmin):
    """Who changed what and when, with a revert, through django-simple-history."""

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        # simple-history 3.13 calls select_related() with no fields for a model without foreign
        # keys, which Django 6.1 deprecates: name the foreign keys, or none.
        foreign_keys = [
            field.name
            for field in history_manager.model.tracked_fields
            if isinstance(field, models.ForeignKey)
        ]
        return history_manager.filter(**{pk_name: object_id}).select_related(
            "history_user", *foreign_keys
        )


class ImportExportHistoryAdmin(FormulaSafeExportMixin, ImportExportMixin, HistoryAdmin):
    """History of every change, and CSV / XLSX files with a preview before anything is written;
    exported files are formula-safe (citytwins.spreadsheets).

    ImportExportMixin comes before the history admin so its change list template and URLs wrap
    the history admin's.
    """

    import_template_name = "admin/members/import.html"
    export_template_name = "admin/members/export.html"
    # The column-picking export form's template uses an inline onchange handler and inline
    # styles, which the site's Content-Security-Policy blocks: export every column instead.
    export_form_class = ExportForm

    def has_import_permission(self, request):
        # A file may hold new rows as well as changes (IMPORT_EXPORT_IMPORT_PERMISSION_CODE).
        return super().has_import_permission(request) and self.has_add_permission(request)
