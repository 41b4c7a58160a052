/* seg-file-card.c — one input file in the import view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-file-card"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-file-card.h"
#include "seg-job.h"
#include "seg-list-ramp.h"
#include "seg-row-model.h"
#include "seg-ui-format.h"

#define PREVIEW_ROWS 100
#define SHOWN_PROBLEMS 5

struct _SegFileCard
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkLabel       *title_label;
  GtkLabel       *path_label;
  GtkSpinner     *spinner;
  GtkDropDown    *role_dropdown;
  GtkLabel       *reason_label;
  GtkLabel       *facts_label;
  GtkWidget      *proposal_box;
  GtkCheckButton *proposal_check;
  GtkLabel       *proposal_label;
  GtkLabel       *missing_label;
  GtkLabel       *notices_label;
  GtkExpander    *problems_expander;
  GtkLabel       *problems_label;
  GtkColumnView  *preview_view;
  GtkLabel       *preview_label;

  SegTable       *table;
  gboolean        owned;
  SegFileRole     role;
  SegFieldRole   *column_roles;     /* per column of @table */
  gboolean        roles_changed;    /* differ from what @table carries */
  GHashTable     *column_types;     /* overrides, name → type + 1 */
  char           *proposal;
  GSimpleActionGroup *actions;
  GCancellable   *reread;
  char           *counts_text;      /* what the build dropped, from SegInputInfo */
};

G_DEFINE_FINAL_TYPE (SegFileCard, seg_file_card, GTK_TYPE_WIDGET)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const SegColumnType all_types[] = {
  SEG_COLUMN_TEXT, SEG_COLUMN_NUMBER, SEG_COLUMN_DATE, SEG_COLUMN_BOOLEAN,
};

static const char *
type_label (SegColumnType type)
{
  switch (type)
    {
    case SEG_COLUMN_NUMBER:
      return _("Number");
    case SEG_COLUMN_DATE:
      return _("Date");
    case SEG_COLUMN_BOOLEAN:
      return _("Yes/No");
    case SEG_COLUMN_TEXT:
    default:
      return _("Text");
    }
}

/* --- SegImportFile ------------------------------------------------------ */

void
seg_import_file_free (SegImportFile *file)
{
  if (file == NULL)
    return;
  g_free (file->path);
  g_clear_pointer (&file->table, seg_table_unref);
  g_clear_pointer (&file->column_types, g_hash_table_unref);
  g_clear_pointer (&file->column_roles, g_hash_table_unref);
  g_free (file);
}

SegTable *
seg_import_file_materialize (SegImportFile  *file,
                             GCancellable   *cancellable,
                             SegProgressFunc progress,
                             gpointer        user_data,
                             GError        **error)
{
  SegReadOptions options;
  SegRoleGuess guess = { 0 };
  g_autoptr(SegTable) table = NULL;
  g_autofree SegFieldRole *roles = NULL;
  guint n;

  g_return_val_if_fail (file != NULL, NULL);

  if (file->table != NULL)
    return seg_table_ref (file->table);
  seg_read_options_init (&options);
  options.column_types = file->column_types;
  table = seg_csv_read (file->path, &options, cancellable, progress, user_data, error);
  if (table == NULL)
    return NULL;
  seg_roles_detect (table, &guess);
  seg_role_guess_clear (&guess);
  n = seg_table_get_n_columns (table);
  roles = g_new (SegFieldRole, MAX (n, 1));
  for (guint c = 0; c < n; c++)
    {
      const SegColumn *column = seg_table_get_column (table, c);
      gpointer role = g_hash_table_lookup (file->column_roles, column->name);

      roles[c] = role ? (SegFieldRole) (GPOINTER_TO_INT (role) - 1) : SEG_FIELD_NONE;
    }
  return seg_table_copy_with_roles (table, file->role, roles);
}

/* --- showing the table -------------------------------------------------- */

