/* seg-churn-pane.c — churn model and customer lifetime value
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model card on top holds what the charts need in words: the label,
 * the held-out figures, the features left out because they define or give
 * away the label, with the reason (SPEC §8), a threshold slider that only changes what the confusion matrix
 * and the probability histogram show (the result is never modified), and
 * the "churned after N days" setting, which re-runs the analysis.
 */
#define G_LOG_DOMAIN "seg-panes"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-chart-format.h"
#include "seg-format.h"
#include "seg-job.h"
#include "seg-panes.h"

typedef struct
{
  SegWindow      *window;
  GtkLabel       *summary;
  GtkLabel       *excluded;
  GtkLabel       *warning;
  GtkLabel       *days_note;     /* the window used is not the one asked for */
  GtkWidget      *suggest;       /* "Use 30 Days": the engine's suggested window */
  GtkWidget      *days_row;      /* hidden when no customer has a purchase date */
  double          suggested_days;
  GtkLabel       *clv;
  GtkScale       *threshold;
  GtkLabel       *threshold_value;
  GtkSpinButton  *days;
  GtkWidget      *model_box;     /* insensitive without a churn model */
  GPtrArray      *threshold_views;  /* SegChartView*, borrowed (children of the pane) */
  GPtrArray      *cards;            /* SegChartCard*, borrowed: hidden when unavailable */
  gboolean        updating;
  GCancellable   *cards_cancellable;   /* the availability a worker is checking */
} Churn;

static void
churn_free (gpointer p)
{
  Churn *c = p;

  if (c->cards_cancellable)
    g_cancellable_cancel (c->cards_cancellable);
  g_clear_object (&c->cards_cancellable);
  g_ptr_array_unref (c->threshold_views);
  g_ptr_array_unref (c->cards);
  g_free (c);
}

static void
threshold_changed_cb (Churn *c)
{
  double t = gtk_range_get_value (GTK_RANGE (c->threshold));
  g_autofree char *text = seg_format_percent (t, 0);

  gtk_label_set_label (c->threshold_value, text);
  if (c->updating)
    return;
  for (guint i = 0; i < c->threshold_views->len; i++)
    seg_chart_view_set_threshold (g_ptr_array_index (c->threshold_views, i), t);
}

static void
reset_threshold_cb (Churn *c)
{
  SegResult *result = seg_window_get_result (c->window);
  const SegChurn *churn = result ? seg_result_get_churn (result) : NULL;

  gtk_range_set_value (GTK_RANGE (c->threshold), churn ? seg_churn_get_threshold (churn) : 0.5);
}

static void
days_changed_cb (Churn *c)
{
  SegAnalysisOptions options;
  double days = gtk_spin_button_get_value (c->days);

  if (c->updating || seg_window_get_analysis_options (c->window)->churn_days == days)
    return;
  seg_analysis_options_copy (seg_window_get_analysis_options (c->window), &options);
  options.churn_days = days;
  options.churn_days_auto = FALSE;
  seg_window_set_analysis_options (c->window, &options);
  seg_analysis_options_clear (&options);
}

static void
suggest_clicked_cb (Churn *c)
{
  SegAnalysisOptions options;

  if (!isfinite (c->suggested_days))
    return;
  seg_analysis_options_copy (seg_window_get_analysis_options (c->window), &options);
  options.churn_days = c->suggested_days;
  options.churn_days_auto = FALSE;
  seg_window_set_analysis_options (c->window, &options);
  seg_analysis_options_clear (&options);
}

/* @part of @whole, NAN when @whole is 0. */
static double
share (gsize part,
       gsize whole)
{
  return whole > 0 ? (double) part / (double) whole : NAN;
}

/* "Label: recency_days > 180 · 268 customers scored, 25.7 % churned ·
 *  held out: finds 76 % of churners, 86 % of stayers" — plain accuracy
 * flatters a model when most customers stay, so it is never the headline. */
