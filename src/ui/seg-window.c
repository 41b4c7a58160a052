/* seg-window.c — the main window: open, load, panes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every load (reading files, reading them for the import view, building from
 * the import view) runs on a worker with one GCancellable.  A newer load
 * cancels the older one and results of a load that is no longer the current
 * one (its serial differs) are dropped, so the window only ever changes when
 * the newest load succeeds; cancelling or failing leaves it as it was.
 */
#define G_LOG_DOMAIN "seg-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "seg-connect-dialog.h"
#include "seg-focus.h"
#include "seg-frame-buffers.h"
#include "seg-ui-format.h"
#include "seg-source.h"
#include "seg-window.h"
#include "seg-window-file.h"
#include "seg-window-private.h"

#define MAX_RECENT 8

G_DEFINE_FINAL_TYPE (SegWindow, seg_window, ADW_TYPE_APPLICATION_WINDOW)

#define PROP_DATASET SEG_WINDOW_PROP_DATASET
#define properties seg_window_properties
GParamSpec *seg_window_properties[SEG_WINDOW_N_PROPS];

/* --- title, state ---------------------------------------------------------- */

/* "fintech" for a set of files in one folder, the file stem for one file. */
char *
seg_window_describe_paths (const char * const *paths)
{
  g_autofree char *first_dir = NULL;
  gboolean same_dir = TRUE;
  guint n = paths ? g_strv_length ((char **) paths) : 0;

  if (n == 0)
    return g_strdup (_("Untitled"));
  if (seg_source_is_uri (paths[0]))
    return seg_source_database_name (paths[0]);
  if (n == 1)
    {
      g_autofree char *base = g_path_get_basename (paths[0]);
      char *dot = strrchr (base, '.');
      if (dot && dot != base)
        *dot = '\0';
      return g_steal_pointer (&base);
    }
  first_dir = g_path_get_dirname (paths[0]);
  for (guint i = 1; i < n && same_dir; i++)
    {
      g_autofree char *dir = g_path_get_dirname (paths[i]);
      same_dir = g_strcmp0 (dir, first_dir) == 0;
    }
  if (same_dir && g_strcmp0 (first_dir, ".") != 0 && g_strcmp0 (first_dir, "/") != 0)
    return g_path_get_basename (first_dir);
  {
    g_autofree char *base = g_path_get_basename (paths[0]);
    return g_strdup_printf (_("%s and %u more"), base, n - 1);
  }
}

static void
update_title (SegWindow *self)
{
  g_autofree char *stem = NULL;
  g_autofree char *subtitle = NULL;

  if (self->dataset == NULL && self->import_paths == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Segmenta"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      return;
    }
  stem = seg_window_describe_paths ((const char * const *) (self->dataset ? self->paths : self->import_paths));
  if (self->dataset)
    {
      guint64 n = seg_table_get_n_rows (seg_dataset_get_customers (self->dataset));
      g_autofree char *count = seg_ui_format_count (n);
      g_autofree char *as_of = seg_ui_format_date_long (seg_dataset_get_as_of (self->dataset));
      g_autofree char *customers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s customer", "%s customers",
                                                                 (gulong) n), count);
      if (isnan (seg_dataset_get_as_of (self->dataset)))
        subtitle = g_steal_pointer (&customers);   /* a table without dates */
      else
        /* Translators: "200 customers · as of 14 Sep 2025" */
        subtitle = g_strdup_printf (_("%s · as of %s"), customers, as_of);
    }
  else
    subtitle = g_strdup (_("Not built yet: check the import settings"));
  if (seg_window_has_unsaved_changes (self))
    {
      /* Translators: the title of an analysis with unsaved changes */
      char *marked = g_strdup_printf (_("• %s"), stem);
      g_free (stem);
      stem = marked;
    }
  adw_window_title_set_title (self->window_title, stem);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

void
seg_window_refresh_title (SegWindow *self)
{
  update_title (self);
}

static void
update_state (SegWindow *self)
{
  gboolean has_content = self->dataset != NULL || seg_import_view_get_n_files (self->import_view) > 0;

  gtk_stack_set_visible_child_name (self->main_stack, has_content ? "content" : "empty");
  if (has_content && gtk_list_box_get_selected_row (self->sidebar) == NULL)
    gtk_list_box_select_row (self->sidebar, self->data_row ? GTK_LIST_BOX_ROW (self->data_row)
                                                           : gtk_list_box_get_row_at_index (self->sidebar, 0));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-import",
                                 seg_import_view_get_n_files (self->import_view) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-pane", has_content);
  update_title (self);
}

