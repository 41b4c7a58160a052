/* seg-dashboard-churn.c — churn by segment, probabilities, ROC, confusion, odds ratios
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The charts of the churn model (SPEC §8).  They only read SegChurn; the
 * confusion matrix and the threshold line of the histogram follow
 * params->threshold, re-measuring the held-out customers with
 * seg_binary_metrics () instead of touching the shared result.
 */
#define G_LOG_DOMAIN "seg-dashboard"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "seg-dashboard-private.h"
#include "seg-logistic.h"

static const SegChurn *
need_churn (DashChart *c,
            char     **why)
{
  const SegChurn *churn = seg_result_get_churn (c->result);

  if (churn == NULL)
    *why = seg_dashboard_not_run_reason (c->result, "churn");
  else if (seg_churn_get_n_scored (churn) == 0 || seg_churn_get_probabilities (churn) == NULL)
    {
      *why = g_strdup (_("No customer could be scored by the churn model"));
      churn = NULL;
    }
  return churn;
}

/* params->threshold when it is a probability strictly between 0 and 1,
 * else the model's. */
static double
churn_threshold (const DashChart *c,
                 const SegChurn  *churn)
{
  double t = c->params->threshold;

  return isfinite (t) && t > 0 && t < 1 ? t : seg_churn_get_threshold (churn);
}

static char *
format_probability (double p)
{
  return seg_format_percent (p, 0);
}

/* ----------------------------------------------------- churn by segment */

static void
by_segment_hit (DashChart   *c,
                double       width,
                double       height,
                SegChartHit *hit)
{
  const SegBySegment *by = c->extra;
  guint s;
  g_autofree char *rate = NULL;
  g_autofree char *mean = NULL;
  g_autofree char *count = NULL;

  (void) width, (void) height;
  if (hit->kind != SEG_CHART_HIT_ITEM || hit->index < 0 || (guint) hit->index >= by->n_segments)
    return;
  s = (guint) hit->index;
  if (!isfinite (by->churn_rate[s]))
    {
      g_free (hit->tooltip);
      hit->tooltip = g_strdup_printf (_("%s — no purchases, so no churn label"), c->seg->segments[s].name);
      return;
    }
  rate = seg_format_percent (by->churn_rate[s], 1);
  mean = seg_format_percent (by->mean_probability[s], 1);
  count = seg_dashboard_format_count (by->customers[s]);
  g_free (hit->tooltip);
  hit->tooltip = g_strdup_printf (_("%s — %s churned\n%s customers scored · mean churn probability %s"),
                                  c->seg->segments[s].name, rate, count, mean);
}

gboolean
seg_dashboard_build_churn_by_segment (DashChart *c,
                                      char     **why)
{
  const SegChurn *churn = need_churn (c, why);
  const SegBySegment *by;
  SegBarData *b = &c->u.bars;
  const char **names;
  g_autofree char *overall = NULL;

  if (churn == NULL)
    return FALSE;
  if (c->seg == NULL || c->seg->n_segments == 0)
    {
      *why = seg_dashboard_not_run_reason (c->result, c->colour_by);
      return FALSE;
    }
  by = seg_churn_get_by (churn, c->colour_by);
  if (by == NULL || by->churn_rate == NULL || by->n_segments != c->seg->n_segments)
    {
      *why = g_strdup_printf (_("Churn is not broken down by %s"), seg_dashboard_segmentation_label (c->colour_by));
      return FALSE;
    }
  names = seg_dashboard_own_strv (c, by->n_segments);
  for (guint s = 0; s < by->n_segments; s++)
    names[s] = c->seg->segments[s].name;
  overall = seg_format_percent (seg_churn_get_rate (churn), 1);
  c->toolkit = DASH_TK_BARS;
  c->linked = TRUE;
  c->extra = (gpointer) by;
  c->hit = by_segment_hit;
  b->title = seg_chart_kind_title (c->kind);
  b->subtitle = seg_dashboard_own_printf (c, _("%s · churned: %s · %s overall"), seg_dashboard_segmentation_label (c->colour_by),
                                          (const char *) seg_dashboard_own (c, seg_dashboard_expression_label (seg_churn_get_label (churn))),
                                          overall);
  b->value_label = _("Share churned");
  b->n = by->n_segments;
  b->categories = names;
  b->values = by->churn_rate;
  b->format = (SegNumberFormat) SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_PERCENT);
  b->horizontal = by->n_segments > 7;
  b->show_values = TRUE;
  b->missing_text = _("no purchases");
  return TRUE;
}

