/* seg-migration-window.c — the Migration view of "Apply to New Data…"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-migration-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "seg-chart-flow.h"
#include "seg-chart-style.h"
#include "seg-csv-writer.h"
#include "seg-format.h"
#include "seg-migration-window.h"
#include "seg-publish.h"

#define MAX_LISTED 500

typedef struct
{
  SegMigrationWindow       *window;   /* weak */
  const SegMigrationMethod *method;
  GtkWidget                *chart;
} Page;

struct _SegMigrationWindow
{
  AdwWindow     parent_instance;
  SegMigration *migration;
  GPtrArray    *pages;          /* Page* */
  AdwViewStack *stack;
  GtkLabel     *selection_title;
  GtkListBox   *selection_list;
  GtkWidget    *selection_box;
  GtkWidget    *export_selection;
  const SegMigrationMethod *selected_method;
  guint         selected_from, selected_to, n_selected;
  GtkFileChooserNative *chooser;
  gboolean      chooser_for_selection;
};

G_DEFINE_FINAL_TYPE (SegMigrationWindow, seg_migration_window, ADW_TYPE_WINDOW)

static const char *
method_title (const char *method)
{
  if (g_strcmp0 (method, "rules") == 0)
    return _("Rules");
  if (g_strcmp0 (method, "rfm") == 0)
    return _("RFM");
  if (g_strcmp0 (method, "kmeans") == 0)
    return _("Clusters");
  return method;
}

static double
value_moved (const SegMigrationMethod *m)
{
  double v = 0;

  for (guint a = 0; a + 1 < m->n_from; a++)
    for (guint b = 0; b + 1 < m->n_to; b++)
      if (!g_str_equal (m->from_names[a], m->to_names[b]))
        v += m->spent[(gsize) a * m->n_to + b];
  return v;
}

/* --- the flow chart ------------------------------------------------------ */

static void
draw_flow (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  Page *page = user_data;
  const SegMigrationMethod *m = page->method;
  g_autofree char *title = g_strdup_printf (_("How customers moved: %s"), method_title (m->method));
  AdwStyleManager *sm = adw_style_manager_get_default ();
  SegChartStyle style;
  SegFlowData data = { title, NULL, _("Saved analysis"), _("New data"), m->n_from, m->n_to,
                       (const char * const *) m->from_names, (const char * const *) m->to_names, m->counts };

  seg_chart_style_init (&style, adw_style_manager_get_dark (sm) ? SEG_CHART_THEME_DARK : SEG_CHART_THEME_LIGHT);
  seg_chart_flow_draw (cr, width, height, &data, &style);
}

/* --- selection ------------------------------------------------------------ */

void
seg_migration_window_select_cell (SegMigrationWindow *self,
                                  const char         *method,
                                  guint               from,
                                  guint               to)
{
  const SegMigrationMethod *m = seg_migration_get_method (self->migration, method);
  GtkWidget *child;
  g_autofree char *title = NULL;
  guint listed = 0;

  g_return_if_fail (m != NULL && from < m->n_from && to < m->n_to);
  self->selected_method = m;
  self->selected_from = from;
  self->selected_to = to;
  self->n_selected = m->counts[(gsize) from * m->n_to + to];
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->selection_list))) != NULL)
    gtk_list_box_remove (self->selection_list, child);
  for (gsize i = 0; i < m->n_moves && listed < MAX_LISTED; i++)
    {
      const SegMigrationMove *mv = &m->moves[i];
      GtkWidget *row;
      g_autofree char *spent = NULL;

      if (mv->from != from || mv->to != to)
        continue;
      row = adw_action_row_new ();
      spent = isfinite (mv->total_spent) ? seg_format_compact (mv->total_spent) : g_strdup ("—");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mv->id);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), spent);
      gtk_list_box_append (self->selection_list, row);
      listed++;
    }
  /* Translators: "Champions → At Risk (Clusters): 12 customers" */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s → %s (%s): %u customer", "%s → %s (%s): %u customers",
                                        self->n_selected),
                           m->from_names[from], m->to_names[to], method_title (m->method), self->n_selected);
  if (self->n_selected > listed)
    {
      g_autofree char *more = g_strdup_printf (_("%s — the first %u are listed; Export… writes them all"), title, listed);
      gtk_label_set_text (self->selection_title, more);
    }
  else
    gtk_label_set_text (self->selection_title, title);
  gtk_widget_set_visible (self->selection_box, TRUE);
  gtk_widget_set_sensitive (self->export_selection, self->n_selected > 0);
}

guint
seg_migration_window_get_n_selected (SegMigrationWindow *self)
{
  return self->n_selected;
}

const SegMigration *
seg_migration_window_get_migration (SegMigrationWindow *self)
{
  return self->migration;
}

typedef struct
{
  SegMigrationWindow *window;
  const char         *method;
  guint               from, to;
} CellRef;

static void
cell_clicked_cb (GtkButton *button,
                 CellRef   *ref)
{
  seg_migration_window_select_cell (ref->window, ref->method, ref->from, ref->to);
}

/* --- exports -------------------------------------------------------------- */