/* --- panes --------------------------------------------------------------- */

static GtkWidget *
make_sidebar_row (const char *id,
                  const char *title,
                  const char *icon_name)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, id);
  return row;
}

void
seg_window_add_pane (SegWindow  *self,
                     const char *id,
                     const char *title,
                     const char *icon_name,
                     GtkWidget  *widget)
{
  GtkWidget *row;
  int position = -1;

  g_return_if_fail (SEG_IS_WINDOW (self));
  g_return_if_fail (id != NULL && title != NULL && GTK_IS_WIDGET (widget));
  g_return_if_fail (gtk_stack_get_child_by_name (self->pane_stack, id) == NULL);

  gtk_stack_add_titled (self->pane_stack, widget, id, title);
  row = make_sidebar_row (id, title, icon_name ? icon_name : "view-grid-symbolic");
  if (self->data_row != NULL)
    position = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->data_row));
  gtk_list_box_insert (self->sidebar, row, position);
  if (g_strcmp0 (id, "data") == 0)
    self->data_row = row;
}

void
seg_window_show_pane (SegWindow  *self,
                      const char *id)
{
  g_return_if_fail (SEG_IS_WINDOW (self));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (gtk_widget_get_name (row), id) == 0)
      gtk_list_box_select_row (self->sidebar, GTK_LIST_BOX_ROW (row));
}

const char *
seg_window_get_visible_pane (SegWindow *self)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->pane_stack);
}

static void
sidebar_row_selected_cb (SegWindow     *self,
                         GtkListBoxRow *row)
{
  if (row != NULL)
    gtk_stack_set_visible_child_name (self->pane_stack, gtk_widget_get_name (GTK_WIDGET (row)));
  /* a folded sidebar slides away once a pane is picked */
  if (self->flap != NULL && adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

/* Below this width the sidebar folds away behind a header button, and the
 * panes get the whole width (libadwaita 1.2 has no breakpoints). */
#define FOLD_WIDTH 1200

static gboolean
apply_fold_cb (gpointer data)
{
  SegWindow *self = data;
  gboolean fold = gtk_widget_get_width (GTK_WIDGET (self)) < FOLD_WIDTH;

  self->fold_idle = 0;
  adw_flap_set_fold_policy (self->flap, fold ? ADW_FLAP_FOLD_POLICY_ALWAYS : ADW_FLAP_FOLD_POLICY_NEVER);
  adw_flap_set_reveal_flap (self->flap, !fold);
  return G_SOURCE_REMOVE;
}

/* The fold follows the window's width; it changes after the allocation, as
 * it changes what the panes need. */
static void
seg_window_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  SegWindow *self = SEG_WINDOW (widget);
  gboolean fold = width < FOLD_WIDTH;
  gboolean folded = adw_flap_get_fold_policy (self->flap) == ADW_FLAP_FOLD_POLICY_ALWAYS;

  GTK_WIDGET_CLASS (seg_window_parent_class)->size_allocate (widget, width, height, baseline);
  if (fold != folded && self->fold_idle == 0)
    self->fold_idle = g_idle_add (apply_fold_cb, self);
}

/* --- recent file sets ------------------------------------------------------ */

static gboolean
all_exist (const char * const *paths)
{
  for (guint i = 0; paths[i]; i++)
    if (!g_file_test (paths[i], G_FILE_TEST_IS_REGULAR))
      return FALSE;
  return paths[0] != NULL;
}

/* Doubles every underscore so that a menu shows it instead of taking it as
 * a mnemonic. */
static char *
escape_mnemonic (const char *text)
{
  GString *escaped = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '_')
        g_string_append_c (escaped, '_');
      g_string_append_c (escaped, *p);
    }
  return g_string_free (escaped, FALSE);
}