static char *
describe_dialect (SegFileCard *self)
{
  const SegReadReport *report = seg_table_get_report (self->table);
  GString *s = g_string_new (NULL);
  g_autofree char *rows = seg_ui_format_count (report->rows);
  g_autofree char *skipped = seg_ui_format_count (report->skipped);

  g_string_append_printf (s, _("Delimiter: %s"), seg_ui_format_delimiter_name (report->delimiter));
  g_string_append_printf (s, " · %s%s", report->encoding ? report->encoding : "UTF-8",
                          report->bom ? _(" with BOM") : "");
  g_string_append (s, " · ");
  g_string_append (s, report->has_header ? _("header row") : _("no header row"));
  if (report->decimal_comma)
    g_string_append_printf (s, " · %s", _("decimal comma"));
  if (report->crlf)
    g_string_append (s, " · CRLF");
  for (guint c = 0; c < seg_table_get_n_columns (self->table); c++)
    {
      const SegColumn *column = seg_table_get_column (self->table, c);
      if (column->type == SEG_COLUMN_DATE && column->format)
        g_string_append_printf (s, " · %s %s", column->name, column->format);
    }
  g_string_append_c (s, '\n');
  g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%s row read", "%s rows read",
                                          (gulong) report->rows), rows);
  g_string_append (s, " · ");
  g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%s row skipped", "%s rows skipped",
                                          (gulong) report->skipped), skipped);
  return g_string_free (s, FALSE);
}

static void
update_problems (SegFileCard *self)
{
  const SegReadReport *report = seg_table_get_report (self->table);
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *count = seg_ui_format_count (report->n_problems);
  g_autofree char *heading = NULL;
  guint shown = MIN (report->problems ? report->problems->len : 0, SHOWN_PROBLEMS);

  gtk_widget_set_visible (GTK_WIDGET (self->problems_expander), report->n_problems > 0);
  if (report->n_problems == 0)
    return;
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s problem", "%s problems",
                                          (gulong) report->n_problems), count);
  gtk_expander_set_label (self->problems_expander, heading);
  for (guint i = 0; i < shown; i++)
    {
      SegProblem *p = g_ptr_array_index (report->problems, i);
      g_string_append_printf (list, _("line %" PRIu64 ", column %u: %s\n"),
                              p->line, p->column, p->message);
    }
  if (report->n_problems > shown)
    {
      g_autofree char *rest = seg_ui_format_count (report->n_problems - shown);
      g_string_append_printf (list, _("… and %s more"), rest);
    }
  gtk_label_set_text (self->problems_label, g_strchomp (list->str));
}

static void
update_notices (SegFileCard *self)
{
  const SegReadReport *report = seg_table_get_report (self->table);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; report->notices && i < report->notices->len; i++)
    {
      g_autofree char *notice = seg_ui_format_group_counts (g_ptr_array_index (report->notices, i));
      g_string_append_printf (text, "%s%s", i ? "\n" : "", notice);
    }
  gtk_label_set_text (self->notices_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->notices_label), text->len > 0);
}

/* Columns roles the file role needs but nobody has: shown in red. */
static void
update_missing (SegFileCard *self)
{
  g_autoptr(GString) missing = g_string_new (NULL);
  gboolean has_amount_binding = self->proposal && gtk_check_button_get_active (self->proposal_check);
  gboolean lacking = FALSE;
  static const SegFieldRole needed[] = { SEG_FIELD_CUSTOMER_ID, SEG_FIELD_DATE, SEG_FIELD_AMOUNT };
  guint n_needed = self->role == SEG_FILE_ROLE_TRANSACTIONS ? 3 : 1;

  for (guint k = 0; k < n_needed && self->role != SEG_FILE_ROLE_UNKNOWN; k++)
    {
      gboolean found = needed[k] == SEG_FIELD_AMOUNT && has_amount_binding;
      for (guint c = 0; c < seg_table_get_n_columns (self->table) && !found; c++)
        found = self->column_roles[c] == needed[k];
      if (!found)
        g_string_append_printf (missing, "%s%s", lacking ? ", " : "", seg_field_role_to_string (needed[k]));
      lacking |= !found;
    }
  if (lacking)
    {
      /* Translators: %s lists column meanings such as "customer_id, amount" */
      g_autofree char *text = g_strdup_printf (_("Missing: %s. Pick the column from its header menu."), missing->str);
      gtk_label_set_text (self->missing_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->missing_label), lacking);
}