static char *
summary_text (const SegChurn *churn)
{
  const SegBinaryMetrics *m = seg_churn_get_test_metrics (churn);
  double found = share (m->tp, m->tp + m->fn);
  double kept = share (m->tn, m->tn + m->fp);
  g_autofree char *scored = seg_ui_format_count (seg_churn_get_n_scored (churn));
  g_autofree char *rate = seg_format_percent (seg_churn_get_rate (churn), 1);
  g_autofree char *label = seg_dashboard_expression_label (seg_churn_get_label (churn));
  g_autofree char *churners = seg_format_percent (found, 0);
  g_autofree char *stayers = seg_format_percent (kept, 0);
  g_autofree char *balanced = seg_format_percent ((found + kept) / 2, 1);
  g_autofree char *acc = seg_format_percent (m->accuracy, 1);
  g_autofree char *cut = seg_format_percent (seg_churn_get_threshold (churn), 0);
  g_autofree char *auc = isfinite (m->auc) ? g_strdup_printf ("%.3f", m->auc) : g_strdup ("–");

  return g_strdup_printf (_("Churned means %s. %s customers with purchases were scored; %s of them churned. "
                            "On the held-out customers the model finds %s of those who churned and %s of "
                            "those who stayed: balanced accuracy %s, ROC AUC %s. Plain accuracy (%s) would "
                            "flatter it, as most customers stay. A customer counts as a likely churner above "
                            "a probability of %s, the cut that best tells the two groups apart."),
                          label, scored, rate, churners, stayers, balanced, auc, acc, cut);
}

/* One line: what the model left out and why, in display names
 * (seg_dashboard_churn_excluded_line ()). */
static char *
excluded_text (const SegChurn *churn)
{
  return seg_dashboard_churn_excluded_line (churn);
}

static char *
clv_text (const SegClv *clv)
{
  g_autofree char *mean = seg_format_compact (clv->mean);

  switch (clv->method)
    {
    case SEG_CLV_METHOD_BGNBD:
      {
        g_autofree char *rate = seg_format_percent (clv->discount, 1);
        return g_strdup_printf (_("Lifetime value: BG/NBD purchases with Gamma-Gamma spend over %u months, "
                                  "discounted %s a month. Average %s."),
                                clv->months, rate, mean);
      }
    case SEG_CLV_METHOD_FORMULA:
      return g_strdup_printf (_("Lifetime value: the formula %s. Average %s."), clv->formula, mean);
    case SEG_CLV_METHOD_RFM_PROXY:
      return g_strdup_printf (_("Lifetime value: total spent × transactions ÷ (days since last purchase + 1). Average %s."), mean);
    case SEG_CLV_METHOD_HISTORICAL:
    case SEG_CLV_METHOD_AUTO:
    default:
      return g_strdup_printf (_("Lifetime value: total spent so far (too few repeat buyers for the BG/NBD model). Average %s."), mean);
    }
}

static char *
skipped_reason (SegResult  *result,
                const char *method)
{
  GPtrArray *skipped = result ? seg_result_get_skipped (result) : NULL;

  for (guint i = 0; skipped && i < skipped->len; i++)
    {
      const SegSkipped *s = g_ptr_array_index (skipped, i);
      if (g_strcmp0 (s->method, method) == 0)
        return g_strdup (s->reason);
    }
  return NULL;
}