gboolean
seg_migration_window_export_selection (SegMigrationWindow *self,
                                       const char         *path,
                                       GError            **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (self->selected_method != NULL, FALSE);
  bytes = seg_migration_format_cell (self->selected_method, self->selected_from, self->selected_to);
  return seg_publish_file (path, bytes, error);
}

gboolean
seg_migration_window_export_csv (SegMigrationWindow *self,
                                 const char         *path,
                                 GError            **error)
{
  g_autoptr(GBytes) bytes = seg_migration_format_csv (self->migration);
  return seg_publish_file (path, bytes, error);
}

static void
export_response_cb (GtkNativeDialog    *chooser,
                    int                 response,
                    SegMigrationWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      gboolean ok = self->chooser_for_selection ? seg_migration_window_export_selection (self, path, &error)
                                                : seg_migration_window_export_csv (self, path, &error);
      if (!ok)
        {
          AdwMessageDialog *d = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Export"),
                                                                            error->message));
          adw_message_dialog_add_response (d, "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (d));
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

static void
start_export (SegMigrationWindow *self,
              gboolean            selection,
              const char         *name)
{
  if (self->chooser != NULL)
    return;
  self->chooser_for_selection = selection;
  self->chooser = gtk_file_chooser_native_new (_("Export as CSV"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_selection_clicked_cb (SegMigrationWindow *self)
{
  start_export (self, TRUE, "migration-customers.csv");
}

static void
export_all_clicked_cb (SegMigrationWindow *self)
{
  start_export (self, FALSE, "migration.csv");
}

/* --- a page per method ------------------------------------------------------ */

static GtkWidget *
cell_label (const char *text,
            gboolean    header)
{
  GtkWidget *l = gtk_label_new (text);

  gtk_label_set_ellipsize (GTK_LABEL (l), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (l), 18);
  gtk_widget_set_tooltip_text (l, text);
  if (header)
    gtk_widget_add_css_class (l, "heading");
  return l;
}

static GtkWidget *
matrix_grid (SegMigrationWindow       *self,
             const SegMigrationMethod *m)
{
  GtkWidget *grid = gtk_grid_new ();
  guint max = 1;

  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 4);
  gtk_grid_attach (GTK_GRID (grid), cell_label (_("From ╲ To"), TRUE), 0, 0, 1, 1);
  for (guint b = 0; b < m->n_to; b++)
    gtk_grid_attach (GTK_GRID (grid), cell_label (m->to_names[b], TRUE), (int) b + 1, 0, 1, 1);
  for (gsize c = 0; c < (gsize) m->n_from * m->n_to; c++)
    max = MAX (max, m->counts[c]);
  for (guint a = 0; a < m->n_from; a++)
    {
      GtkWidget *head = cell_label (m->from_names[a], TRUE);
      gtk_widget_set_halign (head, GTK_ALIGN_END);
      gtk_grid_attach (GTK_GRID (grid), head, 0, (int) a + 1, 1, 1);
      for (guint b = 0; b < m->n_to; b++)
        {
          gsize cell = (gsize) a * m->n_to + b;
          guint count = m->counts[cell];
          g_autofree char *n = seg_format_integer (count);
          g_autofree char *v = seg_format_compact (m->spent[cell]);
          g_autofree char *text = count ? g_strdup_printf ("%s\n%s", n, v) : g_strdup ("·");
          GtkWidget *button = gtk_button_new_with_label (text);
          CellRef *ref = g_new0 (CellRef, 1);
          g_autofree char *tip = g_strdup_printf (_("%s → %s: %s customers, %s spent. Click to list them."),
                                                  m->from_names[a], m->to_names[b], n, v);

          ref->window = self;
          ref->method = m->method;
          ref->from = a;
          ref->to = b;
          gtk_widget_set_tooltip_text (button, tip);
          gtk_widget_set_sensitive (button, count > 0);
          if (count > 0 && !g_str_equal (m->from_names[a], m->to_names[b]))
            gtk_widget_add_css_class (button, count * 4 >= max ? "suggested-action" : "accent");
          else
            gtk_widget_add_css_class (button, "flat");
          g_signal_connect_data (button, "clicked", G_CALLBACK (cell_clicked_cb), ref,
                                 (GClosureNotify) (void (*) (void)) g_free, 0);
          gtk_widget_set_name (button, "migration-cell");
          g_object_set_data (G_OBJECT (button), "migration-cell", GUINT_TO_POINTER (cell + 1));
          gtk_grid_attach (GTK_GRID (grid), button, (int) b + 1, (int) a + 1, 1, 1);
        }
    }
  return grid;
}

static GtkWidget *
method_page (SegMigrationWindow       *self,
             const SegMigrationMethod *m)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scroll = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *summary, *matrix_scroll;
  Page *page = g_new0 (Page, 1);
  g_autofree char *stayed = seg_format_integer (m->stayed);
  g_autofree char *moved = seg_format_integer (m->moved);
  g_autofree char *added = seg_format_integer (m->added);
  g_autofree char *lost = seg_format_integer (m->lost);
  g_autofree char *value = seg_format_compact (value_moved (m));
  g_autofree char *text = NULL;

  page->window = self;
  page->method = m;
  g_ptr_array_add (self->pages, page);
  /* Translators: the counts of the Migration view */
  text = g_strdup_printf (_("%s stayed · %s moved (spend %s) · %s new · %s gone"), stayed, moved, value, added, lost);
  summary = gtk_label_new (text);
  gtk_widget_add_css_class (summary, "title-4");
  gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
  gtk_box_append (GTK_BOX (box), summary);
  page->chart = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (page->chart), 360);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (page->chart), draw_flow, page, NULL);
  gtk_box_append (GTK_BOX (box), page->chart);
  matrix_scroll = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (matrix_scroll), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (matrix_scroll), matrix_grid (self, m));
  gtk_box_append (GTK_BOX (box), matrix_scroll);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1200);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), clamp);
  gtk_widget_set_vexpand (scroll, TRUE);
  return scroll;
}