typedef struct
{
  SegTable        *table;
  const SegColumn *column;
} CellInfo;

static void
cell_info_free (gpointer data, GClosure *closure)
{
  CellInfo *info = data;

  seg_table_unref (info->table);
  g_free (info);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               CellInfo                 *info)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), info->column->type == SEG_COLUMN_NUMBER ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  if (info->column->type != SEG_COLUMN_TEXT)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              CellInfo                 *info)
{
  guint row = seg_row_item_get_row (gtk_list_item_get_item (list_item));
  g_autofree char *text = seg_ui_format_cell (info->column, row);
  GtkWidget *label = gtk_list_item_get_child (list_item);

  gtk_label_set_text (GTK_LABEL (label), text ? text : "—");
  if (text)
    gtk_widget_remove_css_class (label, "dim-label");
  else
    gtk_widget_add_css_class (label, "dim-label");
}

static GMenuModel *
build_header_menu (SegFileCard *self,
                   guint        index)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) types = g_menu_new ();
  g_autoptr(GMenu) roles = g_menu_new ();
  g_autofree char *type_action = g_strdup_printf ("card.type-%u", index);
  g_autofree char *role_action = g_strdup_printf ("card.role-%u", index);
  const SegFieldRole *field_roles;
  guint n_roles = 0;

  for (guint t = 0; t < G_N_ELEMENTS (all_types); t++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (type_label (all_types[t]), NULL);
      g_menu_item_set_action_and_target (item, type_action, "s", seg_column_type_to_string (all_types[t]));
      g_menu_append_item (types, item);
    }
  g_menu_append_section (menu, _("Type"), G_MENU_MODEL (types));
  {
    g_autoptr(GMenuItem) item = g_menu_item_new (_("Nothing special"), NULL);
    g_menu_item_set_action_and_target (item, role_action, "s", seg_field_role_to_string (SEG_FIELD_NONE));
    g_menu_append_item (roles, item);
  }
  field_roles = seg_roles_for_file (self->role, &n_roles);
  for (guint r = 0; r < n_roles; r++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (seg_field_role_to_string (field_roles[r]), NULL);
      g_menu_item_set_action_and_target (item, role_action, "s", seg_field_role_to_string (field_roles[r]));
      g_menu_append_item (roles, item);
    }
  g_menu_append_section (menu, _("Meaning"), G_MENU_MODEL (roles));
  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static char *
column_title (SegFileCard *self,
              guint        index)
{
  const SegColumn *column = seg_table_get_column (self->table, index);

  if (self->column_roles[index] == SEG_FIELD_NONE)
    return g_strdup (column->name);
  return g_strdup_printf ("%s → %s", column->name, seg_field_role_to_string (self->column_roles[index]));
}

static void type_changed_cb (GSimpleAction *action, GVariant *value, gpointer user_data);
static void role_changed_cb (GSimpleAction *action, GVariant *value, gpointer user_data);

static void
add_column_actions (SegFileCard *self,
                    guint        index)
{
  const SegColumn *column = seg_table_get_column (self->table, index);
  g_autofree char *type_name = g_strdup_printf ("type-%u", index);
  g_autofree char *role_name = g_strdup_printf ("role-%u", index);
  g_autoptr(GSimpleAction) type_action = NULL;
  g_autoptr(GSimpleAction) role_action = NULL;

  type_action = g_simple_action_new_stateful (type_name, G_VARIANT_TYPE_STRING,
                                              g_variant_new_string (seg_column_type_to_string (column->type)));
  role_action = g_simple_action_new_stateful (role_name, G_VARIANT_TYPE_STRING,
                                              g_variant_new_string (seg_field_role_to_string (self->column_roles[index])));
  g_object_set_data (G_OBJECT (type_action), "column", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (role_action), "column", GUINT_TO_POINTER (index));
  g_signal_connect (type_action, "change-state", G_CALLBACK (type_changed_cb), self);
  g_signal_connect (role_action, "change-state", G_CALLBACK (role_changed_cb), self);
  g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (type_action));
  g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (role_action));
}

