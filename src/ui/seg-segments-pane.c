/* seg-segments-pane.c — the rule editor and the reports of SPEC §3
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-panes"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "seg-format.h"
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
} Segments;

static const char *
customer_label (const SegTable *customers,
                guint64         row)
{
  SegColumn *id = seg_table_get_column (customers, 0);

  return id->text && id->text[row] ? id->text[row] : "?";
}

static char *
spend_text (const SegColumn *spend,
            guint64          row)
{
  return spend ? seg_ui_format_number (spend->num[row]) : g_strdup ("—");
}

static void
fill_top (Segments *s)
{
  SegResult *result = seg_window_get_result (s->window);
  const SegSegmentation *rules = result ? seg_result_get_rules (result) : NULL;
  SegTable *customers = result ? seg_result_get_customers (result) : NULL;
  guint segment = gtk_drop_down_get_selected (s->segment_dropdown);
  g_autoptr(GArray) rows = NULL;
  SegColumn *spend;

  seg_pane_clear_box (s->top_list);
  if (rules == NULL || segment >= rules->n_segments)
    return;
  spend = seg_table_find_column (customers, "total_spent");
  rows = seg_segment_top_rows (customers, rules->labels, segment, "total_spent", TOP_LIMIT);
  if (rows == NULL || rows->len == 0)
    {
      gtk_box_append (GTK_BOX (s->top_list),
                      seg_pane_value_row (rows ? _("No customers in this segment") : _("No spend column"), ""));
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      guint64 row = g_array_index (rows, guint64, i);
      g_autofree char *value = spend_text (spend, row);
      g_autofree char *label = g_strdup_printf ("%u. %s", i + 1, customer_label (customers, row));
      gtk_box_append (GTK_BOX (s->top_list), seg_pane_value_row (label, value));
    }
}

static int
compare_spend_desc (gconstpointer a,
                    gconstpointer b,
                    gpointer      data)
{
  const SegColumn *spend = data;
  double x = spend ? spend->num[*(const guint64 *) a] : 0, y = spend ? spend->num[*(const guint64 *) b] : 0;

  if (isnan (x) != isnan (y))
    return isnan (x) ? 1 : -1;
  return x < y ? 1 : x > y ? -1 : 0;
}

/* Customers who have not logged in for 90 days yet still transact (SPEC §3). */
static void
fill_inactive (Segments *s)
{
  SegResult *result = seg_window_get_result (s->window);
  SegTable *customers = result ? seg_result_get_customers (result) : NULL;
  SegColumn *login = customers ? seg_table_find_column (customers, "days_since_login") : NULL;
  SegColumn *txns = customers ? seg_table_find_column (customers, "txn_count") : NULL;
  SegColumn *spend = customers ? seg_table_find_column (customers, "total_spent") : NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autofree char *count = NULL, *summary = NULL;

  seg_pane_clear_box (s->inactive_list);
  if (login == NULL || txns == NULL || login->num == NULL || txns->num == NULL)
    {
      gtk_label_set_label (s->inactive_summary, _("Needs an activity table (last login) and a transaction log."));
      return;
    }
  for (guint64 r = 0; r < seg_table_get_n_rows (customers); r++)
    if (login->num[r] > 90 && txns->num[r] > 0)
      g_array_append_val (rows, r);
  g_array_sort_with_data (rows, compare_spend_desc, spend && spend->num ? spend : NULL);
  count = seg_ui_format_count (rows->len);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s customer has not logged in for 90 days but has transactions.",
                                          "%s customers have not logged in for 90 days but have transactions.",
                                          rows->len), count);
  gtk_label_set_label (s->inactive_summary, summary);
  for (guint i = 0; i < MIN (rows->len, TOP_LIMIT); i++)
    {
      guint64 row = g_array_index (rows, guint64, i);
      g_autofree char *value = spend_text (spend && spend->num ? spend : NULL, row);
      g_autofree char *days = seg_ui_format_number (login->num[row]);
      g_autofree char *label = g_strdup_printf (_("%s · %s days since login"), customer_label (customers, row), days);
      gtk_box_append (GTK_BOX (s->inactive_list), seg_pane_value_row (label, value));
    }
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

  s->updating = TRUE;
  gtk_string_list_splice (s->segment_model, 0, g_list_model_get_n_items (G_LIST_MODEL (s->segment_model)), NULL);
  for (guint i = 0; rules && i < rules->n_segments; i++)
    gtk_string_list_append (s->segment_model, rules->segments[i].name);
  /* Default to the first segment that has customers: High-Value is the usual interest. */
  if (rules && (selected == GTK_INVALID_LIST_POSITION || selected >= rules->n_segments))
    selected = 0;
  if (rules)
    gtk_drop_down_set_selected (s->segment_dropdown, selected);
  s->updating = FALSE;
  fill_top (s);
  fill_inactive (s);
}

static void
segment_selected_cb (Segments *s)
{
  if (!s->updating)
    fill_top (s);
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
  s->editor = SEG_RULE_EDITOR (seg_rule_editor_new ());
  g_object_set_data_full (G_OBJECT (pane), "seg-segments", s, g_free);
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
