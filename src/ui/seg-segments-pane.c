/* seg-segments-pane.c — the rule editor and the reports of SPEC §3
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-panes"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "seg-format.h"
#include "seg-job.h"
#include "seg-panes.h"
#include "seg-rule-editor.h"

#define TOP_LIMIT 10

typedef struct
{
  SegWindow     *window;
  SegRuleEditor *editor;
  GtkDropDown   *segment_dropdown;
  GtkStringList *segment_model;
  GtkWidget     *top_list;
  GtkWidget     *inactive_list;
  GtkLabel      *inactive_summary;
  gboolean       updating;
  GtkWidget     *pane;                  /* weak: owns this */
  GCancellable  *reports_cancellable;   /* the lists a worker is finding */
} Segments;

/* A column of customer names ("name", "Customer Name", "full_name"), or NULL. */
static const SegColumn *
name_column (const SegTable *customers)
{
  for (guint c = 1; c < seg_table_get_n_columns (customers); c++)
    {
      const SegColumn *col = seg_table_get_column (customers, c);
      g_autofree char *lower = g_ascii_strdown (col->name, -1);

      if (col->text != NULL && (g_str_equal (lower, "name") || g_str_equal (lower, "full_name") ||
                                g_str_equal (lower, "customer_name") || g_str_equal (lower, "customer name") ||
                                g_str_equal (lower, "fullname") || g_str_equal (lower, "customername")))
        return col;
    }
  return NULL;
}

/* "Grace Reyes (C00001)" when the table names its customers, else the id. */
static char *
customer_label (const SegTable *customers,
                guint64         row)
{
  const SegColumn *id = seg_table_get_column (customers, 0);
  const SegColumn *name = name_column (customers);
  const char *id_text = id->text && id->text[row] ? id->text[row] : "?";

  if (name != NULL && name->text[row] != NULL && *name->text[row] != '\0')
    return g_strdup_printf ("%s (%s)", name->text[row], id_text);
  return g_strdup (id_text);
}

/* The first row of a list says what its columns are. */
static GtkWidget *
header_row (const char *left,
            const char *right)
{
  GtkWidget *row = seg_pane_value_row (left, right);

  gtk_widget_add_css_class (row, "heading");
  gtk_widget_add_css_class (row, "dim-label");
  return row;
}

static char *
spend_text (const SegColumn *spend,
            guint64          row)
{
  /* money as the charts and the segment table show it: 47.8k, not 47,805.32 */
  return spend && isfinite (spend->num[row]) ? seg_format_compact (spend->num[row]) : g_strdup ("—");
}

static void
segments_free (Segments *s)
{
  g_clear_object (&s->reports_cancellable);
  g_free (s);
}

/* --- the two lists, found on a worker (they read every customer) ----------- */

typedef struct
{
  GtkWidget    *pane;         /* strong: its Segments outlive the job */
  GCancellable *cancellable;  /* the request's: a newer one replaces it */
  SegResult *result;
  guint      segment;         /* top spenders of this rule segment */
  gboolean   inactive;        /* also the inactive customers */
  /* out */
  GArray    *top;             /* guint64 rows, NULL = no spend column */
  GArray    *inactive_rows;   /* the TOP_LIMIT biggest spenders among them */
  guint64    n_inactive;
  gboolean   has_activity;    /* last login and transactions are known */
} Reports;

static void
reports_free (Reports *r)
{
  g_object_unref (r->pane);
  g_object_unref (r->cancellable);
  seg_result_unref (r->result);
  g_clear_pointer (&r->top, g_array_unref);
  g_clear_pointer (&r->inactive_rows, g_array_unref);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reports, reports_free)

/* Larger spend first, missing spend last, then file order. */
static gboolean
spends_more (const SegColumn *spend,
             guint64          a,
             guint64          b)
{
  double x = spend ? spend->num[a] : 0, y = spend ? spend->num[b] : 0;

  if (isnan (x) != isnan (y))
    return isnan (y);
  if (x != y && !isnan (x))
    return x > y;
  return a < b;
}

/* Customers who have not logged in for 90 days yet still transact (SPEC §3):
 * how many, and the biggest spenders among them (kept sorted as they come). */