static void
clear_preview (SegFileCard *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->preview_view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->preview_view, column);
    }
}

static void
rebuild_preview (SegFileCard *self)
{
  g_autoptr(SegRowModel) rows = seg_row_model_new (self->table, PREVIEW_ROWS);
  /* the rows' widgets are made a few at a time (seg-list-ramp.h) */
  GtkSliceListModel *ramp = seg_list_ramp_new (G_LIST_MODEL (g_steal_pointer (&rows)), 12, 6);
  g_autoptr(GtkNoSelection) selection = gtk_no_selection_new (G_LIST_MODEL (ramp));
  g_autofree char *shown = seg_ui_format_count (MIN (seg_table_get_n_rows (self->table), PREVIEW_ROWS));

  clear_preview (self);
  g_clear_object (&self->actions);
  self->actions = g_simple_action_group_new ();
  gtk_widget_insert_action_group (GTK_WIDGET (self), "card", G_ACTION_GROUP (self->actions));
  for (guint c = 0; c < seg_table_get_n_columns (self->table); c++)
    {
      CellInfo *info = g_new0 (CellInfo, 1);
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GMenuModel) menu = build_header_menu (self, c);
      g_autofree char *title = column_title (self, c);

      info->table = seg_table_ref (self->table);
      info->column = seg_table_get_column (self->table, c);
      g_signal_connect_data (factory, "setup", G_CALLBACK (setup_cell_cb), info, NULL, 0);
      g_signal_connect_data (factory, "bind", G_CALLBACK (bind_cell_cb), info, cell_info_free, 0);
      column = gtk_column_view_column_new (title, g_steal_pointer (&factory));
      gtk_column_view_column_set_header_menu (column, menu);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column,
                                              MAX (seg_ui_format_column_width (info->column, seg_table_get_n_rows (self->table)),
                                                   (int) g_utf8_strlen (title, -1) * 8 + 40));
      gtk_column_view_append_column (self->preview_view, column);
      add_column_actions (self, c);
    }
  gtk_column_view_set_model (self->preview_view, GTK_SELECTION_MODEL (selection));
  {
    g_autofree char *text = g_strdup_printf (_("Preview of the first %s rows. Click a column header to change its type or meaning."), shown);
    gtk_label_set_text (self->preview_label, text);
  }
}

static void
update_all (SegFileCard *self)
{
  g_autofree char *facts = describe_dialect (self);

  gtk_label_set_text (self->title_label, seg_table_get_name (self->table));
  gtk_label_set_text (self->path_label, seg_table_get_path (self->table));
  if (self->counts_text)
    {
      g_autofree char *all = g_strdup_printf ("%s\n%s", facts, self->counts_text);
      gtk_label_set_text (self->facts_label, all);
    }
  else
    gtk_label_set_text (self->facts_label, facts);
  update_problems (self);
  update_notices (self);
  update_missing (self);
  rebuild_preview (self);
}

static void
set_table (SegFileCard *self,
           SegTable    *table,
           gboolean     owned)
{
  guint n;

  g_clear_pointer (&self->table, seg_table_unref);
  self->table = seg_table_ref (table);
  self->owned = owned;
  n = seg_table_get_n_columns (table);
  g_free (self->column_roles);
  self->column_roles = g_new0 (SegFieldRole, MAX (n, 1));
  for (guint c = 0; c < n; c++)
    self->column_roles[c] = seg_table_get_column (table, c)->role;
  self->roles_changed = FALSE;
}

/* --- user changes -------------------------------------------------------- */

static void
role_changed_cb (GSimpleAction *action,
                 GVariant      *value,
                 gpointer       user_data)
{
  SegFileCard *self = user_data;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (action), "column"));
  SegFieldRole role;

  if (!seg_field_role_from_string (g_variant_get_string (value, NULL), &role))
    return;
  seg_file_card_set_column_role (self, index, role);
}