static GtkWidget *
make_recent_row (const char * const *paths,
                 guint               index)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = seg_window_describe_paths (paths);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *title_markup = g_markup_escape_text (title, -1);
  g_autofree char *subtitle_markup = NULL;

  for (guint i = 0; paths[i]; i++)
    {
      g_autofree char *base = g_path_get_basename (paths[i]);
      g_string_append_printf (subtitle, "%s%s", i ? ", " : "", base);
    }
  subtitle_markup = g_markup_escape_text (subtitle->str, -1);

  /* the row reads its title as markup: "&" or "<" in a file name is text */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title_markup);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle_markup);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("document-open-recent-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.reopen");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_int32 ((gint32) index));
  gtk_widget_set_tooltip_text (row, paths[0]);
  return row;
}

static void
update_recent (SegWindow *self)
{
  g_autoptr(GVariant) recent = g_settings_get_value (self->settings, "recent-files");
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);
  g_menu_remove_all (self->recent_section);
  for (gsize i = 0; i < g_variant_n_children (recent); i++)
    {
      g_autoptr(GVariant) entry = g_variant_get_child_value (recent, i);
      g_autofree const char **paths = g_variant_get_strv (entry, NULL);
      g_autofree char *label = NULL;
      g_autofree char *menu_label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (!all_exist (paths))
        continue;
      label = seg_window_describe_paths (paths);
      /* menu labels take "_x" as a mnemonic: online_retail must stay whole */
      menu_label = escape_mnemonic (label);
      item = g_menu_item_new (menu_label, NULL);
      g_menu_item_set_action_and_target_value (item, "win.reopen", g_variant_new_int32 ((gint32) i));
      g_menu_append_item (self->recent_section, item);
      gtk_list_box_append (self->recent_list, make_recent_row (paths, (guint) i));
      shown++;
    }
  gtk_widget_set_visible (self->recent_box, shown > 0);
}

void
seg_window_add_recent (SegWindow          *self,
                       const char * const *paths)
{
  g_autoptr(GVariant) old = g_settings_get_value (self->settings, "recent-files");
  GVariantBuilder builder;
  guint kept = 1;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aas"));
  g_variant_builder_add_value (&builder, g_variant_new_strv (paths, -1));
  for (gsize i = 0; i < g_variant_n_children (old) && kept < MAX_RECENT; i++)
    {
      g_autoptr(GVariant) entry = g_variant_get_child_value (old, i);
      g_autofree const char **other = g_variant_get_strv (entry, NULL);

      if (g_strv_equal ((const char * const *) other, paths))
        continue;
      g_variant_builder_add_value (&builder, entry);
      kept++;
    }
  g_settings_set_value (self->settings, "recent-files", g_variant_builder_end (&builder));
}

/* --- showing results --------------------------------------------------------- */

/* Dates after the as-of date were left out, and placeholder dates
 * (9999-12-31…) read as missing: said once, above the customer table (Data
 * pane) and in a toast, with the count and the column. */
static void
show_future_dates (SegWindow  *self,
                   SegDataset *dataset)
{
  GPtrArray *future = seg_dataset_get_future_dates (dataset);
  g_autoptr(GString) notes = g_string_new (NULL);

  for (guint i = 0; i < future->len; i++)
    {
      const SegFutureDates *f = g_ptr_array_index (future, i);
      g_autofree char *count = seg_ui_format_count (f->count);
      g_autofree char *toast = NULL;

      g_string_append_printf (notes, "%s%s", i > 0 ? "\n" : "", f->message);
      if (f->kind == SEG_DATE_NOTE_PLACEHOLDER)
        /* Translators: "2 dates in “signup_date” look like placeholders and were read as missing" */
        toast = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s date in “%s” looks like a placeholder and was read as missing",
                                              "%s dates in “%s” look like placeholders and were read as missing",
                                              (gulong) MIN (f->count, G_MAXULONG)), count, f->column);
      else
        /* Translators: "1,000 dates in “signup_date” are after the as-of date and were left out" */
        toast = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s date in “%s” is after the as-of date and was left out",
                                              "%s dates in “%s” are after the as-of date and were left out",
                                              (gulong) f->count), count, f->column);
      seg_window_add_toast (self, toast);
    }
  seg_customer_table_set_notes (self->customer_table, notes->len > 0 ? notes->str : NULL);
}