static void
find_inactive (Reports  *r,
               SegTable *customers)
{
  const SegColumn *login = seg_table_find_column (customers, "days_since_login");
  const SegColumn *txns = seg_table_find_column (customers, "txn_count");
  const SegColumn *spend = seg_table_find_column (customers, "total_spent");
  GArray *best = g_array_new (FALSE, FALSE, sizeof (guint64));

  r->inactive_rows = best;
  r->has_activity = login != NULL && txns != NULL && login->num != NULL && txns->num != NULL;
  if (!r->has_activity)
    return;
  if (spend != NULL && spend->num == NULL)
    spend = NULL;
  for (guint64 row = 0; row < seg_table_get_n_rows (customers); row++)
    {
      guint at;

      if (!(login->num[row] > 90 && txns->num[row] > 0))
        continue;
      r->n_inactive++;
      for (at = best->len; at > 0 && spends_more (spend, row, g_array_index (best, guint64, at - 1)); at--)
        ;
      if (at < TOP_LIMIT)
        {
          g_array_insert_val (best, at, row);
          if (best->len > TOP_LIMIT)
            g_array_set_size (best, TOP_LIMIT);
        }
    }
}

/* On the worker: fills @data's lists and hands it back. */
static gpointer
reports_job (gpointer         data,
             GCancellable    *cancellable,
             SegProgressFunc  progress,
             gpointer         progress_data,
             GError         **error)
{
  Reports *r = data;
  const SegSegmentation *rules = seg_result_get_rules (r->result);
  SegTable *customers = seg_result_get_customers (r->result);

  if (rules != NULL && r->segment < rules->n_segments)
    r->top = seg_segment_top_rows (customers, rules->labels, r->segment, "total_spent", TOP_LIMIT);
  if (r->inactive)
    find_inactive (r, customers);
  return r;
}

static void
show_top (Segments *s,
          Reports  *r)
{
  SegTable *customers = seg_result_get_customers (r->result);
  const SegColumn *spend = seg_table_find_column (customers, "total_spent");

  seg_pane_clear_box (s->top_list);
  if (r->top == NULL || r->top->len == 0)
    {
      gtk_box_append (GTK_BOX (s->top_list),
                      seg_pane_value_row (r->top ? _("No customers in this segment") : _("No spend column"), ""));
      return;
    }
  gtk_box_append (GTK_BOX (s->top_list), header_row (name_column (customers) ? _("Customer (ID)") : _("Customer ID"),
                                                     _("Total spend")));
  for (guint i = 0; i < r->top->len; i++)
    {
      guint64 row = g_array_index (r->top, guint64, i);
      g_autofree char *value = spend_text (spend, row);
      g_autofree char *who = customer_label (customers, row);
      g_autofree char *label = g_strdup_printf ("%u. %s", i + 1, who);
      gtk_box_append (GTK_BOX (s->top_list), seg_pane_value_row (label, value));
    }
}

static void
show_inactive (Segments *s,
               Reports  *r)
{
  SegTable *customers = seg_result_get_customers (r->result);
  const SegColumn *login = seg_table_find_column (customers, "days_since_login");
  const SegColumn *spend = seg_table_find_column (customers, "total_spent");
  g_autofree char *count = NULL, *summary = NULL;

  seg_pane_clear_box (s->inactive_list);
  if (!r->has_activity)
    {
      gtk_label_set_label (s->inactive_summary, _("Needs an activity table (last login) and a transaction log."));
      return;
    }
  count = seg_ui_format_count (r->n_inactive);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s customer has not logged in for 90 days but has transactions.",
                                          "%s customers have not logged in for 90 days but have transactions.",
                                          (gulong) r->n_inactive), count);
  gtk_label_set_label (s->inactive_summary, summary);
  if (r->inactive_rows->len > 0)
    gtk_box_append (GTK_BOX (s->inactive_list),
                    header_row (name_column (customers) ? _("Customer (ID) · days since login")
                                                        : _("Customer ID · days since login"),
                                _("Total spend")));
  for (guint i = 0; i < r->inactive_rows->len; i++)
    {
      guint64 row = g_array_index (r->inactive_rows, guint64, i);
      g_autofree char *value = spend_text (spend && spend->num ? spend : NULL, row);
      g_autofree char *days = seg_ui_format_number (login->num[row]);
      g_autofree char *who = customer_label (customers, row);
      g_autofree char *label = g_strdup_printf (_("%s · %s days since login"), who, days);
      gtk_box_append (GTK_BOX (s->inactive_list), seg_pane_value_row (label, value));
    }
}