/* --- GObject ----------------------------------------------------------------- */

static void
seg_migration_window_dispose (GObject *object)
{
  SegMigrationWindow *self = SEG_MIGRATION_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  G_OBJECT_CLASS (seg_migration_window_parent_class)->dispose (object);
}

static void
seg_migration_window_finalize (GObject *object)
{
  SegMigrationWindow *self = SEG_MIGRATION_WINDOW (object);

  g_ptr_array_unref (self->pages);
  g_clear_pointer (&self->migration, seg_migration_free);
  G_OBJECT_CLASS (seg_migration_window_parent_class)->finalize (object);
}

static void
seg_migration_window_class_init (SegMigrationWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = seg_migration_window_dispose;
  G_OBJECT_CLASS (klass)->finalize = seg_migration_window_finalize;
}

static void
seg_migration_window_init (SegMigrationWindow *self)
{
  self->pages = g_ptr_array_new_with_free_func (g_free);
}

SegMigrationWindow *
seg_migration_window_new (GtkWindow    *parent,
                          const char   *subtitle,
                          SegMigration *migration)
{
  SegMigrationWindow *self = g_object_new (SEG_TYPE_MIGRATION_WINDOW, "transient-for", parent,
                                           "default-width", 1100, "default-height", 900,
                                           "title", _("Segment Migration"), NULL);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *title = adw_view_switcher_title_new ();
  GtkWidget *export_all = gtk_button_new_with_mnemonic (_("_Export migration.csv…"));
  GtkWidget *selection_scroll, *selection_head;

  self->migration = migration;
  self->stack = ADW_VIEW_STACK (adw_view_stack_new ());
  adw_view_switcher_title_set_stack (ADW_VIEW_SWITCHER_TITLE (title), self->stack);
  adw_view_switcher_title_set_title (ADW_VIEW_SWITCHER_TITLE (title), _("Segment Migration"));
  adw_view_switcher_title_set_subtitle (ADW_VIEW_SWITCHER_TITLE (title), subtitle);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  g_signal_connect_swapped (export_all, "clicked", G_CALLBACK (export_all_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), export_all);
  gtk_box_append (GTK_BOX (content), header);
  for (guint i = 0; i < migration->n_methods; i++)
    {
      const SegMigrationMethod *m = &migration->methods[i];
      AdwViewStackPage *page = adw_view_stack_add_titled (self->stack, method_page (self, m), m->method,
                                                          method_title (m->method));
      adw_view_stack_page_set_icon_name (page, g_str_equal (m->method, "rules") ? "view-list-symbolic"
                                               : g_str_equal (m->method, "rfm") ? "view-grid-symbolic"
                                                                                  : "view-app-grid-symbolic");
    }
  if (migration->n_methods > 1 && seg_migration_get_method (migration, "kmeans") != NULL)
    adw_view_stack_set_visible_child_name (self->stack, "kmeans");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->stack));

  /* the customers of the clicked cell */
  self->selection_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  selection_head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  self->selection_title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->selection_title, 0);
  gtk_label_set_wrap (self->selection_title, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->selection_title), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->selection_title), "heading");
  self->export_selection = gtk_button_new_with_mnemonic (_("E_xport…"));
  g_signal_connect_swapped (self->export_selection, "clicked", G_CALLBACK (export_selection_clicked_cb), self);
  gtk_box_append (GTK_BOX (selection_head), GTK_WIDGET (self->selection_title));
  gtk_box_append (GTK_BOX (selection_head), self->export_selection);
  self->selection_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->selection_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->selection_list), "boxed-list");
  selection_scroll = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (selection_scroll), 160);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (selection_scroll), GTK_WIDGET (self->selection_list));
  gtk_box_append (GTK_BOX (self->selection_box), selection_head);
  gtk_box_append (GTK_BOX (self->selection_box), selection_scroll);
  gtk_widget_set_margin_start (self->selection_box, 12);
  gtk_widget_set_margin_end (self->selection_box, 12);
  gtk_widget_set_margin_bottom (self->selection_box, 12);
  gtk_widget_set_visible (self->selection_box, FALSE);
  gtk_box_append (GTK_BOX (content), self->selection_box);
  adw_window_set_content (ADW_WINDOW (self), content);
  return self;
}