/* On the worker: the file read again with the types chosen. */
static gpointer
reread_job (gpointer         data,
            GCancellable    *cancellable,
            SegProgressFunc  progress,
            gpointer         progress_data,
            GError         **error)
{
  return seg_import_file_materialize (data, cancellable, progress, progress_data, error);
}

static void
reread_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SegFileCard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SegTable) read = seg_job_run_finish (result, reread_job, &error);
  g_autoptr(SegTable) table = NULL;
  g_autofree SegFieldRole *old_roles = NULL;
  g_autofree SegFieldRole *roles = NULL;
  g_autoptr(SegTable) old_table = NULL;
  guint n;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->reread);
  gtk_spinner_stop (self->spinner);
  if (read == NULL)
    {
      gtk_label_set_text (self->missing_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->missing_label), TRUE);
      return;
    }
  /* keep the meanings the user chose, by column name */
  old_roles = g_steal_pointer (&self->column_roles);
  old_table = seg_table_ref (self->table);
  n = seg_table_get_n_columns (read);
  roles = g_new (SegFieldRole, MAX (n, 1));
  for (guint c = 0; c < n; c++)
    {
      int old = seg_table_find_column_index (old_table, seg_table_get_column (read, c)->name);
      roles[c] = old >= 0 ? old_roles[old] : SEG_FIELD_NONE;
    }
  table = seg_table_copy_with_roles (read, self->role, roles);
  set_table (self, table, TRUE);
  update_all (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
type_changed_cb (GSimpleAction *action,
                 GVariant      *value,
                 gpointer       user_data)
{
  SegFileCard *self = user_data;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (action), "column"));
  SegColumnType type;

  if (!seg_column_type_from_string (g_variant_get_string (value, NULL), &type))
    return;
  g_simple_action_set_state (action, value);
  seg_file_card_set_column_type (self, index, type);
}

