/* seg-rule-editor.c — the ordered rule list with live counts and inline errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The editor works on its own copy of a SegRuleSet.  A condition that does
 * not parse stays in its entry with the parser's message under it (the
 * message names the character) while the set keeps the last valid text, so
 * counts and Apply always see a valid set; Apply is off while any error shows.
 * Live counts run on a worker (a million customers take a while); a newer
 * count cancels an older one.
 */
#define G_LOG_DOMAIN "seg-rule-editor"

#include "config.h"

#include <glib/gi18n.h>

#include <adwaita.h>

#include "seg-dashboard.h"
#include "seg-expr.h"
#include "seg-rule-editor.h"
#include "seg-ui-format.h"

#define RECOUNT_DELAY_MS 200

typedef struct
{
  GtkEntry  *name;
  GtkEntry  *condition;   /* NULL for the default row */
  GtkLabel  *error;
  GtkLabel  *count;
} Row;

struct _SegRuleEditor
{
  GtkWidget   parent_instance;

  GtkListBox *list;
  GtkLabel   *status;
  GtkWidget  *apply_button;

  SegRuleSet *rules;
  SegTable   *customers;
  GPtrArray  *rows;        /* Row*, n_rules + 1 (the default) */
  GPtrArray  *errors;      /* char*, per row, NULL = fine */
  guint64    *counts;
  guint       n_counts;
  guint       recount_id;
  GCancellable *count_cancellable;   /* the count a worker is doing */
  gboolean    modified;
  gboolean    rebuilding;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (SegRuleEditor, seg_rule_editor, GTK_TYPE_WIDGET)

enum { SIGNAL_APPLY, N_SIGNALS };
static guint signals[N_SIGNALS];

static void rebuild (SegRuleEditor *self);

/* --- state -------------------------------------------------------------- */

static void
update_sensitivity (SegRuleEditor *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rules.apply", seg_rule_editor_is_valid (self));
}

static void
show_counts (SegRuleEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      g_autofree char *text = NULL;

      if (g_ptr_array_index (self->errors, i) != NULL || i >= self->n_counts)
        text = g_strdup ("—");
      else
        {
          g_autofree char *n = seg_ui_format_count (self->counts[i]);
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s customer", "%s customers",
                                               (gulong) self->counts[i]), n);
        }
      gtk_label_set_label (row->count, text);
    }
}

static void
set_status (SegRuleEditor *self,
            const char    *text)
{
  gtk_label_set_label (self->status, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status), text && *text);
}

static void
show_rule_result (SegRuleEditor       *self,
                  const SegRuleResult *result,
                  const GError        *error)
{
  g_autoptr(GString) notices = g_string_new (NULL);

  g_clear_pointer (&self->counts, g_free);
  self->n_counts = 0;
  if (result)
    {
      self->counts = g_memdup2 (result->counts, sizeof (guint64) * result->n_segments);
      self->n_counts = result->n_segments;
      for (guint i = 0; i < result->notices->len; i++)
        g_string_append_printf (notices, "%s%s", i ? "\n" : "", (char *) g_ptr_array_index (result->notices, i));
    }
  /* a row's own error says what is wrong; the set's error or notices
   * (on the last valid text) would be a second message for one mistake */
  if (!seg_rule_editor_is_valid (self))
    set_status (self, NULL);
  else
    set_status (self, error ? error->message : notices->str);
  show_counts (self);
}

static void
cancel_count (SegRuleEditor *self)
{
  g_clear_handle_id (&self->recount_id, g_source_remove);
  if (self->count_cancellable)
    g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
}

void
seg_rule_editor_recount (SegRuleEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegRuleResult) result = NULL;

  g_return_if_fail (SEG_IS_RULE_EDITOR (self));

  cancel_count (self);
  if (self->customers != NULL && self->rules != NULL)
    result = seg_rule_set_apply (self->rules, self->customers, &error);
  show_rule_result (self, result, error);
}

