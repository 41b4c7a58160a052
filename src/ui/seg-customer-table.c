/* seg-customer-table.c — the sortable, searchable customer table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The view shows a SegRowModel (one lazily made item per row) through a
 * filter and a sort model.  Cells are formatted when bound, so only the
 * visible rows cost anything; sorting compares the column's own values
 * (numbers, days, collation keys made per row on first compare).  A new
 * table reaches the view through a ramp (seg-list-ramp.h), so its first
 * rows of widgets are made a few at a time, not in one long stall; the
 * rows of the table shown before are taken away the same way first.  What
 * needs every row of a column before the first cell is shown (the decimals
 * a number column lines up on) is found on a worker meanwhile.
 */
#define G_LOG_DOMAIN "seg-customer-table"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-customer-table.h"
#include "seg-dashboard.h"
#include "seg-focus.h"
#include "seg-job.h"
#include "seg-list-ramp.h"
#include "seg-row-model.h"
#include "seg-ui-format.h"

/* The first rows, then a few more per main-loop turn, counted in cells
 * (one label each): making and measuring a cell's label costs about the
 * same whatever its column, so a table of 23 columns (the analysis' customer
 * table) gets 4 rows at first and 2 per step, one of 6 columns 16 and 8.
 * Each step is followed by a frame that lays the new rows out; a step of
 * 8 rows of 23 columns and its frame took 30–40 ms of the main thread. */
#define RAMP_FIRST_CELLS 96
#define RAMP_STEP_CELLS  48

struct _SegCustomerTable
{
  GtkWidget           parent_instance;

  GtkWidget          *box;
  GtkSearchEntry     *search_entry;
  GtkLabel           *count_label;
  GtkLabel           *notes_label;
  GtkColumnView      *column_view;

  SegTable           *table;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkSliceListModel  *ramp;
  GtkCustomFilter    *filter;
  char               *needle;       /* casefolded search text, NULL = all */
  char              **haystacks;    /* per row, casefolded cells; made on demand */
  /* a new table waits while the rows of the old one are taken away and
   * its columns are scanned on a worker; it is shown once both are done */
  SegTable           *pending;
  gboolean            draining;
  gboolean            drained;
  int                *pending_decimals;   /* per column of pending, once scanned */
  GCancellable       *scan_cancellable;
};

G_DEFINE_FINAL_TYPE (SegCustomerTable, seg_customer_table, GTK_TYPE_WIDGET)

typedef struct
{
  SegTable  *table;
  const SegColumn *column;
  char     **keys;       /* collation keys for TEXT, each made on first compare */
  int        decimals;   /* the same for every cell: seg_ui_format_column_decimals () */
} ColumnInfo;

static void
column_info_free (gpointer data)
{
  ColumnInfo *info = data;
  guint64 n = seg_table_get_n_rows (info->table);

  if (info->keys)
    for (guint64 i = 0; i < n; i++)
      g_free (info->keys[i]);
  g_free (info->keys);
  seg_table_unref (info->table);
  g_free (info);
}

/* The collation key of @row, made the first time the row is compared: the
 * incremental sort then spreads the work over its steps instead of making a
 * million keys before its first step. */
static const char *
row_key (ColumnInfo *info,
         guint       row)
{
  if (info->keys == NULL)
    info->keys = g_new0 (char *, seg_table_get_n_rows (info->table));
  if (info->keys[row] == NULL)
    info->keys[row] = g_utf8_collate_key_for_filename (info->column->text[row], -1);
  return info->keys[row];
}

/* Missing values sort after every value, whatever the direction the user picks
 * is applied on top by GtkColumnViewSorter (so they come first descending). */