static void
role_selected_cb (SegFileCard *self)
{
  SegFileRole role = (SegFileRole) gtk_drop_down_get_selected (self->role_dropdown);

  if (role == self->role)
    return;
  self->role = role;
  self->roles_changed = TRUE;
  update_missing (self);
  rebuild_preview (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
proposal_toggled_cb (SegFileCard *self)
{
  update_missing (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* --- GObject ----------------------------------------------------------- */

static void
seg_file_card_dispose (GObject *object)
{
  SegFileCard *self = SEG_FILE_CARD (object);

  if (self->reread)
    g_cancellable_cancel (self->reread);
  g_clear_object (&self->reread);
  if (self->preview_view)
    {
      clear_preview (self);
      gtk_column_view_set_model (self->preview_view, NULL);
    }
  g_clear_object (&self->actions);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEG_TYPE_FILE_CARD);
  G_OBJECT_CLASS (seg_file_card_parent_class)->dispose (object);
}

static void
seg_file_card_finalize (GObject *object)
{
  SegFileCard *self = SEG_FILE_CARD (object);

  g_clear_pointer (&self->table, seg_table_unref);
  g_clear_pointer (&self->column_types, g_hash_table_unref);
  g_free (self->column_roles);
  g_free (self->proposal);
  g_free (self->counts_text);
  G_OBJECT_CLASS (seg_file_card_parent_class)->finalize (object);
}

static void
seg_file_card_class_init (SegFileCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_file_card_dispose;
  object_class->finalize = seg_file_card_finalize;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/seg-file-card.ui");
  gtk_widget_class_bind_template_child (widget_class, SegFileCard, box);
  gtk_widget_class_bind_template_child (widget_class, SegFileCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, SegFileCard, path_label);
  gtk_widget_class_bind_template_child (widget_class, SegFileCard, spinner);
  gtk_widget_class_bind_template_child (widget_class, SegFileCard, role_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SegFileCard, reason_label);
  gtk_widget_class_bind_template_child (widget_class, SegFileCard, facts_label);
  gtk_widget_class_bind_template_child (widget_class, SegFileCard, proposal_box);
  gtk_widget_class_bind_template_child (widget_class, SegFileCard, proposal_check);
  gtk_widget_class_bind_template_child (widget_class, SegFileCard, proposal_label);
  gtk_widget_class_bind_template_child (widget_class, SegFileCard, missing_label);
  gtk_widget_class_bind_template_child (widget_class, SegFileCard, notices_label);
  gtk_widget_class_bind_template_child (widget_class, SegFileCard, problems_expander);
  gtk_widget_class_bind_template_child (widget_class, SegFileCard, problems_label);
  gtk_widget_class_bind_template_child (widget_class, SegFileCard, preview_view);
  gtk_widget_class_bind_template_child (widget_class, SegFileCard, preview_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

/* The wheel over a preview scrolls the page it sits in, not the preview's
 * hundred rows: otherwise the page stops scrolling wherever the pointer
 * meets a table.  Sideways scrolling (Shift+wheel, a touchpad) still moves
 * the preview's columns, and its scroll bar its rows. */
static gboolean
preview_scroll_cb (GtkEventControllerScroll *controller,
                   double                    dx,
                   double                    dy,
                   SegFileCard              *self)
{
  GtkWidget *inner = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *outer = gtk_widget_get_ancestor (gtk_widget_get_parent (inner), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adj;
  double step;

  if (outer == NULL || dy == 0)
    return FALSE;
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (outer));
  step = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL
           ? pow (gtk_adjustment_get_page_size (adj), 2.0 / 3.0) : 1.0;
  gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + dy * step);
  return TRUE;
}

static void
seg_file_card_init (SegFileCard *self)
{
  GtkEventController *scroll;

  gtk_widget_init_template (GTK_WIDGET (self));
  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (preview_scroll_cb), self);
  gtk_widget_add_controller (gtk_widget_get_parent (GTK_WIDGET (self->preview_view)), scroll);
  self->column_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* --- public ------------------------------------------------------------ */

static void
append_count (GString    *s,
              guint64     n,
              const char *singular,
              const char *plural)
{
  g_autofree char *count = NULL;

  if (n == 0)
    return;
  count = seg_ui_format_count (n);
  if (s->len > 0)
    g_string_append (s, " · ");
  g_string_append_printf (s, "%s %s", count, g_dngettext (GETTEXT_PACKAGE, singular, plural, (gulong) n));
}

static char *
describe_counts (const SegInputInfo *info)
{
  GString *s = g_string_new (NULL);

  append_count (s, info->filtered, N_("row filtered out"), N_("rows filtered out"));
  append_count (s, info->no_customer_id, N_("row without a customer id"), N_("rows without a customer id"));
  append_count (s, info->no_date, N_("row without a usable date"), N_("rows without a usable date"));
  append_count (s, info->after_as_of, N_("row after the as-of date"), N_("rows after the as-of date"));
  append_count (s, info->duplicate_ids, N_("duplicate transaction id"), N_("duplicate transaction ids"));
  append_count (s, info->unknown_customers, N_("row of an unknown customer"), N_("rows of unknown customers"));
  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

GtkWidget *
seg_file_card_new (SegTable           *table,
                   gboolean            owned,
                   SegFileRole         role,
                   const char         *reason,
                   const char         *proposal,
                   const SegInputInfo *info)
{
  SegFileCard *self;

  g_return_val_if_fail (table != NULL, NULL);

  self = g_object_new (SEG_TYPE_FILE_CARD, NULL);
  set_table (self, table, owned);
  self->role = role;
  gtk_drop_down_set_selected (self->role_dropdown, role);
  g_signal_connect_swapped (self->role_dropdown, "notify::selected", G_CALLBACK (role_selected_cb), self);
  gtk_label_set_text (self->reason_label, reason ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), reason && *reason);
  if (proposal && *proposal)
    {
      g_autofree char *check = g_strdup_printf (_("Use %s"), proposal);
      self->proposal = g_strdup (proposal);
      gtk_check_button_set_label (self->proposal_check, check);
      gtk_label_set_text (self->proposal_label,
                          _("This log has no amount column, but it has a quantity and a unit price: "
                            "each transaction’s amount is computed from them."));
      gtk_widget_set_visible (self->proposal_box, TRUE);
      g_signal_connect_swapped (self->proposal_check, "toggled", G_CALLBACK (proposal_toggled_cb), self);
    }
  if (info)
    self->counts_text = describe_counts (info);
  update_all (self);
  return GTK_WIDGET (self);
}

SegFileRole
seg_file_card_get_role (SegFileCard *self)
{
  g_return_val_if_fail (SEG_IS_FILE_CARD (self), SEG_FILE_ROLE_UNKNOWN);
  return self->role;
}

/* A meaning belongs to one column: giving it to @column takes it from the others. */
void
seg_file_card_set_column_role (SegFileCard *self,
                               guint        column,
                               SegFieldRole role)
{
  guint n;

  g_return_if_fail (SEG_IS_FILE_CARD (self));
  n = seg_table_get_n_columns (self->table);
  g_return_if_fail (column < n);

  for (guint c = 0; c < n && role != SEG_FIELD_NONE; c++)
    if (c != column && self->column_roles[c] == role)
      self->column_roles[c] = SEG_FIELD_NONE;
  self->column_roles[column] = role;
  /* the table keeps the roles it was read with; the card hands out a copy
   * with these (seg_file_card_dup_import_file ()) */
  if (!self->owned)
    self->roles_changed = TRUE;
  update_missing (self);
  rebuild_preview (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
seg_file_card_set_column_type (SegFileCard  *self,
                               guint         column,
                               SegColumnType type)
{
  SegImportFile *file;
  const SegColumn *col;

  g_return_if_fail (SEG_IS_FILE_CARD (self));
  g_return_if_fail (column < seg_table_get_n_columns (self->table));

  col = seg_table_get_column (self->table, column);
  g_hash_table_insert (self->column_types, g_strdup (col->name), GINT_TO_POINTER (type + 1));
  if (self->reread)
    g_cancellable_cancel (self->reread);
  g_clear_object (&self->reread);
  self->reread = g_cancellable_new ();
  file = seg_file_card_dup_import_file (self);
  g_clear_pointer (&file->table, seg_table_unref);   /* force a fresh read */
  gtk_spinner_start (self->spinner);
  seg_job_run_async (reread_job, file, (GDestroyNotify) seg_import_file_free, (GDestroyNotify) seg_table_unref,
                     reread_job, self->reread, NULL, NULL, reread_done_cb, g_object_ref (self));
}

char *
seg_file_card_dup_map (SegFileCard *self)
{
  const char *eq;
  g_autofree char *field = NULL;
  g_autofree char *expr = NULL;

  g_return_val_if_fail (SEG_IS_FILE_CARD (self), NULL);

  if (self->proposal == NULL || !gtk_check_button_get_active (self->proposal_check)
      || (eq = strchr (self->proposal, '=')) == NULL)
    return NULL;
  field = g_strstrip (g_strndup (self->proposal, eq - self->proposal));
  expr = g_strstrip (g_strdup (eq + 1));
  return g_strdup_printf ("%s.%s=%s", seg_file_role_to_string (self->role), field, expr);
}

SegImportFile *
seg_file_card_dup_import_file (SegFileCard *self)
{
  SegImportFile *file;
  gboolean reuse;

  g_return_val_if_fail (SEG_IS_FILE_CARD (self), NULL);

  file = g_new0 (SegImportFile, 1);
  file->path = g_strdup (seg_table_get_path (self->table));
  file->role = self->role;
  file->column_types = g_hash_table_ref (self->column_types);
  file->column_roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint c = 0; c < seg_table_get_n_columns (self->table); c++)
    g_hash_table_insert (file->column_roles, g_strdup (seg_table_get_column (self->table, c)->name),
                         GINT_TO_POINTER (self->column_roles[c] + 1));
  reuse = self->owned || (!self->roles_changed && seg_table_get_role (self->table) == self->role);
  if (reuse)
    file->table = self->owned ? seg_table_copy_with_roles (self->table, self->role, self->column_roles)
                              : seg_table_ref (self->table);
  return file;
}