static void
counted_cb (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(SegRuleEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SegRuleResult) result = seg_rule_set_apply_finish (res, &error);

  if (g_task_get_cancellable (G_TASK (res)) != self->count_cancellable ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* a newer count replaced this one */
  g_clear_object (&self->count_cancellable);
  show_rule_result (self, result, error);
}

/* Counts on a worker; the labels keep the last counts until it is done. */
static void
start_count (SegRuleEditor *self)
{
  cancel_count (self);
  if (self->customers == NULL || self->rules == NULL)
    {
      show_rule_result (self, NULL, NULL);
      return;
    }
  self->count_cancellable = g_cancellable_new ();
  /* the callback keeps the editor alive until the count is done */
  seg_rule_set_apply_async (self->rules, self->customers, self->count_cancellable,
                            counted_cb, g_object_ref (self));
}

static gboolean
recount_cb (gpointer data)
{
  SegRuleEditor *self = data;

  self->recount_id = 0;
  start_count (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_recount (SegRuleEditor *self)
{
  g_clear_handle_id (&self->recount_id, g_source_remove);
  self->recount_id = g_timeout_add (RECOUNT_DELAY_MS, recount_cb, self);
}

static void
set_row_error (SegRuleEditor *self,
               guint          index,
               const char    *message)
{
  Row *row = g_ptr_array_index (self->rows, index);
  GtkWidget *entry = GTK_WIDGET (row->condition ? row->condition : row->name);

  g_free (g_ptr_array_index (self->errors, index));
  g_ptr_array_index (self->errors, index) = g_strdup (message);
  gtk_label_set_label (row->error, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (row->error), message != NULL);
  if (message)
    gtk_widget_add_css_class (entry, "error");
  else
    gtk_widget_remove_css_class (entry, "error");
  if (message != NULL)
    set_status (self, NULL);   /* the next count says what still applies */
  update_sensitivity (self);
}

/* --- row callbacks ---------------------------------------------------------- */

static guint
row_index (GtkWidget *widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "seg-rule-index"));
}

/* Whether every column @condition names is a column of the customers: the
 * mistake shows under its own entry, not in the editor's status line. */
static gboolean
condition_binds (SegRuleEditor *self,
                 const char    *condition,
                 GError       **error)
{
  g_autoptr(SegExpr) expr = NULL;

  if (self->customers == NULL)
    return TRUE;
  expr = seg_expr_parse (condition, NULL);
  return expr == NULL || seg_expr_bind_table (expr, self->customers, error);
}

/* --- the column picker -------------------------------------------------------- */

static void
column_activated_cb (GtkListBox    *list,
                     GtkListBoxRow *item,
                     GtkEntry      *entry)
{
  const char *name = g_object_get_data (G_OBJECT (item), "seg-column");
  g_autofree char *quoted = seg_expr_quote_name (name);
  GtkEditable *editable = GTK_EDITABLE (entry);
  int position = gtk_editable_get_position (editable);
  int start, end;

  if (gtk_editable_get_selection_bounds (editable, &start, &end))
    {
      gtk_editable_delete_text (editable, start, end);
      position = start;
    }
  gtk_editable_insert_text (editable, quoted, -1, &position);
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_POPOVER)));
  gtk_widget_grab_focus (GTK_WIDGET (entry));
  gtk_editable_set_position (editable, position);
}

/* The popover lists the customer columns by their display names, with the
 * name an expression uses underneath; it is filled when it opens, so it
 * always shows the current data's columns. */
static void
picker_show_cb (GtkPopover    *popover,
                SegRuleEditor *self)
{
  GtkWidget *list = g_object_get_data (G_OBJECT (popover), "seg-list");
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
  for (guint i = 0; self->customers && i < seg_table_get_n_columns (self->customers); i++)
    {
      const SegColumn *column = seg_table_get_column (self->customers, i);
      g_autofree char *title = seg_dashboard_column_label (column->name);
      g_autofree char *title_markup = g_markup_escape_text (title, -1);
      g_autofree char *name_markup = g_markup_escape_text (column->name, -1);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title_markup);
      if (g_strcmp0 (title, column->name) != 0)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), name_markup);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "seg-column", g_strdup (column->name), g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
}

static GtkWidget *
column_picker (SegRuleEditor *self,
               GtkEntry      *entry)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-list-symbolic");
  gtk_widget_set_tooltip_text (button, _("Insert a Column Name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Insert a column name"), -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_set_name (button, "rule-column-picker");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "navigation-sidebar");
  g_signal_connect (list, "row-activated", G_CALLBACK (column_activated_cb), entry);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_popover_set_child (GTK_POPOVER (popover), scroller);
  g_object_set_data (G_OBJECT (popover), "seg-list", list);
  g_signal_connect (popover, "show", G_CALLBACK (picker_show_cb), self);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  return button;
}

static void
condition_changed_cb (GtkEditable   *editable,
                      SegRuleEditor *self)
{
  guint index = row_index (GTK_WIDGET (editable));
  g_autoptr(GError) error = NULL;

  if (self->rebuilding)
    return;
  self->modified = TRUE;
  if (seg_rule_set_set_condition (self->rules, index, gtk_editable_get_text (editable), &error) &&
      condition_binds (self, gtk_editable_get_text (editable), &error))
    set_row_error (self, index, NULL);
  else
    set_row_error (self, index, error->message);
  schedule_recount (self);
}