static int
compare_rows_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  ColumnInfo *info = user_data;
  guint ra = seg_row_item_get_row ((SegRowItem *) a);
  guint rb = seg_row_item_get_row ((SegRowItem *) b);
  gboolean ma = seg_column_is_missing (info->column, ra);
  gboolean mb = seg_column_is_missing (info->column, rb);
  int cmp;

  if (ma || mb)
    return ma == mb ? GTK_ORDERING_EQUAL : (ma ? GTK_ORDERING_LARGER : GTK_ORDERING_SMALLER);
  if (info->column->type == SEG_COLUMN_TEXT)
    {
      cmp = strcmp (row_key (info, ra), row_key (info, rb));
    }
  else
    {
      double x = info->column->num[ra], y = info->column->num[rb];
      cmp = (x > y) - (x < y);
    }
  if (cmp == 0)
    cmp = (ra > rb) - (ra < rb);   /* stable: file order breaks ties */
  return cmp < 0 ? GTK_ORDERING_SMALLER : cmp > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static const char *
get_haystack (SegCustomerTable *self,
              guint             row)
{
  GString *s;
  guint n_cols;

  if (self->haystacks[row] != NULL)
    return self->haystacks[row];
  s = g_string_new (NULL);
  n_cols = seg_table_get_n_columns (self->table);
  for (guint c = 0; c < n_cols; c++)
    {
      g_autofree char *cell = seg_ui_format_cell (seg_table_get_column (self->table, c), row);
      g_autofree char *folded = cell ? g_utf8_casefold (cell, -1) : NULL;

      if (folded)
        g_string_append (s, folded);
      g_string_append_c (s, '\x1f');
    }
  self->haystacks[row] = g_string_free (s, FALSE);
  return self->haystacks[row];
}

static gboolean
filter_row_cb (gpointer item,
               gpointer user_data)
{
  SegCustomerTable *self = user_data;

  if (self->needle == NULL || self->table == NULL)
    return TRUE;
  return strstr (get_haystack (self, seg_row_item_get_row (item)), self->needle) != NULL;
}

static void
free_haystacks (SegCustomerTable *self)
{
  guint64 n;

  if (self->haystacks == NULL)
    return;
  n = seg_table_get_n_rows (self->table);
  for (guint64 i = 0; i < n; i++)
    g_free (self->haystacks[i]);
  g_clear_pointer (&self->haystacks, g_free);
}

static void
update_count (SegCustomerTable *self)
{
  g_autofree char *shown = NULL;
  g_autofree char *total = NULL;
  guint64 n_total = self->table ? seg_table_get_n_rows (self->table) : 0;
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  total = seg_ui_format_count (n_total);
  if (self->needle == NULL)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s customer", "%s customers",
                                                            (gulong) n_total), total);
      gtk_label_set_text (self->count_label, text);
      return;
    }
  shown = seg_ui_format_count (n_shown);
  {
    /* Translators: "12 of 200 customers" */
    g_autofree char *text = g_strdup_printf (_("%s of %s customers"), shown, total);
    gtk_label_set_text (self->count_label, text);
  }
}

static void
filter_items_changed_cb (SegCustomerTable *self)
{
  update_count (self);
}

static void
search_changed_cb (SegCustomerTable *self,
                   GtkSearchEntry   *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *needle = *stripped != '\0' ? g_utf8_casefold (stripped, -1) : NULL;

  /* the entry's delayed signal after seg_customer_table_set_search (), or
   * a space typed at the end: the same search, so no second pass over
   * every row (which would empty the list for a moment) */
  if (g_strcmp0 (needle, self->needle) == 0)
    return;
  g_clear_pointer (&self->needle, g_free);
  self->needle = g_steal_pointer (&needle);
  if (self->needle && self->table && self->haystacks == NULL)
    self->haystacks = g_new0 (char *, seg_table_get_n_rows (self->table));
  /* Without a search there is no filter at all: the rows pass through in one
   * go.  An incremental filter would grow the list batch by batch, and each
   * batch makes the view lay out its rows again. */
  if (self->needle == NULL)
    gtk_filter_list_model_set_filter (self->filter_model, NULL);
  else if (gtk_filter_list_model_get_filter (self->filter_model) == NULL)
    gtk_filter_list_model_set_filter (self->filter_model, GTK_FILTER (self->filter));
  else
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  ColumnInfo *info = user_data;
  GtkWidget *label = gtk_label_new (NULL);
  gboolean numeric = info->column->type == SEG_COLUMN_NUMBER;

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (info->column->type != SEG_COLUMN_TEXT)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  ColumnInfo *info = user_data;
  GtkWidget *label = gtk_list_item_get_child (list_item);
  guint row = seg_row_item_get_row (gtk_list_item_get_item (list_item));
  g_autofree char *text = info->decimals >= 0 ? seg_ui_format_fixed (info->column->num[row], info->decimals)
                                              : seg_ui_format_cell (info->column, row);

  gtk_label_set_text (GTK_LABEL (label), text ? text : "—");
  if (text == NULL)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
}