/* ------------------------------------------------------------ histogram */

/* Where the toolkit put the plot: estimated as seg-chart-hist.c lays it
 * out, then corrected with its hit-test (which reports bin centres). */
static gboolean
hist_plot (DashChart *c,
           double     width,
           double     height,
           SegRect   *plot)
{
  const SegHistData *h = &c->u.hist;
  const SegChartStyle *st = &c->style;
  SegChartFrame frame = { h->title, h->subtitle, h->x_label, h->y_label, h->n_groups, h->group_names,
                          NULL, SEG_LEGEND_SQUARE };
  SegChartLayout lay;
  g_auto(SegChartHit) a = SEG_CHART_HIT_INIT;
  g_auto(SegChartHit) z = SEG_CHART_HIT_INIT;
  double line_h = seg_chart_text_line_height (st, SEG_TEXT_BODY), bw, y;

  seg_chart_layout_frame (&lay, &frame, st, width, height);
  plot->y = lay.inner.y;
  plot->height = MAX (lay.inner.height - line_h - seg_chart_frame_tick_gap (st), 1.0);
  y = plot->y + plot->height / 2;
  bw = lay.inner.width / h->n_bins;
  /* the y tick labels take less than a third of the width */
  for (double x = lay.inner.x + lay.inner.width * 0.34; x > lay.inner.x && a.index != 0; x -= bw / 2)
    if (!seg_chart_hist_hit (width, height, h, st, x, y, &a) || a.index < 0)
      break;
  if (a.index != 0 ||
      !seg_chart_hist_hit (width, height, h, st, lay.inner.x + lay.inner.width - seg_chart_style_px (st, 12),
                           y, &z) || z.index != (int) h->n_bins - 1)
    return FALSE;
  bw = (z.x - a.x) / (h->n_bins - 1);
  plot->x = a.x - bw / 2;
  plot->width = bw * h->n_bins;
  return TRUE;
}

static void
hist_overlay (DashChart *c,
              cairo_t   *cr,
              double     width,
              double     height)
{
  const SegChurn *churn = seg_result_get_churn (c->result);
  double t = churn_threshold (c, churn), x, dash[2];
  SegRect p;
  g_autofree char *pct = NULL;
  g_autofree char *label = NULL;

  if (!hist_plot (c, width, height, &p))
    return;
  x = round (p.x + t * p.width) + 0.5;
  dash[0] = seg_chart_style_px (&c->style, 6);
  dash[1] = seg_chart_style_px (&c->style, 4);
  cairo_save (cr);
  seg_chart_text_set_color (cr, c->style.foreground);
  cairo_set_line_width (cr, seg_chart_style_px (&c->style, 1.5));
  cairo_set_dash (cr, dash, 2, 0);
  cairo_move_to (cr, x, p.y);
  cairo_line_to (cr, x, p.y + p.height);
  cairo_stroke (cr);
  cairo_restore (cr);
  pct = format_probability (t);
  label = g_strdup_printf (_("threshold %s"), pct);
  seg_chart_text_draw (cr, &c->style, SEG_TEXT_SMALL, label, x + seg_chart_style_px (&c->style, 4),
                       p.y + seg_chart_style_px (&c->style, 2), t > 0.8 ? 1.0 : 0.0, 0, p.width / 3,
                       c->style.foreground);
}

gboolean
seg_dashboard_build_churn_hist (DashChart *c,
                                char     **why)
{
  const SegChurn *churn = need_churn (c, why);
  SegHistData *h = &c->u.hist;
  int *groups;
  const char **names;
  g_autofree char *count = NULL;
  g_autofree char *t = NULL;

  if (churn == NULL)
    return FALSE;
  groups = seg_dashboard_own (c, g_new (int, MAX (seg_churn_get_n_customers (churn), 1)));
  for (guint64 i = 0; i < seg_churn_get_n_customers (churn); i++)
    groups[i] = isfinite (seg_churn_get_labels (churn)[i]) && seg_churn_get_labels (churn)[i] > 0.5 ? 1 : 0;
  names = seg_dashboard_own_strv (c, 2);
  names[0] = _("Stayed");
  names[1] = _("Churned");
  count = seg_dashboard_format_count ((double) seg_churn_get_n_scored (churn));
  t = format_probability (churn_threshold (c, churn));
  c->toolkit = DASH_TK_HIST;
  c->overlay = hist_overlay;
  h->title = seg_chart_kind_title (c->kind);
  h->subtitle = seg_dashboard_own_printf (c, _("%s customers scored · churn predicted above %s"), count, t);
  h->x_label = _("Churn probability");
  h->n = seg_churn_get_n_customers (churn);
  h->values = seg_churn_get_probabilities (churn);
  h->group = groups;
  h->n_groups = 2;
  h->group_names = names;
  h->n_bins = 20;
  h->lo = 0;
  h->hi = 1;
  h->x_format = (SegNumberFormat) SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_PERCENT);
  return TRUE;
}