static void
name_changed_cb (GtkEditable   *editable,
                 SegRuleEditor *self)
{
  guint index = row_index (GTK_WIDGET (editable));
  const char *text = gtk_editable_get_text (editable);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->rebuilding)
    return;
  self->modified = TRUE;
  if (index < seg_rule_set_get_n_rules (self->rules))
    ok = seg_rule_set_set_name (self->rules, index, text, &error);
  else
    ok = seg_rule_set_set_default_name (self->rules, text, &error);
  /* A name error only shows when the condition itself is fine. */
  if (!ok)
    set_row_error (self, index, error->message);
  else if (index >= seg_rule_set_get_n_rules (self->rules) ||
           seg_rule_set_set_condition (self->rules, index,
                                       gtk_editable_get_text (GTK_EDITABLE (((Row *) g_ptr_array_index (self->rows, index))->condition)),
                                       NULL))
    set_row_error (self, index, NULL);
}

static void
move_clicked_cb (GtkButton     *button,
                 SegRuleEditor *self)
{
  guint index = row_index (GTK_WIDGET (button));
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "seg-delta"));
  guint n = seg_rule_set_get_n_rules (self->rules);

  if ((delta < 0 && index == 0) || (delta > 0 && index + 1 >= n))
    return;
  seg_rule_set_move (self->rules, index, (guint) ((int) index + delta));
  self->modified = TRUE;
  rebuild (self);
}

static void
remove_clicked_cb (GtkButton     *button,
                   SegRuleEditor *self)
{
  seg_rule_set_remove (self->rules, row_index (GTK_WIDGET (button)));
  self->modified = TRUE;
  rebuild (self);
}

/* --- rows ------------------------------------------------------------------- */

static GtkWidget *
icon_button (const char    *icon,
             const char    *tooltip,
             guint          index,
             SegRuleEditor *self,
             GCallback      callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  g_object_set_data (G_OBJECT (button), "seg-rule-index", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static GtkEntry *
make_entry (const char *text,
            guint       index)
{
  GtkEntry *entry = GTK_ENTRY (gtk_entry_new ());

  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_widget_set_valign (GTK_WIDGET (entry), GTK_ALIGN_START);
  g_object_set_data (G_OBJECT (entry), "seg-rule-index", GUINT_TO_POINTER (index));
  return entry;
}

static GtkWidget *
make_row (SegRuleEditor *self,
          guint          index)
{
  guint n = seg_rule_set_get_n_rules (self->rules);
  gboolean is_default = index == n;
  Row *row = g_new0 (Row, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *middle = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *number = is_default ? g_strdup ("—") : g_strdup_printf ("%u", index + 1);
  GtkWidget *number_label = gtk_label_new (number);

  gtk_widget_add_css_class (box, "rule-row");
  gtk_widget_add_css_class (number_label, "dim-label");
  gtk_widget_set_size_request (number_label, 20, -1);
  gtk_widget_set_valign (number_label, GTK_ALIGN_START);
  gtk_widget_set_margin_top (number_label, 8);
  gtk_box_append (GTK_BOX (box), number_label);

  row->name = make_entry (is_default ? seg_rule_set_get_default_name (self->rules)
                                     : seg_rule_set_get_name (self->rules, index), index);
  gtk_widget_set_size_request (GTK_WIDGET (row->name), 190, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->name), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Segment name"), -1);
  g_signal_connect (row->name, "changed", G_CALLBACK (name_changed_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->name));

  if (is_default)
    {
      GtkWidget *label = gtk_label_new (_("Everyone no rule above matches"));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 8);
      gtk_box_append (GTK_BOX (middle), label);
    }
  else
    {
      row->condition = make_entry (seg_rule_set_get_condition (self->rules, index), index);
      gtk_widget_add_css_class (GTK_WIDGET (row->condition), "monospace");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->condition), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Condition"), -1);
      g_signal_connect (row->condition, "changed", G_CALLBACK (condition_changed_cb), self);
      {
        GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

        gtk_widget_set_hexpand (GTK_WIDGET (row->condition), TRUE);
        gtk_box_append (GTK_BOX (line), GTK_WIDGET (row->condition));
        gtk_box_append (GTK_BOX (line), column_picker (self, row->condition));
        gtk_box_append (GTK_BOX (middle), line);
      }
    }
  row->error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->error, 0);
  gtk_label_set_wrap (row->error, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (row->error), "error");
  gtk_widget_add_css_class (GTK_WIDGET (row->error), "caption");
  gtk_widget_set_visible (GTK_WIDGET (row->error), FALSE);
  gtk_box_append (GTK_BOX (middle), GTK_WIDGET (row->error));
  gtk_widget_set_hexpand (middle, TRUE);
  gtk_box_append (GTK_BOX (box), middle);

  row->count = GTK_LABEL (gtk_label_new ("—"));
  gtk_label_set_xalign (row->count, 1);
  gtk_widget_set_size_request (GTK_WIDGET (row->count), 120, -1);
  gtk_widget_set_valign (GTK_WIDGET (row->count), GTK_ALIGN_START);
  gtk_widget_set_margin_top (GTK_WIDGET (row->count), 8);
  gtk_widget_add_css_class (GTK_WIDGET (row->count), "numeric");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->count));

  if (!is_default)
    {
      GtkWidget *up = icon_button ("go-up-symbolic", _("Move Up"), index, self, G_CALLBACK (move_clicked_cb));
      GtkWidget *down = icon_button ("go-down-symbolic", _("Move Down"), index, self, G_CALLBACK (move_clicked_cb));
      g_object_set_data (G_OBJECT (up), "seg-delta", GINT_TO_POINTER (-1));
      g_object_set_data (G_OBJECT (down), "seg-delta", GINT_TO_POINTER (1));
      gtk_widget_set_sensitive (up, index > 0);
      gtk_widget_set_sensitive (down, index + 1 < n);
      gtk_box_append (GTK_BOX (box), up);
      gtk_box_append (GTK_BOX (box), down);
      gtk_box_append (GTK_BOX (box), icon_button ("user-trash-symbolic", _("Remove Rule"), index, self,
                                                  G_CALLBACK (remove_clicked_cb)));
    }
  else
    gtk_widget_set_margin_end (GTK_WIDGET (row->count), 3 * 34 + 16);
  g_ptr_array_add (self->rows, row);
  g_ptr_array_add (self->errors, NULL);
  return box;
}