static void
show_label (GtkLabel   *label,
            const char *text)
{
  gtk_label_set_label (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

/* Which cards the result can draw: each check builds the chart, which reads
 * every customer, so it runs on a worker. */
typedef struct
{
  GtkWidget     *pane;        /* strong: its Churn outlives the job */
  GCancellable  *cancellable; /* the check's: a newer one replaces it */
  SegResult     *result;
  guint          n;
  SegChartKind  *kinds;
  char         **colour_by;   /* n, the views' effective ones */
  gboolean      *available;   /* out */
} CardCheck;

static void
card_check_free (CardCheck *check)
{
  g_object_unref (check->pane);
  g_object_unref (check->cancellable);
  seg_result_unref (check->result);
  g_free (check->kinds);
  for (guint i = 0; i < check->n; i++)
    g_free (check->colour_by[i]);
  g_free (check->colour_by);
  g_free (check->available);
  g_free (check);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardCheck, card_check_free)

/* On the worker: fills @data's answers and hands it back. */
static gpointer
card_check_job (gpointer         data,
                GCancellable    *cancellable,
                SegProgressFunc  progress,
                gpointer         progress_data,
                GError         **error)
{
  CardCheck *check = data;

  for (guint i = 0; i < check->n && !g_cancellable_is_cancelled (cancellable); i++)
    {
      SegChartParams params;

      seg_chart_params_init (&params);
      params.colour_by = check->colour_by[i];
      check->available[i] = seg_chart_available (check->kinds[i], check->result, &params, NULL);
    }
  return check;
}

static void
show_card (SegChartCard *card,
           gboolean      show)
{
  GtkWidget *child = gtk_widget_get_parent (GTK_WIDGET (card));

  gtk_widget_set_visible (GTK_IS_FLOW_BOX_CHILD (child) ? child : GTK_WIDGET (card), show);
}

static void
cards_checked_cb (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  g_autoptr(CardCheck) check = seg_job_run_finish (res, card_check_job, NULL);
  Churn *c;

  if (check == NULL)
    return;   /* cancelled */
  c = g_object_get_data (G_OBJECT (check->pane), "seg-churn");
  if (c == NULL || check->cancellable != c->cards_cancellable)
    return;   /* a newer result replaced this one */
  g_clear_object (&c->cards_cancellable);
  for (guint i = 0; i < check->n && i < c->cards->len; i++)
    show_card (g_ptr_array_index (c->cards, i), check->available[i]);
}

/* Cards of charts the result cannot draw are hidden: the model card above
 * says why in full.  They keep their state until the worker has checked. */
static void
update_cards (Churn     *c,
              GtkWidget *pane,
              SegResult *result)
{
  CardCheck *check;

  if (c->cards_cancellable)
    g_cancellable_cancel (c->cards_cancellable);
  g_clear_object (&c->cards_cancellable);
  if (result == NULL)
    {
      for (guint i = 0; i < c->cards->len; i++)
        show_card (g_ptr_array_index (c->cards, i), TRUE);
      return;
    }
  check = g_new0 (CardCheck, 1);
  check->result = seg_result_ref (result);
  check->n = c->cards->len;
  check->kinds = g_new (SegChartKind, check->n);
  check->colour_by = g_new0 (char *, check->n);
  check->available = g_new0 (gboolean, check->n);
  for (guint i = 0; i < check->n; i++)
    {
      SegChartCard *card = g_ptr_array_index (c->cards, i);

      check->kinds[i] = seg_chart_card_get_kind (card);
      check->colour_by[i] = g_strdup (seg_chart_view_get_effective_colour_by (seg_chart_card_get_view (card)));
    }
  c->cards_cancellable = g_cancellable_new ();
  /* the check keeps the pane, which owns @c, alive until it is done */
  check->pane = g_object_ref (pane);
  check->cancellable = g_object_ref (c->cards_cancellable);
  seg_job_run_async (card_check_job, check, NULL, (GDestroyNotify) card_check_free, card_check_job,
                     c->cards_cancellable, NULL, NULL, cards_checked_cb, NULL);
}

/* Whether the customers have a last purchase date (a transaction log or
 * a recency column): what a churn window in days is counted from. */
static gboolean
has_purchase_dates (SegWindow *window)
{
  SegDataset *ds = seg_window_get_dataset (window);

  return ds != NULL && seg_table_find_column (seg_dataset_get_customers (ds), "recency_days") != NULL;
}

static void
result_cb (SegWindow  *window,
           GParamSpec *pspec,
           GtkWidget  *pane)
{
  Churn *c = g_object_get_data (G_OBJECT (pane), "seg-churn");
  SegResult *result = seg_window_get_result (window);
  const SegChurn *churn = result ? seg_result_get_churn (result) : NULL;
  const SegClv *clv = result ? seg_result_get_clv (result) : NULL;
  g_autofree char *summary = NULL;
  g_autofree char *excluded = NULL;
  g_autofree char *clv_line = NULL;
  g_autofree char *why = NULL;
  double threshold;

  c->updating = TRUE;
  /* the window the model used, which may be a suggested one */
  gtk_spin_button_set_value (c->days, churn && isfinite (seg_churn_get_days (churn))
                                        ? seg_churn_get_days (churn) : seg_window_get_analysis_options (window)->churn_days);
  c->updating = FALSE;
  if (churn)
    {
      summary = summary_text (churn);
      excluded = excluded_text (churn);
    }
  else if (result && !has_purchase_dates (window) && seg_window_get_analysis_options (window)->churn_label == NULL)
    /* no window of days can help: say what would, in words */
    summary = g_strdup (_("The churn model did not run: it needs purchase dates, from a transaction log, "
                          "or a column that says which customers left."));
  else if (result)
    {
      gsize len;

      why = skipped_reason (result, "churn");
      /* the reason may end a sentence of its own */
      len = why ? strlen (why) : 0;
      if (len > 0 && why[len - 1] == '.')
        why[len - 1] = '\0';
      summary = g_strdup_printf (_("The churn model did not run: %s."), why ? why : _("it was not asked for"));
    }
  c->suggested_days = result ? seg_result_get_churn_suggested_days (result) : NAN;
  if (churn == NULL && isfinite (c->suggested_days))
    {
      g_autofree char *days = seg_format_compact (c->suggested_days);
      g_autofree char *button = g_strdup_printf (_("Use %s Days"), days);
      g_autofree char *more = g_strdup_printf (_("%s Churned after %s days gives the model both groups to learn from."),
                                               summary, days);

      g_free (summary);
      summary = g_steal_pointer (&more);
      gtk_button_set_label (GTK_BUTTON (c->suggest), button);
    }
  gtk_widget_set_visible (c->suggest, churn == NULL && isfinite (c->suggested_days));
  show_label (c->summary, summary ? summary : _("Analysing…"));
  show_label (c->excluded, excluded);
  show_label (c->days_note, churn ? seg_churn_get_days_note (churn) : NULL);
  show_label (c->warning, churn ? seg_churn_get_warning (churn) : NULL);
  clv_line = clv ? clv_text (clv) : NULL;
  show_label (c->clv, clv_line);
  gtk_widget_set_sensitive (c->model_box, churn != NULL);
  /* a number of days without a purchase means nothing without purchase dates */
  gtk_widget_set_visible (c->days_row, result == NULL || has_purchase_dates (window));
  update_cards (c, pane, result);
  gtk_scale_clear_marks (c->threshold);
  if (churn)
    gtk_scale_add_mark (c->threshold, seg_churn_get_threshold (churn), GTK_POS_BOTTOM, _("model"));
  /* a new model starts at its own threshold, not at the last one's or 50 %;
   * a new value reaches the charts through "value-changed", once */
  threshold = churn ? seg_churn_get_threshold (churn) : 0.5;
  if (gtk_range_get_value (GTK_RANGE (c->threshold)) != threshold)
    gtk_range_set_value (GTK_RANGE (c->threshold), threshold);
  else
    threshold_changed_cb (c);
}

static GtkLabel *
note_label (const char *css_class)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_xalign (label, 0);
  /* not selectable: the pane's first focus would select the whole text */
  if (css_class)
    gtk_widget_add_css_class (GTK_WIDGET (label), css_class);
  return label;
}

static GtkWidget *
threshold_row (Churn *c)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *reset = gtk_button_new_with_mnemonic (_("_Reset"));

  c->threshold = GTK_SCALE (gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0.05, 0.95, 0.01));
  gtk_range_set_value (GTK_RANGE (c->threshold), 0.5);
  gtk_scale_set_draw_value (c->threshold, FALSE);
  gtk_widget_set_name (GTK_WIDGET (c->threshold), "churn-threshold");
  /* no rounding to the step: the model's own threshold must be exact */
  gtk_range_set_round_digits (GTK_RANGE (c->threshold), -1);
  gtk_widget_set_hexpand (GTK_WIDGET (c->threshold), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (c->threshold), 220, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (c->threshold), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Churn threshold"), -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (c->threshold),
                               _("Customers whose churn probability is above this are predicted to churn. "
                                 "Only the confusion matrix and the histogram change; the model stays."));
  c->threshold_value = GTK_LABEL (gtk_label_new ("50%"));
  gtk_widget_add_css_class (GTK_WIDGET (c->threshold_value), "numeric");
  gtk_label_set_width_chars (c->threshold_value, 4);
  gtk_widget_add_css_class (reset, "flat");
  gtk_widget_set_tooltip_text (reset, _("Back to the model's threshold"));
  gtk_box_append (GTK_BOX (row), gtk_label_new (_("Threshold")));
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (c->threshold));
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (c->threshold_value));
  gtk_box_append (GTK_BOX (row), reset);
  g_signal_connect_swapped (c->threshold, "value-changed", G_CALLBACK (threshold_changed_cb), c);
  g_signal_connect_swapped (reset, "clicked", G_CALLBACK (reset_threshold_cb), c);
  c->model_box = row;
  return row;
}