void
seg_window_set_dataset (SegWindow          *self,
                        SegDataset         *dataset,
                        const char * const *paths)
{
  gboolean same_files = self->paths != NULL && g_strv_equal ((const char * const *) self->paths, paths);

  g_clear_pointer (&self->dataset, seg_dataset_unref);
  self->dataset = seg_dataset_ref (dataset);
  g_strfreev (self->paths);
  self->paths = g_strdupv ((char **) paths);
  g_clear_pointer (&self->import_paths, g_strfreev);
  g_clear_pointer (&self->error_message, g_free);
  seg_customer_table_set_table (self->customer_table, seg_dataset_get_customers (dataset));
  show_future_dates (self, dataset);
  seg_window_add_recent (self, paths);
  update_state (self);
  /* the charts must not show the analysis of the data shown before */
  seg_window_dashboard_dataset_changed (self, same_files);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
  seg_window_start_analysis (self);
  if (g_strcmp0 (g_getenv ("SEGMENTA_TEST_MARKERS"), "1") == 0)
    {
      printf ("LOADED %" G_GUINT64_FORMAT " customers\n",
              seg_table_get_n_rows (seg_dataset_get_customers (dataset)));
      fflush (stdout);
    }
}

void
seg_window_show_import (SegWindow *self)
{
  update_state (self);
  seg_window_show_pane (self, "data");
  adw_view_stack_set_visible_child_name (self->data_stack, "import");
}

void
seg_window_show_error (SegWindow   *self,
                       const char  *heading,
                       const GError *error)
{
  GtkWidget *dialog;

  g_free (self->error_message);
  self->error_message = g_strdup (error->message);
  if (g_strcmp0 (g_getenv ("SEGMENTA_TEST_MARKERS"), "1") == 0)
    {
      printf ("ERROR %s\n", error->message);
      fflush (stdout);
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- actions ----------------------------------------------------------------- */

static void
file_chooser_response_cb (SegWindow            *self,
                          int                   response,
                          GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      if (array->len > 0)
        seg_window_open_files (self, (GFile **) array->pdata, array->len);
    }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SegWindow *self = SEG_WINDOW (widget);
  g_autoptr(GtkFileFilter) tables = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }
  self->chooser = gtk_file_chooser_native_new (_("Open Customer Data"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (tables, _("Tables (CSV, TSV, TXT) and analyses"));
  gtk_file_filter_add_mime_type (tables, "application/x-segmenta");
  gtk_file_filter_add_suffix (tables, "segmenta");
  gtk_file_filter_add_mime_type (tables, "text/csv");
  gtk_file_filter_add_mime_type (tables, "text/tab-separated-values");
  gtk_file_filter_add_suffix (tables, "csv");
  gtk_file_filter_add_suffix (tables, "tsv");
  gtk_file_filter_add_suffix (tables, "txt");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), tables);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (file_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  seg_window_cancel_load (SEG_WINDOW (widget));
  seg_window_cancel_analysis (SEG_WINDOW (widget));
  seg_window_cancel_export (SEG_WINDOW (widget));
}

/* Escape: stop what runs, else clear the linked highlight. */
static void
escape_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SegWindow *self = SEG_WINDOW (widget);

  if (self->cancellable != NULL || self->analysis_cancellable != NULL || self->export_cancellable != NULL)
    {
      seg_window_cancel_load (self);
      seg_window_cancel_analysis (self);
      seg_window_cancel_export (self);
    }
  else
    seg_window_set_highlight (self, NULL, -1);
}

static void
show_import_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  seg_window_show_import (SEG_WINDOW (widget));
}

static void
connect_database_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (seg_connect_dialog_new (SEG_WINDOW (widget))));
}

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SegWindow *self = SEG_WINDOW (widget);
  g_autoptr(GVariant) recent = g_settings_get_value (self->settings, "recent-files");
  int index = g_variant_get_int32 (parameter);
  g_autoptr(GVariant) entry = NULL;
  g_autofree const char **paths = NULL;

  if (index < 0 || (gsize) index >= g_variant_n_children (recent))
    return;
  entry = g_variant_get_child_value (recent, index);
  paths = g_variant_get_strv (entry, NULL);
  seg_window_open_paths (self, paths);
}