static void
rebuild (SegRuleEditor *self)
{
  GtkWidget *child;
  guint n = self->rules ? seg_rule_set_get_n_rules (self->rules) : 0;

  self->rebuilding = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->errors, 0);
  if (self->rules)
    for (guint i = 0; i <= n; i++)
      {
        GtkWidget *row = gtk_list_box_row_new ();
        gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
        gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), make_row (self, i));
        gtk_list_box_append (self->list, row);
      }
  self->rebuilding = FALSE;
  update_sensitivity (self);
  /* other rows now: the old counts do not belong to them */
  g_clear_pointer (&self->counts, g_free);
  self->n_counts = 0;
  show_counts (self);
  start_count (self);
}

/* --- actions ---------------------------------------------------------------- */

static void
add_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  SegRuleEditor *self = SEG_RULE_EDITOR (widget);

  if (self->rules == NULL)
    return;
  for (guint i = 1; i < 1000; i++)
    {
      g_autofree char *rule_name = g_strdup_printf (_("New Segment %u"), i);
      if (seg_rule_set_find (self->rules, rule_name) < 0 &&
          seg_rule_set_add (self->rules, rule_name, "false", NULL))
        break;
    }
  self->modified = TRUE;
  rebuild (self);
}

static void
apply_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  seg_rule_editor_apply (SEG_RULE_EDITOR (widget));
}

static void
chooser_response_cb (SegRuleEditor        *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  gboolean saving = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && path != NULL)
    {
      if (saving)
        seg_rule_set_save_file (self->rules, path, &error);
      else
        {
          g_autoptr(SegRuleSet) loaded = seg_rule_set_load_file (path, &error);
          if (loaded)
            {
              seg_rule_editor_set_rules (self, loaded);
              self->modified = TRUE;
            }
        }
      set_status (self, error ? error->message : NULL);
    }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);
}

static void
file_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  SegRuleEditor *self = SEG_RULE_EDITOR (widget);
  gboolean saving = g_str_equal (name, "rules.save");
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->chooser || self->rules == NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (saving ? _("Save Rules") : _("Load Rules"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               saving ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
                                               saving ? _("_Save") : _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (saving)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "rules.txt");
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* --- GObject ------------------------------------------------------------------ */

static void
seg_rule_editor_dispose (GObject *object)
{
  SegRuleEditor *self = SEG_RULE_EDITOR (object);
  GtkWidget *child;

  cancel_count (self);
  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEG_TYPE_RULE_EDITOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (seg_rule_editor_parent_class)->dispose (object);
}

static void
seg_rule_editor_finalize (GObject *object)
{
  SegRuleEditor *self = SEG_RULE_EDITOR (object);

  g_clear_pointer (&self->rules, seg_rule_set_unref);
  g_clear_pointer (&self->customers, seg_table_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->errors, g_ptr_array_unref);
  g_clear_pointer (&self->counts, g_free);
  G_OBJECT_CLASS (seg_rule_editor_parent_class)->finalize (object);
}

static void
seg_rule_editor_class_init (SegRuleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_rule_editor_dispose;
  object_class->finalize = seg_rule_editor_finalize;

  signals[SIGNAL_APPLY] = g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/seg-rule-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SegRuleEditor, list);
  gtk_widget_class_bind_template_child (widget_class, SegRuleEditor, status);
  gtk_widget_class_bind_template_child (widget_class, SegRuleEditor, apply_button);
  gtk_widget_class_install_action (widget_class, "rules.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "rules.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "rules.save", NULL, file_action);
  gtk_widget_class_install_action (widget_class, "rules.load", NULL, file_action);
}

