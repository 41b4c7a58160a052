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

#include "seg-format.h"
#include "seg-job.h"
#include "seg-panes.h"
#include "seg-ui-format.h"

struct _SegChurnPane
{
  SegDashboardPane  parent_instance;

  GtkLabel         *summary;
  GtkLabel         *excluded;
  GtkLabel         *warning;
  GtkLabel         *days_note;     /* the window used is not the one asked for */
  GtkWidget        *suggest;       /* "Use 30 Days": the engine's suggested window */
  GtkWidget        *days_row;      /* hidden when no customer has a purchase date */
  GtkLabel         *clv;
  GtkScale         *threshold;
  GtkLabel         *threshold_value;
  GtkSpinButton    *days;
  GtkWidget        *model_box;     /* insensitive without a churn model */
  SegChartCard     *histogram;     /* these two follow the threshold */
  SegChartCard     *confusion;

  double            suggested_days;
  GPtrArray        *cards;         /* SegChartCard*, borrowed: hidden when unavailable */
  gboolean          updating;
  GCancellable     *cards_cancellable;   /* the availability a worker is checking */
};

G_DEFINE_FINAL_TYPE (SegChurnPane, seg_churn_pane, SEG_TYPE_DASHBOARD_PANE)

static SegWindow *
window_of (SegChurnPane *self)
{
  return seg_dashboard_pane_get_window (SEG_DASHBOARD_PANE (self));
}

static void
threshold_changed_cb (SegChurnPane *c)
{
  double t = gtk_range_get_value (GTK_RANGE (c->threshold));
  g_autofree char *text = seg_format_percent (t, 0);

  gtk_label_set_label (c->threshold_value, text);
  if (c->updating || c->histogram == NULL)
    return;
  seg_chart_view_set_threshold (seg_chart_card_get_view (c->histogram), t);
  seg_chart_view_set_threshold (seg_chart_card_get_view (c->confusion), t);
}

static void
reset_threshold_cb (SegChurnPane *c)
{
  SegResult *result = seg_dashboard_pane_get_result (SEG_DASHBOARD_PANE (c));
  const SegChurn *churn = result ? seg_result_get_churn (result) : NULL;

  gtk_range_set_value (GTK_RANGE (c->threshold), churn ? seg_churn_get_threshold (churn) : 0.5);
}

static void
days_changed_cb (SegChurnPane *c)
{
  SegAnalysisOptions options;
  double days = gtk_spin_button_get_value (c->days);
  SegWindow *window = window_of (c);

  if (c->updating || window == NULL || seg_window_get_analysis_options (window)->churn_days == days)
    return;
  seg_analysis_options_copy (seg_window_get_analysis_options (window), &options);
  options.churn_days = days;
  options.churn_days_auto = FALSE;
  seg_window_set_analysis_options (window, &options);
  seg_analysis_options_clear (&options);
}

static void
suggest_clicked_cb (SegChurnPane *c)
{
  SegAnalysisOptions options;
  SegWindow *window = window_of (c);

  if (!isfinite (c->suggested_days) || window == NULL)
    return;
  seg_analysis_options_copy (seg_window_get_analysis_options (window), &options);
  options.churn_days = c->suggested_days;
  options.churn_days_auto = FALSE;
  seg_window_set_analysis_options (window, &options);
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
  SegChurnPane  *pane;        /* strong until the job ends */
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
      check->available[i] = seg_dashboard_available (check->kinds[i], check->result, &params, NULL);
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
  SegChurnPane *c;

  if (check == NULL)
    return;   /* cancelled */
  c = check->pane;
  if (check->cancellable != c->cards_cancellable)
    return;   /* a newer result replaced this one */
  g_clear_object (&c->cards_cancellable);
  for (guint i = 0; i < check->n && i < c->cards->len; i++)
    show_card (g_ptr_array_index (c->cards, i), check->available[i]);
}