/* ------------------------------------------------------------------ ROC */

typedef struct
{
  double p;
  gboolean positive;
} Scored;

static int
by_probability_desc (const void *a,
                     const void *b)
{
  double pa = ((const Scored *) a)->p, pb = ((const Scored *) b)->p;

  return pa > pb ? -1 : pa < pb ? 1 : 0;
}

/* The held-out customers sorted by probability, highest first. */
static Scored *
held_out_sorted (const SegChurn *churn,
                 gsize          *n,
                 gsize          *positives)
{
  Scored *s = g_new (Scored, MAX (seg_churn_get_n_customers (churn), 1));

  *n = *positives = 0;
  for (guint64 i = 0; i < seg_churn_get_n_customers (churn); i++)
    if (seg_churn_get_held_out (churn) != NULL && seg_churn_get_held_out (churn)[i] && isfinite (seg_churn_get_probabilities (churn)[i]) &&
        isfinite (seg_churn_get_labels (churn)[i]))
      {
        s[*n] = (Scored) { seg_churn_get_probabilities (churn)[i], seg_churn_get_labels (churn)[i] > 0.5 };
        *positives += s[*n].positive;
        (*n)++;
      }
  qsort (s, *n, sizeof *s, by_probability_desc);
  return s;
}

/* One point per distinct probability: predicting churn at or above it. */
static gboolean
roc_points (DashChart      *c,
            const SegChurn *churn)
{
  gsize n, pos, k = 0, tp = 0, fp = 0;
  g_autofree Scored *s = held_out_sorted (churn, &n, &pos);
  double *fpr, *tpr, *cut;

  if (pos == 0 || pos == n)
    return FALSE;
  fpr = seg_dashboard_own (c, g_new (double, n + 1));
  tpr = seg_dashboard_own (c, g_new (double, n + 1));
  cut = seg_dashboard_own (c, g_new (double, n + 1));
  fpr[0] = tpr[0] = 0;
  cut[0] = 1;
  for (gsize i = 0; i < n; i++)
    {
      tp += s[i].positive;
      fp += !s[i].positive;
      if (i + 1 < n && s[i + 1].p == s[i].p)
        continue;
      k++;
      fpr[k] = (double) fp / (double) (n - pos);
      tpr[k] = (double) tp / (double) pos;
      cut[k] = s[i].p;
    }
  c->u.roc.n = k + 1;
  c->u.roc.fpr = fpr;
  c->u.roc.tpr = tpr;
  c->extra = cut;
  return TRUE;
}

static void
roc_hit (DashChart   *c,
         double       width,
         double       height,
         SegChartHit *hit)
{
  const double *cut = c->extra;
  g_autofree char *p = NULL;
  char *old;

  (void) width, (void) height;
  if (hit->kind != SEG_CHART_HIT_ITEM || hit->index < 0 || (gsize) hit->index >= c->u.roc.n)
    return;
  if (hit->index == 0)
    return;
  p = seg_format_percent (cut[hit->index], 1);
  old = hit->tooltip;
  hit->tooltip = g_strdup_printf (_("%s\nChurn predicted at a probability of %s or more"), old, p);
  g_free (old);
}

gboolean
seg_dashboard_build_roc (DashChart *c,
                         char     **why)
{
  const SegChurn *churn = need_churn (c, why);
  gsize n = 0;

  if (churn == NULL)
    return FALSE;
  if (!roc_points (c, churn))
    {
      *why = g_strdup (_("The held-out customers are all churned or all retained, so there is no ROC curve"));
      return FALSE;
    }
  for (guint64 i = 0; i < seg_churn_get_n_customers (churn); i++)
    n += seg_churn_get_held_out (churn)[i] && isfinite (seg_churn_get_probabilities (churn)[i]);
  c->toolkit = DASH_TK_ROC;
  c->hit = roc_hit;
  c->u.roc.title = seg_chart_kind_title (c->kind);
  c->u.roc.subtitle = seg_dashboard_own_printf (c, _("%s held-out customers"),
                                                (const char *) seg_dashboard_own (c, seg_dashboard_format_count ((double) n)));
  c->u.roc.auc = seg_churn_get_test_metrics (churn)->auc;
  c->u.roc.group = 0;
  return TRUE;
}