static void
seg_rule_editor_init (SegRuleEditor *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));
  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 12);
  self->rows = g_ptr_array_new_with_free_func (g_free);
  self->errors = g_ptr_array_new_with_free_func (g_free);
}

/* --- public ------------------------------------------------------------------- */

void
seg_rule_editor_set_rules (SegRuleEditor    *self,
                           const SegRuleSet *rules)
{
  g_return_if_fail (SEG_IS_RULE_EDITOR (self));

  g_clear_pointer (&self->rules, seg_rule_set_unref);
  self->rules = rules ? seg_rule_set_copy (rules) : NULL;
  self->modified = FALSE;
  rebuild (self);
}

SegRuleSet *
seg_rule_editor_get_rules (SegRuleEditor *self)
{
  g_return_val_if_fail (SEG_IS_RULE_EDITOR (self), NULL);
  return self->rules;
}

void
seg_rule_editor_set_customers (SegRuleEditor *self,
                               SegTable      *customers)
{
  g_return_if_fail (SEG_IS_RULE_EDITOR (self));

  if (self->customers == customers)
    return;
  g_clear_pointer (&self->customers, seg_table_unref);
  self->customers = customers ? seg_table_ref (customers) : NULL;
  start_count (self);
}

void
seg_rule_editor_set_counts (SegRuleEditor *self,
                            const guint64 *counts,
                            guint          n_counts)
{
  g_return_if_fail (SEG_IS_RULE_EDITOR (self));
  g_return_if_fail (counts != NULL || n_counts == 0);

  g_clear_pointer (&self->counts, g_free);
  self->counts = g_memdup2 (counts, sizeof (guint64) * n_counts);
  self->n_counts = n_counts;
  show_counts (self);
}

gboolean
seg_rule_editor_set_condition (SegRuleEditor *self,
                               guint          index,
                               const char    *condition)
{
  Row *row;

  g_return_val_if_fail (SEG_IS_RULE_EDITOR (self), FALSE);
  g_return_val_if_fail (self->rules != NULL && index < seg_rule_set_get_n_rules (self->rules), FALSE);

  row = g_ptr_array_index (self->rows, index);
  gtk_editable_set_text (GTK_EDITABLE (row->condition), condition);
  return g_ptr_array_index (self->errors, index) == NULL;
}

const char *
seg_rule_editor_get_error (SegRuleEditor *self,
                           guint          index)
{
  g_return_val_if_fail (SEG_IS_RULE_EDITOR (self), NULL);
  return index < self->errors->len ? g_ptr_array_index (self->errors, index) : NULL;
}

guint64
seg_rule_editor_get_count (SegRuleEditor *self,
                           guint          index)
{
  g_return_val_if_fail (SEG_IS_RULE_EDITOR (self), G_MAXUINT64);
  return index < self->n_counts ? self->counts[index] : G_MAXUINT64;
}

gboolean
seg_rule_editor_is_valid (SegRuleEditor *self)
{
  g_return_val_if_fail (SEG_IS_RULE_EDITOR (self), FALSE);

  if (self->rules == NULL)
    return FALSE;
  for (guint i = 0; i < self->errors->len; i++)
    if (g_ptr_array_index (self->errors, i) != NULL)
      return FALSE;
  return TRUE;
}

gboolean
seg_rule_editor_is_modified (SegRuleEditor *self)
{
  g_return_val_if_fail (SEG_IS_RULE_EDITOR (self), FALSE);
  return self->modified;
}

void
seg_rule_editor_apply (SegRuleEditor *self)
{
  g_return_if_fail (SEG_IS_RULE_EDITOR (self));

  if (!seg_rule_editor_is_valid (self))
    return;
  self->modified = FALSE;
  g_signal_emit (self, signals[SIGNAL_APPLY], 0);
}