static GtkColumnViewColumn *
make_column (SegTable        *table,
             const SegColumn *column,
             int              decimals)
{
  ColumnInfo *info = g_new0 (ColumnInfo, 1);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSorter) sorter = NULL;
  g_autofree char *title = NULL;
  GtkColumnViewColumn *view_column;

  info->table = seg_table_ref (table);
  info->column = column;
  info->decimals = decimals;
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), info);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), info);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows_cb, info, column_info_free));
  /* the header reads as words ("Days since last purchase"), wide enough
   * for itself and the sort arrow */
  title = seg_dashboard_column_label (column->name);
  view_column = gtk_column_view_column_new (title, g_steal_pointer (&factory));
  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_fixed_width (view_column,
                                          MAX (seg_ui_format_column_width (column, seg_table_get_n_rows (table)),
                                               (int) MIN (g_utf8_strlen (title, -1), 28) * 8 + 40));
  return view_column;
}

static gboolean
hidden_cb (gpointer data)
{
  return G_SOURCE_REMOVE;
}

static void
remove_columns (SegCustomerTable *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->column_view, column);
    }
}

static void
seg_customer_table_dispose (GObject *object)
{
  SegCustomerTable *self = SEG_CUSTOMER_TABLE (object);

  if (self->column_view)
    {
      remove_columns (self);
      gtk_column_view_set_model (self->column_view, NULL);
    }
  g_clear_object (&self->ramp);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  free_haystacks (self);
  g_clear_pointer (&self->table, seg_table_unref);
  g_clear_pointer (&self->pending, seg_table_unref);
  g_clear_pointer (&self->pending_decimals, g_free);
  if (self->scan_cancellable != NULL)
    g_cancellable_cancel (self->scan_cancellable);
  g_clear_object (&self->scan_cancellable);
  g_clear_pointer (&self->needle, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEG_TYPE_CUSTOMER_TABLE);
  G_OBJECT_CLASS (seg_customer_table_parent_class)->dispose (object);
}

/* A hidden table keeps no rows of widgets: they would all be measured at
 * once in the first frame that shows it again.  They go a few per turn
 * when it is hidden and come back a few per turn when it is shown. */
static void
seg_customer_table_map (GtkWidget *widget)
{
  SegCustomerTable *self = SEG_CUSTOMER_TABLE (widget);

  GTK_WIDGET_CLASS (seg_customer_table_parent_class)->map (widget);
  if (!self->draining)
    seg_list_ramp_restart (self->ramp);
}

static void
seg_customer_table_unmap (GtkWidget *widget)
{
  SegCustomerTable *self = SEG_CUSTOMER_TABLE (widget);

  if (!self->draining)
    seg_list_ramp_drain (self->ramp, hidden_cb, self);
  GTK_WIDGET_CLASS (seg_customer_table_parent_class)->unmap (widget);
}