static void
show_pane_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SegWindow *self = SEG_WINDOW (widget);
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->sidebar, g_variant_get_int32 (parameter));

  if (row != NULL)
    gtk_list_box_select_row (self->sidebar, row);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         SegWindow     *self)
{
  GdkFileList *list;
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  list = g_value_get_boxed (value);
  for (GSList *l = gdk_file_list_get_files (list); l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  if (files->len == 0)
    return FALSE;
  seg_window_open_files (self, (GFile **) files->pdata, files->len);
  return TRUE;
}

static void
import_apply_cb (SegWindow *self)
{
  seg_window_start_build (self);
}

/* --- GObject ----------------------------------------------------------------- */

static gboolean
seg_window_close_request (GtkWindow *window)
{
  SegWindow *self = SEG_WINDOW (window);
  int width, height;

  if (seg_window_file_close_request (self))
    return TRUE;
  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  seg_window_cancel_load (self);
  seg_window_cancel_analysis (self);
  return GTK_WINDOW_CLASS (seg_window_parent_class)->close_request (window);
}

static void
seg_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SegWindow *self = SEG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_boxed (value, self->dataset);
      break;
    case SEG_WINDOW_PROP_RESULT:
    case SEG_WINDOW_PROP_COLOUR_BY:
    case SEG_WINDOW_PROP_HIGHLIGHT:
      seg_window_dashboard_get_property (self, prop_id, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_window_dispose (GObject *object)
{
  SegWindow *self = SEG_WINDOW (object);

  g_clear_handle_id (&self->fold_idle, g_source_remove);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  seg_window_dashboard_dispose (self);
  seg_window_file_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEG_TYPE_WINDOW);
  G_OBJECT_CLASS (seg_window_parent_class)->dispose (object);
}

static void
seg_window_finalize (GObject *object)
{
  SegWindow *self = SEG_WINDOW (object);

  g_clear_pointer (&self->dataset, seg_dataset_unref);
  g_clear_pointer (&self->paths, g_strfreev);
  g_clear_pointer (&self->import_paths, g_strfreev);
  g_clear_pointer (&self->loading_paths, g_strfreev);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->last_toast, g_free);
  g_clear_object (&self->settings);
  seg_window_dashboard_finalize (self);
  seg_window_file_finalize (self);
  G_OBJECT_CLASS (seg_window_parent_class)->finalize (object);
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.show-import", NULL, show_import_action);
  gtk_widget_class_install_action (widget_class, "win.connect-database", NULL, connect_database_action);
  gtk_widget_class_install_action (widget_class, "win.reopen", "i", reopen_action);
  gtk_widget_class_install_action (widget_class, "win.show-pane", "i", show_pane_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_install_action (widget_class, "win.escape", NULL, escape_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.escape", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.show-import", NULL);
  for (int i = 0; i < 6; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_CONTROL_MASK,
                                         "win.show-pane", "i", i);
}

/* A crossfade draws both panes into offscreen images on every frame.  With
 * the software (cairo) renderer that is about 50 ms a frame on a two-core
 * machine, so the main loop would stall for the whole transition: there the
 * panes switch at once.  The progress bar's slide lays out and repaints the
 * whole pane under it in each of its frames, so it appears and goes at
 * once too: with a duration of 0, not with the transition "none", with
 * which GTK 4.8's revealer keeps the bar's room when it hides it.  Under
 * X11 the frames' buffers are kept warm (seg-frame-buffers.h): a frame
 * that repaints the whole window would otherwise spend half its time
 * faulting in new pages. */
static void
seg_window_realize (GtkWidget *widget)
{
  SegWindow *self = SEG_WINDOW (widget);

  GTK_WIDGET_CLASS (seg_window_parent_class)->realize (widget);
  if (GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (GTK_NATIVE (self))))
    {
      gtk_stack_set_transition_type (self->main_stack, GTK_STACK_TRANSITION_TYPE_NONE);
      gtk_stack_set_transition_type (self->pane_stack, GTK_STACK_TRANSITION_TYPE_NONE);
      gtk_revealer_set_transition_duration (self->progress_revealer, 0);
      self->frame_buffers = seg_frame_buffers_new (GTK_NATIVE (self));
    }
}

static void
seg_window_unrealize (GtkWidget *widget)
{
  SegWindow *self = SEG_WINDOW (widget);

  g_clear_pointer (&self->frame_buffers, seg_frame_buffers_free);
  GTK_WIDGET_CLASS (seg_window_parent_class)->unrealize (widget);
}