/* Cards of charts the result cannot draw are hidden: the model card above
 * says why in full.  They keep their state until the worker has checked. */
static void
update_cards (SegChurnPane *c,
              SegResult    *result)
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
  /* the check keeps the pane alive until it is done */
  check->pane = g_object_ref (c);
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
result_cb (SegChurnPane *c)
{
  SegWindow *window = window_of (c);
  SegResult *result = seg_dashboard_pane_get_result (SEG_DASHBOARD_PANE (c));
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
  update_cards (c, result);
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

static void
collect_cards (GtkWidget *widget,
               GPtrArray *cards)
{
  if (SEG_IS_CHART_CARD (widget))
    {
      g_ptr_array_add (cards, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_cards (child, cards);
}

static void
seg_churn_pane_constructed (GObject *object)
{
  SegChurnPane *self = SEG_CHURN_PANE (object);
  SegWindow *window;

  G_OBJECT_CLASS (seg_churn_pane_parent_class)->constructed (object);
  window = window_of (self);
  g_return_if_fail (window != NULL);
  collect_cards (GTK_WIDGET (self), self->cards);
  /* colour-by changes what churn and CLV by segment can show */
  g_signal_connect_object (window, "notify::colour-by", G_CALLBACK (result_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::result", G_CALLBACK (result_cb), NULL);
  result_cb (self);
}

static void
seg_churn_pane_dispose (GObject *object)
{
  SegChurnPane *self = SEG_CHURN_PANE (object);

  if (self->cards_cancellable)
    g_cancellable_cancel (self->cards_cancellable);
  g_clear_object (&self->cards_cancellable);
  g_ptr_array_set_size (self->cards, 0);
  gtk_widget_dispose_template (GTK_WIDGET (object), SEG_TYPE_CHURN_PANE);
  G_OBJECT_CLASS (seg_churn_pane_parent_class)->dispose (object);
}

static void
seg_churn_pane_finalize (GObject *object)
{
  g_ptr_array_unref (SEG_CHURN_PANE (object)->cards);
  G_OBJECT_CLASS (seg_churn_pane_parent_class)->finalize (object);
}

static void
seg_churn_pane_class_init (SegChurnPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = seg_churn_pane_constructed;
  object_class->dispose = seg_churn_pane_dispose;
  object_class->finalize = seg_churn_pane_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/seg-churn-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, SegChurnPane, summary);
  gtk_widget_class_bind_template_child (widget_class, SegChurnPane, excluded);
  gtk_widget_class_bind_template_child (widget_class, SegChurnPane, warning);
  gtk_widget_class_bind_template_child (widget_class, SegChurnPane, days_note);
  gtk_widget_class_bind_template_child (widget_class, SegChurnPane, suggest);
  gtk_widget_class_bind_template_child (widget_class, SegChurnPane, days_row);
  gtk_widget_class_bind_template_child (widget_class, SegChurnPane, clv);
  gtk_widget_class_bind_template_child (widget_class, SegChurnPane, threshold);
  gtk_widget_class_bind_template_child (widget_class, SegChurnPane, threshold_value);
  gtk_widget_class_bind_template_child (widget_class, SegChurnPane, days);
  gtk_widget_class_bind_template_child (widget_class, SegChurnPane, model_box);
  gtk_widget_class_bind_template_child (widget_class, SegChurnPane, histogram);
  gtk_widget_class_bind_template_child (widget_class, SegChurnPane, confusion);
  gtk_widget_class_bind_template_callback (widget_class, threshold_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, reset_threshold_cb);
  gtk_widget_class_bind_template_callback (widget_class, days_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, suggest_clicked_cb);
}

static void
seg_churn_pane_init (SegChurnPane *self)
{
  self->suggested_days = NAN;
  self->cards = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
seg_churn_pane_new (SegWindow *window)
{
  return g_object_new (SEG_TYPE_CHURN_PANE, "window", window, NULL);
}