static void
seg_customer_table_class_init (SegCustomerTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_customer_table_dispose;
  widget_class->map = seg_customer_table_map;
  widget_class->unmap = seg_customer_table_unmap;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/seg-customer-table.ui");
  gtk_widget_class_bind_template_child (widget_class, SegCustomerTable, box);
  gtk_widget_class_bind_template_child (widget_class, SegCustomerTable, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SegCustomerTable, count_label);
  gtk_widget_class_bind_template_child (widget_class, SegCustomerTable, notes_label);
  gtk_widget_class_bind_template_child (widget_class, SegCustomerTable, column_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
seg_customer_table_init (SegCustomerTable *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* one Tab leaves the table, however many customers it lists */
  seg_focus_tab_leaves (GTK_WIDGET (self->column_view), NULL, NULL);
  self->filter = gtk_custom_filter_new (filter_row_cb, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, NULL);
  gtk_filter_list_model_set_incremental (self->filter_model, TRUE);
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filter_model)),
                                              g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  gtk_sort_list_model_set_incremental (self->sort_model, TRUE);
  /* in rows of one column until a table sets its own (show_table ()) */
  self->ramp = seg_list_ramp_new (G_LIST_MODEL (g_object_ref (self->sort_model)),
                                  RAMP_FIRST_CELLS, RAMP_STEP_CELLS);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->ramp)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect_swapped (self->filter_model, "items-changed",
                            G_CALLBACK (filter_items_changed_cb), self);
}

GtkWidget *
seg_customer_table_new (void)
{
  return g_object_new (SEG_TYPE_CUSTOMER_TABLE, NULL);
}

/* Puts @table in the view: the view shows no rows now, so the columns come
 * and go without touching a row widget.  @decimals: per column, what
 * scan_columns () found. */
static void
show_table (SegCustomerTable *self,
            SegTable         *table,
            const int        *decimals)
{
  g_autoptr(SegRowModel) rows = NULL;
  guint n_columns;

  gtk_filter_list_model_set_model (self->filter_model, NULL);
  remove_columns (self);
  free_haystacks (self);
  g_clear_pointer (&self->table, seg_table_unref);
  if (table == NULL)
    {
      update_count (self);
      return;
    }
  self->table = seg_table_ref (table);
  if (self->needle)
    self->haystacks = g_new0 (char *, seg_table_get_n_rows (table));
  for (guint c = 0; c < seg_table_get_n_columns (table); c++)
    {
      g_autoptr(GtkColumnViewColumn) column = make_column (table, seg_table_get_column (table, c), decimals[c]);
      gtk_column_view_append_column (self->column_view, column);
    }
  rows = seg_row_model_new (table, 0);
  n_columns = MAX (seg_table_get_n_columns (table), 1);
  seg_list_ramp_set_steps (self->ramp, MAX (RAMP_FIRST_CELLS / n_columns, 1), MAX (RAMP_STEP_CELLS / n_columns, 1));
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    seg_list_ramp_restart (self->ramp);
  else
    seg_list_ramp_drain (self->ramp, hidden_cb, self);   /* no rows until shown */
  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (rows));
  update_count (self);
}

/* The worker's part of a new table: every number column read to its last
 * row for the decimals it shows (a million customers are tens of
 * milliseconds, too long for one turn of the main loop). */
static gpointer
scan_columns (gpointer         data,
              GCancellable    *cancellable,
              SegProgressFunc  progress,
              gpointer         progress_data,
              GError         **error)
{
  SegTable *table = data;
  guint n = seg_table_get_n_columns (table);
  g_autofree int *decimals = g_new0 (int, MAX (n, 1));

  for (guint c = 0; c < n; c++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      decimals[c] = seg_ui_format_column_decimals (seg_table_get_column (table, c), seg_table_get_n_rows (table));
    }
  return g_steal_pointer (&decimals);
}

/* The pending table is shown once the old rows are gone and its columns
 * are scanned. */
static void
show_when_ready (SegCustomerTable *self)
{
  g_autoptr(SegTable) table = NULL;
  g_autofree int *decimals = NULL;

  if (!self->draining || !self->drained || (self->pending != NULL && self->pending_decimals == NULL))
    return;
  table = g_steal_pointer (&self->pending);
  decimals = g_steal_pointer (&self->pending_decimals);
  self->draining = FALSE;
  show_table (self, table, decimals);
}

typedef struct
{
  SegCustomerTable *self;
  SegTable         *table;
} ScanCall;

