/* seg-segments-pane.c — the rule editor and the reports of SPEC §3
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-panes"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "seg-job.h"
#include "seg-panes.h"
#include "seg-rule-editor.h"
#include "seg-ui-format.h"

#define TOP_LIMIT 10

struct _SegSegmentsPane
{
  SegDashboardPane  parent_instance;

  SegRuleEditor    *editor;
  SegChartCard     *box;
  SegFeatureChooser *feature;   /* what the box plot shows */
  GtkDropDown      *segment_dropdown;
  GtkStringList    *segment_model;
  GtkWidget        *top_list;
  GtkWidget        *inactive_list;
  GtkLabel         *inactive_summary;

  gboolean          updating;
  GCancellable     *reports_cancellable;   /* the lists a worker is finding */
};

G_DEFINE_FINAL_TYPE (SegSegmentsPane, seg_segments_pane, SEG_TYPE_DASHBOARD_PANE)

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

/* --- the two lists, found on a worker (they read every customer) ----------- */

typedef struct
{
  SegSegmentsPane *pane;      /* strong until the job ends */
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
    r->top = seg_rules_segment_top_rows (customers, rules->labels, r->segment, "total_spent", TOP_LIMIT);
  if (r->inactive)
    find_inactive (r, customers);
  return r;
}

static void
show_top (SegSegmentsPane *s,
          Reports         *r)
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
show_inactive (SegSegmentsPane *s,
               Reports         *r)
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
  SegSegmentsPane *s;

  if (r == NULL)
    return;   /* cancelled */
  s = r->pane;
  if (r->cancellable != s->reports_cancellable)
    return;   /* a newer request replaced this one */
  g_clear_object (&s->reports_cancellable);
  show_top (s, r);
  if (r->inactive)
    show_inactive (s, r);
}

/* Empties the lists (or keeps the inactive one) and fills them from a worker. */
static void
request_reports (SegSegmentsPane *s,
                 gboolean         inactive)
{
  SegResult *result = seg_dashboard_pane_get_result (SEG_DASHBOARD_PANE (s));
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
  r->pane = g_object_ref (s);
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
seed_rule_counts (SegSegmentsPane       *s,
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
result_cb (SegSegmentsPane *s)
{
  SegResult *result = seg_dashboard_pane_get_result (SEG_DASHBOARD_PANE (s));
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
segment_selected_cb (SegSegmentsPane *s)
{
  if (!s->updating)
    request_reports (s, FALSE);
}

static void
apply_cb (SegSegmentsPane *self,
          SegRuleEditor   *editor)
{
  seg_window_set_rules (seg_dashboard_pane_get_window (SEG_DASHBOARD_PANE (self)), seg_rule_editor_get_rules (editor));
}

static void
feature_cb (SegFeatureChooser *chooser,
            GParamSpec        *pspec,
            SegSegmentsPane   *self)
{
  seg_chart_view_set_feature (seg_chart_card_get_view (self->box), seg_feature_chooser_get_feature (chooser));
}

static void
seg_segments_pane_constructed (GObject *object)
{
  SegSegmentsPane *self = SEG_SEGMENTS_PANE (object);
  SegWindow *window;

  G_OBJECT_CLASS (seg_segments_pane_parent_class)->constructed (object);
  window = seg_dashboard_pane_get_window (SEG_DASHBOARD_PANE (self));
  g_return_if_fail (window != NULL);
  /* the box plot shows the column chosen in its header, of this result */
  g_signal_connect (self->feature, "notify::feature", G_CALLBACK (feature_cb), self);
  g_object_bind_property (self, "result", self->feature, "result", G_BINDING_SYNC_CREATE);
  g_signal_connect (self, "notify::result", G_CALLBACK (result_cb), NULL);
  result_cb (self);
}

static void
seg_segments_pane_dispose (GObject *object)
{
  SegSegmentsPane *self = SEG_SEGMENTS_PANE (object);

  if (self->reports_cancellable)
    g_cancellable_cancel (self->reports_cancellable);
  g_clear_object (&self->reports_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), SEG_TYPE_SEGMENTS_PANE);
  G_OBJECT_CLASS (seg_segments_pane_parent_class)->dispose (object);
}

static void
seg_segments_pane_class_init (SegSegmentsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = seg_segments_pane_constructed;
  object_class->dispose = seg_segments_pane_dispose;
  g_type_ensure (SEG_TYPE_RULE_EDITOR);
  g_type_ensure (SEG_TYPE_FEATURE_CHOOSER);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/seg-segments-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPane, editor);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPane, box);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPane, feature);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPane, segment_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPane, segment_model);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPane, top_list);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPane, inactive_list);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPane, inactive_summary);
  gtk_widget_class_bind_template_callback (widget_class, apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, segment_selected_cb);
}

static void
seg_segments_pane_init (SegSegmentsPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
seg_segments_pane_new (SegWindow *window)
{
  return g_object_new (SEG_TYPE_SEGMENTS_PANE, "window", window, NULL);
}