/* ------------------------------------------------------------ confusion */

gboolean
seg_dashboard_build_confusion (DashChart *c,
                               char     **why)
{
  const SegChurn *churn = need_churn (c, why);
  SegConfusionData *d = &c->u.confusion;
  SegBinaryMetrics m;
  double t;
  g_autofree char *ts = NULL;
  g_autofree char *acc = NULL;
  g_autofree char *prec = NULL;
  g_autofree char *rec = NULL;

  if (churn == NULL)
    return FALSE;
  t = churn_threshold (c, churn);
  seg_churn_measure_at (churn, t, &m);
  if (m.tn + m.fp + m.fn + m.tp == 0)
    {
      *why = g_strdup (_("No customer was held out to test the churn model"));
      return FALSE;
    }
  ts = format_probability (t);
  acc = seg_format_percent (m.accuracy, 0);
  prec = seg_format_percent (m.precision, 0);
  rec = seg_format_percent (m.recall, 0);
  c->toolkit = DASH_TK_CONFUSION;
  d->title = seg_chart_kind_title (c->kind);
  d->subtitle = seg_dashboard_own_printf (c, _("Threshold %s · accuracy %s · precision %s · recall %s (held out)"),
                                          ts, acc, prec, rec);
  d->tn = (double) m.tn;
  d->fp = (double) m.fp;
  d->fn = (double) m.fn;
  d->tp = (double) m.tp;
  d->negative_label = _("Stays");
  d->positive_label = _("Churns");
  return TRUE;
}

/* ---------------------------------------------------------- odds ratios */

typedef struct
{
  double odds;
  guint  feature;
} OddsBar;

static int
by_odds_desc (const void *a,
              const void *b)
{
  double oa = ((const OddsBar *) a)->odds, ob = ((const OddsBar *) b)->odds;

  return oa > ob ? -1 : oa < ob ? 1 : 0;
}

static char *
odds_note (const SegChurn *churn,
           guint           j)
{
  double o = seg_churn_get_odds_ratios (churn)[j];
  g_autofree char *coef = seg_format_fixed (seg_churn_get_coefficients (churn)[j], 3);

  if (o >= 1)
    {
      g_autofree char *f = seg_format_fixed (o, 2);
      return g_strdup_printf (_("Odds of churning × %s per standard deviation more\ncoefficient %s"), f, coef);
    }
  {
    g_autofree char *f = seg_format_fixed (1 / o, 2);
    return g_strdup_printf (_("Odds of churning ÷ %s per standard deviation more\ncoefficient %s"), f, coef);
  }
}

static char *
exclusion_text (const SegChurn *churn,
                guint           i)
{
  const SegChurnExclusion *e = &seg_churn_get_exclusions (churn)[i];
  g_autofree char *name = seg_dashboard_pretty_column (seg_churn_get_excluded (churn)[i]);
  g_autofree char *column = e->column != NULL ? seg_dashboard_pretty_column (e->column) : NULL;
  g_autofree char *share = isfinite (e->share) ? seg_format_percent (e->share, 0) : g_strdup ("–");
  g_autofree char *corr = isfinite (e->correlation) ? seg_format_fixed (e->correlation, 2) : g_strdup ("–");

  switch (e->kind)
    {
    case SEG_CHURN_EXCLUDED_DEFINES:
      return g_strdup_printf (_("%s (the churn label is defined from it)"), name);
    case SEG_CHURN_EXCLUDED_MISSING:
      return g_strdup_printf (_("%s (missing for %s of the labelled customers)"), name, share);
    case SEG_CHURN_EXCLUDED_EQUALS:
      return g_strdup_printf (_("%s (equal to “%s” for %s of the labelled customers)"), name, column, share);
    case SEG_CHURN_EXCLUDED_IN_STEP:
      return g_strdup_printf (_("%s (moves in step with “%s” for %s of the labelled customers)"),
                              name, column, share);
    case SEG_CHURN_EXCLUDED_CORRELATED:
      return g_strdup_printf (_("%s (moves with “%s”, correlation %s)"), name, column, corr);
    case SEG_CHURN_EXCLUDED_RANK_CORRELATED:
      return g_strdup_printf (_("%s (follows the order of “%s”, rank correlation %s)"), name, column, corr);
    default:
      return g_strdup_printf ("%s (%s)", name, seg_churn_get_excluded_reasons (churn)[i]);
    }
}