static void
scanned_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  ScanCall *call = user_data;
  SegCustomerTable *self = call->self;
  g_autofree int *decimals = seg_job_run_finish (result, scan_columns, NULL);

  /* a cancelled scan: another table came, or the view went */
  if (decimals != NULL && call->table == self->pending && self->draining && self->pending_decimals == NULL)
    {
      self->pending_decimals = g_steal_pointer (&decimals);
      show_when_ready (self);
    }
  seg_table_unref (call->table);
  g_object_unref (call->self);
  g_free (call);
}

/* Starts the scan of the pending table (a scan of a table before it stops). */
static void
start_scan (SegCustomerTable *self)
{
  ScanCall *call;

  if (self->scan_cancellable != NULL)
    g_cancellable_cancel (self->scan_cancellable);
  g_clear_object (&self->scan_cancellable);
  g_clear_pointer (&self->pending_decimals, g_free);
  if (self->pending == NULL)
    return;
  self->scan_cancellable = g_cancellable_new ();
  call = g_new0 (ScanCall, 1);
  call->self = g_object_ref (self);
  call->table = seg_table_ref (self->pending);
  seg_job_run_async (scan_columns, seg_table_ref (self->pending), (GDestroyNotify) seg_table_unref, g_free,
                     scan_columns, self->scan_cancellable, NULL, NULL, scanned_cb, call);
}

static gboolean
drained_cb (gpointer data)
{
  SegCustomerTable *self = data;

  self->drained = TRUE;
  show_when_ready (self);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

/* The rows on screen (up to 200 rows of widgets, one label per cell) are
 * taken away a few per main-loop turn while a worker scans the new table's
 * columns, then its columns are put in and its rows ramp up: neither end
 * is one long stall.  Until then the view, its model and
 * seg_customer_table_get_table () still show the table before. */
void
seg_customer_table_set_table (SegCustomerTable *self,
                              SegTable         *table)
{
  g_return_if_fail (SEG_IS_CUSTOMER_TABLE (self));

  if (self->draining)
    {
      if (table == self->pending)
        return;
      g_clear_pointer (&self->pending, seg_table_unref);
      self->pending = table ? seg_table_ref (table) : NULL;
      start_scan (self);
      show_when_ready (self);
      return;
    }
  if (self->table == table)
    return;
  self->pending = table ? seg_table_ref (table) : NULL;
  self->draining = TRUE;
  self->drained = FALSE;
  start_scan (self);
  seg_list_ramp_drain (self->ramp, drained_cb, g_object_ref (self));
}

gboolean
seg_customer_table_is_changing (SegCustomerTable *self)
{
  g_return_val_if_fail (SEG_IS_CUSTOMER_TABLE (self), FALSE);
  return self->draining;
}

/* A line above the table about values the customer table left out (dates
 * after the as-of date), or NULL to hide it. */
void
seg_customer_table_set_notes (SegCustomerTable *self,
                              const char       *notes)
{
  g_return_if_fail (SEG_IS_CUSTOMER_TABLE (self));

  gtk_label_set_text (self->notes_label, notes != NULL ? notes : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notes_label), notes != NULL && *notes != '\0');
}

const char *
seg_customer_table_get_notes (SegCustomerTable *self)
{
  g_return_val_if_fail (SEG_IS_CUSTOMER_TABLE (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->notes_label)) ? gtk_label_get_text (self->notes_label) : NULL;
}

SegTable *
seg_customer_table_get_table (SegCustomerTable *self)
{
  g_return_val_if_fail (SEG_IS_CUSTOMER_TABLE (self), NULL);
  return self->table;
}

GListModel *
seg_customer_table_get_model (SegCustomerTable *self)
{
  g_return_val_if_fail (SEG_IS_CUSTOMER_TABLE (self), NULL);
  return G_LIST_MODEL (self->sort_model);
}

GtkColumnView *
seg_customer_table_get_column_view (SegCustomerTable *self)
{
  g_return_val_if_fail (SEG_IS_CUSTOMER_TABLE (self), NULL);
  return self->column_view;
}

void
seg_customer_table_set_search (SegCustomerTable *self,
                               const char       *text)
{
  g_return_if_fail (SEG_IS_CUSTOMER_TABLE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  /* search-changed is delayed; apply now so callers see the result */
  search_changed_cb (self, self->search_entry);
}