static GtkWidget *
days_row (Churn *c)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_("Churned after"));
  GtkWidget *unit = gtk_label_new (_("days without a purchase"));

  c->days = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 3650, 1));
  gtk_spin_button_set_value (c->days, 180);
  gtk_accessible_update_property (GTK_ACCESSIBLE (c->days), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Days without a purchase before a customer counts as churned"), -1);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (c->days));
  gtk_box_append (GTK_BOX (row), unit);
  g_signal_connect_swapped (c->days, "value-changed", G_CALLBACK (days_changed_cb), c);
  return row;
}

static GtkWidget *
model_card (Churn *c)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);

  c->summary = note_label (NULL);
  c->excluded = note_label ("dim-label");
  c->warning = note_label ("warning");
  c->days_note = note_label ("accent");
  c->clv = note_label (NULL);
  c->suggested_days = NAN;
  c->suggest = gtk_button_new_with_label ("");
  gtk_widget_set_halign (c->suggest, GTK_ALIGN_START);
  gtk_widget_add_css_class (c->suggest, "suggested-action");
  gtk_widget_set_name (c->suggest, "churn-suggest-days");
  gtk_widget_set_visible (c->suggest, FALSE);
  gtk_widget_set_tooltip_text (c->suggest, _("Re-run the churn model with this many days without a purchase"));
  g_signal_connect_swapped (c->suggest, "clicked", G_CALLBACK (suggest_clicked_cb), c);
  gtk_widget_set_name (GTK_WIDGET (c->summary), "churn-summary");
  gtk_widget_set_name (GTK_WIDGET (c->days_note), "churn-days-note");
  gtk_widget_set_name (GTK_WIDGET (c->excluded), "churn-excluded-note");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (c->summary));
  gtk_box_append (GTK_BOX (box), c->suggest);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (c->days_note));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (c->excluded));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (c->warning));
  gtk_box_append (GTK_BOX (box), threshold_row (c));
  c->days_row = days_row (c);
  gtk_box_append (GTK_BOX (box), c->days_row);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (c->clv));
  return seg_dashboard_card_new (_("Churn model and lifetime value"), box);
}