char *
seg_dashboard_churn_excluded_line (const SegChurn *churn)
{
  g_autoptr(GString) list = g_string_new (NULL);

  g_return_val_if_fail (churn != NULL, NULL);
  if (seg_churn_get_n_excluded (churn) == 0)
    return NULL;
  for (guint i = 0; i < seg_churn_get_n_excluded (churn); i++)
    {
      g_autofree char *one = seg_churn_get_exclusions (churn) != NULL
                             ? exclusion_text (churn, i)
                             : g_strdup_printf ("%s (%s)", seg_churn_get_excluded (churn)[i], seg_churn_get_excluded_reasons (churn)[i]);
      g_string_append_printf (list, "%s%s", i > 0 ? "; " : "", one);
    }
  return g_strdup_printf (_("Left out of the model: %s."), list->str);
}

/* "Left out: Days since last purchase, Days since first purchase", or
 * NULL; the model card and the report say why. */
static char *
excluded_text (const SegChurn *churn)
{
  g_autoptr(GString) s = NULL;

  if (seg_churn_get_n_excluded (churn) == 0)
    return NULL;
  s = g_string_new (NULL);
  for (guint i = 0; i < seg_churn_get_n_excluded (churn); i++)
    {
      g_autofree char *name = seg_dashboard_pretty_column (seg_churn_get_excluded (churn)[i]);
      g_string_append_printf (s, "%s%s", i > 0 ? ", " : "", name);
    }
  return g_strdup_printf (_("Left out: %s"), s->str);
}

gboolean
seg_dashboard_build_odds_ratios (DashChart *c,
                                 char     **why)
{
  const SegChurn *churn = need_churn (c, why);
  SegBarData *b = &c->u.bars;
  OddsBar *bars;
  const char **names, **notes;
  double *values;
  int *groups;
  g_autofree char *excluded = NULL;
  SegNumberFormat f = SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_PLAIN);

  if (churn == NULL)
    return FALSE;
  if (seg_churn_get_n_features (churn) == 0 || seg_churn_get_odds_ratios (churn) == NULL)
    {
      *why = g_strdup (_("The churn model has no features"));
      return FALSE;
    }
  bars = seg_dashboard_own (c, g_new (OddsBar, seg_churn_get_n_features (churn)));
  for (guint j = 0; j < seg_churn_get_n_features (churn); j++)
    bars[j] = (OddsBar) { seg_churn_get_odds_ratios (churn)[j], j };
  qsort (bars, seg_churn_get_n_features (churn), sizeof *bars, by_odds_desc);
  names = seg_dashboard_own_strv (c, seg_churn_get_n_features (churn));
  notes = seg_dashboard_own_strv (c, seg_churn_get_n_features (churn));
  values = seg_dashboard_own (c, g_new (double, seg_churn_get_n_features (churn)));
  groups = seg_dashboard_own (c, g_new (int, seg_churn_get_n_features (churn)));
  for (guint i = 0; i < seg_churn_get_n_features (churn); i++)
    {
      guint j = bars[i].feature;
      names[i] = seg_dashboard_own (c, seg_dashboard_pretty_column (seg_churn_get_features (churn)[j]));
      values[i] = seg_churn_get_odds_ratios (churn)[j];
      groups[i] = seg_churn_get_odds_ratios (churn)[j] >= 1 ? 1 : 0;
      notes[i] = seg_dashboard_own (c, odds_note (churn, j));
    }
  excluded = excluded_text (churn);
  f.decimals = 2;
  c->toolkit = DASH_TK_BARS;
  b->title = seg_chart_kind_title (c->kind);
  b->subtitle = excluded != NULL
                ? seg_dashboard_own_printf (c, _("Per standard deviation more; above 1 raises churn · %s"), excluded)
                : _("Per standard deviation more; above 1 raises churn, below 1 lowers it");
  b->value_label = _("Odds ratio");
  b->n = seg_churn_get_n_features (churn);
  b->categories = names;
  b->values = values;
  b->groups = groups;
  b->notes = notes;
  b->format = f;
  b->horizontal = TRUE;
  b->show_values = TRUE;
  return TRUE;
}