static void
seg_window_class_init (SegWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = seg_window_get_property;
  object_class->dispose = seg_window_dispose;
  object_class->finalize = seg_window_finalize;
  window_class->close_request = seg_window_close_request;
  widget_class->realize = seg_window_realize;
  widget_class->unrealize = seg_window_unrealize;
  widget_class->size_allocate = seg_window_size_allocate;

  properties[PROP_DATASET] =
    g_param_spec_boxed ("dataset", NULL, NULL, SEG_TYPE_DATASET,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  seg_window_dashboard_install_properties (properties);
  g_object_class_install_properties (object_class, SEG_WINDOW_N_PROPS, properties);

  g_type_ensure (SEG_TYPE_CUSTOMER_TABLE);
  g_type_ensure (SEG_TYPE_IMPORT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/seg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SegWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, recent_section);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, progress_spinner);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, recent_box);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, pane_stack);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, data_pane);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, data_stack);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, customer_table);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, import_view);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_apply_cb);
  install_actions (widget_class);
  seg_window_dashboard_class_init (widget_class);
  seg_window_file_class_init (widget_class);
}

static void
restore_size (SegWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 640), MAX (height, 480));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
seg_window_init (SegWindow *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));
  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
  self->settings = g_settings_new (APPLICATION_ID);
  adw_status_page_set_icon_name (self->empty_page, APPLICATION_ID);
  restore_size (self);
  /* Tab goes on to the pane; the arrow keys pick another one */
  seg_focus_tab_leaves (GTK_WIDGET (self->sidebar), GTK_WIDGET (self->pane_stack), GTK_WIDGET (self->flap));
  seg_window_add_pane (self, "data", _("Data"), "x-office-spreadsheet-symbolic", self->data_pane);
  seg_window_dashboard_init (self);
  seg_window_file_init (self);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->toast_overlay), GTK_EVENT_CONTROLLER (target));
  gtk_widget_add_css_class (GTK_WIDGET (self->toast_overlay), "drop-target");

  g_signal_connect_swapped (self->settings, "changed::recent-files", G_CALLBACK (update_recent), self);
  update_recent (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", FALSE);
  update_state (self);
}

/* --- public ------------------------------------------------------------------ */

SegWindow *
seg_window_new (SegApplication *application)
{
  return g_object_new (SEG_TYPE_WINDOW, "application", application, NULL);
}

void
seg_window_open_files (SegWindow  *self,
                       GFile     **files,
                       guint       n_files)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;

  g_return_if_fail (SEG_IS_WINDOW (self));

  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      if (path != NULL)
        g_strv_builder_add (builder, path);
    }
  paths = g_strv_builder_end (builder);
  if (paths[0] != NULL)
    seg_window_open_paths (self, (const char * const *) paths);
}

SegDataset *
seg_window_get_dataset (SegWindow *self)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), NULL);
  return self->dataset;
}

gboolean
seg_window_is_loading (SegWindow *self)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), FALSE);
  return self->cancellable != NULL;
}

const char *
seg_window_get_error_message (SegWindow *self)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), NULL);
  return self->error_message;
}

SegImportView *
seg_window_get_import_view (SegWindow *self)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), NULL);
  return self->import_view;
}

SegCustomerTable *
seg_window_get_customer_table (SegWindow *self)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), NULL);
  return self->customer_table;
}

const char *
seg_window_get_state (SegWindow *self)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

void
seg_window_add_toast (SegWindow  *self,
                      const char *message)
{
  g_return_if_fail (SEG_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  g_free (self->last_toast);
  self->last_toast = g_strdup (message);
}

const char *
seg_window_get_last_toast (SegWindow *self)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), NULL);

  return self->last_toast;
}

char *
seg_window_dup_title (SegWindow *self)
{
  const char *title, *subtitle;

  g_return_val_if_fail (SEG_IS_WINDOW (self), NULL);
  title = adw_window_title_get_title (self->window_title);
  subtitle = adw_window_title_get_subtitle (self->window_title);
  if (subtitle == NULL || *subtitle == '\0')
    return g_strdup (title);
  return g_strdup_printf ("%s · %s", title, subtitle);
}