static GtkWidget *
chart_card (Churn        *c,
            SegChartKind  kind)
{
  GtkWidget *card = seg_pane_chart_card (c->window, kind, NULL);

  g_ptr_array_add (c->cards, card);
  if (kind == SEG_CHART_CONFUSION || kind == SEG_CHART_CHURN_HIST)
    g_ptr_array_add (c->threshold_views, seg_chart_card_get_view (SEG_CHART_CARD (card)));
  return card;
}

GtkWidget *
seg_churn_pane_new (SegWindow *window)
{
  GtkWidget *pane = seg_dashboard_pane_new (_("Churn & value"),
                                            _("Who is likely to leave, what drives it, and what customers are worth."));
  SegDashboardPane *p = SEG_DASHBOARD_PANE (pane);
  Churn *c = g_new0 (Churn, 1);
  GtkWidget *odds, *cohorts;

  c->window = window;
  c->threshold_views = g_ptr_array_new ();
  c->cards = g_ptr_array_new ();
  g_object_set_data_full (G_OBJECT (pane), "seg-churn", c, churn_free);
  seg_dashboard_pane_add_top (p, model_card (c));
  seg_dashboard_pane_add_card (p, chart_card (c, SEG_CHART_CHURN_BY_SEGMENT));
  seg_dashboard_pane_add_card (p, chart_card (c, SEG_CHART_CHURN_HIST));
  seg_dashboard_pane_add_card (p, chart_card (c, SEG_CHART_ROC));
  seg_dashboard_pane_add_card (p, chart_card (c, SEG_CHART_CONFUSION));
  odds = chart_card (c, SEG_CHART_ODDS_RATIOS);
  seg_chart_card_set_chart_height (SEG_CHART_CARD (odds), 400);
  seg_dashboard_pane_add_card (p, odds);
  seg_dashboard_pane_add_card (p, chart_card (c, SEG_CHART_CLV_BY_SEGMENT));
  seg_dashboard_pane_add_card (p, chart_card (c, SEG_CHART_TOP_CLV));
  seg_dashboard_pane_add_card (p, chart_card (c, SEG_CHART_P_ALIVE));
  cohorts = chart_card (c, SEG_CHART_COHORTS);
  seg_chart_card_set_chart_height (SEG_CHART_CARD (cohorts), 420);
  seg_dashboard_pane_add_card (p, cohorts);
  /* colour-by changes what churn and CLV by segment can show */
  g_signal_connect_object (window, "notify::colour-by", G_CALLBACK (result_cb), pane, 0);
  g_signal_connect_object (window, "notify::result", G_CALLBACK (result_cb), pane, 0);
  result_cb (window, NULL, pane);
  return pane;
}