static void
reports_done_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  g_autoptr(Reports) r = seg_job_run_finish (res, reports_job, NULL);
  Segments *s;

  if (r == NULL)
    return;   /* cancelled */
  s = g_object_get_data (G_OBJECT (r->pane), "seg-segments");
  if (s == NULL || r->cancellable != s->reports_cancellable)
    return;   /* a newer request replaced this one */
  g_clear_object (&s->reports_cancellable);
  show_top (s, r);
  if (r->inactive)
    show_inactive (s, r);
}

/* Empties the lists (or keeps the inactive one) and fills them from a worker. */
static void
request_reports (Segments *s,
                 gboolean  inactive)
{
  SegResult *result = seg_window_get_result (s->window);
  const SegSegmentation *rules = result ? seg_result_get_rules (result) : NULL;
  Reports *r;

  if (s->reports_cancellable)
    g_cancellable_cancel (s->reports_cancellable);
  g_clear_object (&s->reports_cancellable);
  seg_pane_clear_box (s->top_list);
  if (inactive)
    {
      seg_pane_clear_box (s->inactive_list);
      gtk_label_set_label (s->inactive_summary, "");
    }
  if (result == NULL)
    return;
  s->reports_cancellable = g_cancellable_new ();
  r = g_new0 (Reports, 1);
  r->pane = g_object_ref (s->pane);
  r->cancellable = g_object_ref (s->reports_cancellable);
  r->result = seg_result_ref (result);
  r->segment = rules ? gtk_drop_down_get_selected (s->segment_dropdown) : G_MAXUINT;
  r->inactive = inactive;
  /* the job hands @r back as its value; a cancelled one is freed unread */
  seg_job_run_async (reports_job, r, NULL, (GDestroyNotify) reports_free, reports_job, s->reports_cancellable,
                     NULL, NULL, reports_done_cb, NULL);
}

/* The analysis counted these very rules: show its counts at once. */
static void
seed_rule_counts (Segments              *s,
                  const SegSegmentation *rules)
{
  g_autofree guint64 *counts = NULL;

  if (rules == NULL || seg_rule_editor_is_modified (s->editor) ||
      rules->n_segments != seg_rule_set_get_n_rules (seg_rule_editor_get_rules (s->editor)) + 1)
    return;
  counts = g_new (guint64, rules->n_segments);
  for (guint i = 0; i < rules->n_segments; i++)
    counts[i] = rules->segments[i].customers;
  seg_rule_editor_set_counts (s->editor, counts, rules->n_segments);
}

static void
result_cb (SegWindow  *window,
           GParamSpec *pspec,
           GtkWidget  *pane)
{
  Segments *s = g_object_get_data (G_OBJECT (pane), "seg-segments");
  SegResult *result = seg_window_get_result (window);
  const SegSegmentation *rules = result ? seg_result_get_rules (result) : NULL;
  guint selected = gtk_drop_down_get_selected (s->segment_dropdown);

  if (result && !seg_rule_editor_is_modified (s->editor))
    {
      const SegRuleSet *set = seg_result_get_rule_set (result);
      g_autoptr(SegRuleSet) fallback = set ? NULL : seg_rule_set_new_default ();
      seg_rule_editor_set_rules (s->editor, set ? set : fallback);
    }
  seg_rule_editor_set_customers (s->editor, result ? seg_result_get_customers (result) : NULL);
  if (result != NULL && seg_result_get_rule_set (result) != NULL)
    seed_rule_counts (s, rules);

  s->updating = TRUE;
  gtk_string_list_splice (s->segment_model, 0, g_list_model_get_n_items (G_LIST_MODEL (s->segment_model)), NULL);
  for (guint i = 0; rules && i < rules->n_segments; i++)
    gtk_string_list_append (s->segment_model, rules->segments[i].name);
  /* Default to the segment that spends most per customer (never one
   * where everyone spent 0): its top spenders are the usual interest. */
  if (rules && (selected == GTK_INVALID_LIST_POSITION || selected >= rules->n_segments))
    {
      double best = -1;

      selected = 0;
      for (guint i = 0; i < rules->n_segments; i++)
        if (rules->segments[i].customers > 0 && isfinite (rules->segments[i].avg_spent) &&
            rules->segments[i].avg_spent > best)
          {
            best = rules->segments[i].avg_spent;
            selected = i;
          }
    }
  if (rules)
    gtk_drop_down_set_selected (s->segment_dropdown, selected);
  s->updating = FALSE;
  request_reports (s, TRUE);
}

static void
segment_selected_cb (Segments *s)
{
  if (!s->updating)
    request_reports (s, FALSE);
}

static void
apply_cb (SegRuleEditor *editor,
          Segments      *s)
{
  seg_window_set_rules (s->window, seg_rule_editor_get_rules (editor));
}

static GtkWidget *
list_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_add_css_class (box, "value-list");
  return box;
}

static GtkWidget *
top_card (Segments *s)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  GtkWidget *card;

  s->segment_model = gtk_string_list_new (NULL);
  s->segment_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (s->segment_model), NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (s->segment_dropdown), _("Segment"));
  g_signal_connect_swapped (s->segment_dropdown, "notify::selected", G_CALLBACK (segment_selected_cb), s);
  s->top_list = list_box ();
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (s->segment_dropdown));
  gtk_box_append (GTK_BOX (box), s->top_list);
  card = seg_dashboard_card_new (_("Top Spenders of a Segment"), box);
  return card;
}

static GtkWidget *
inactive_card (Segments *s)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);

  s->inactive_summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (s->inactive_summary, TRUE);
  gtk_label_set_xalign (s->inactive_summary, 0);
  gtk_widget_add_css_class (GTK_WIDGET (s->inactive_summary), "dim-label");
  s->inactive_list = list_box ();
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (s->inactive_summary));
  gtk_box_append (GTK_BOX (box), s->inactive_list);
  return seg_dashboard_card_new (_("Inactive but Still Transacting"), box);
}

GtkWidget *
seg_segments_pane_new (SegWindow *window)
{
  GtkWidget *pane = seg_dashboard_pane_new (_("Segments"),
                                            _("Rule-based segments: edit the rules, then Apply to update every chart."));
  SegDashboardPane *p = SEG_DASHBOARD_PANE (pane);
  Segments *s = g_new0 (Segments, 1);
  GtkWidget *box_card = seg_pane_chart_card (window, SEG_CHART_BOX, "rules");
  SegChartView *box_view = seg_chart_card_get_view (SEG_CHART_CARD (box_card));
  GtkWidget *table_card = seg_pane_chart_card (window, SEG_CHART_SEGMENT_TABLE, "rules");

  s->window = window;
  s->pane = pane;
  s->editor = SEG_RULE_EDITOR (seg_rule_editor_new ());
  g_object_set_data_full (G_OBJECT (pane), "seg-segments", s, (GDestroyNotify) segments_free);
  g_signal_connect (s->editor, "apply", G_CALLBACK (apply_cb), s);
  seg_dashboard_pane_add_top (p, GTK_WIDGET (s->editor));
  /* a table reads best across the full width */
  seg_chart_card_set_chart_height (SEG_CHART_CARD (table_card), 340);
  seg_dashboard_pane_add_top (p, table_card);
  seg_chart_card_add_header_widget (SEG_CHART_CARD (box_card), seg_pane_feature_dropdown (window, box_view));
  seg_dashboard_pane_add_card (p, box_card);
  seg_dashboard_pane_add_card (p, top_card (s));
  seg_dashboard_pane_add_card (p, inactive_card (s));
  g_signal_connect_object (window, "notify::result", G_CALLBACK (result_cb), pane, 0);
  result_cb (window, NULL, pane);
  return pane;
}
