/* test-dashboard-churn.c — the churn and CLV charts drawn from a real SegResult
 *
 * The result comes from the engine run on data/samples/fintech (customers,
 * transactions, activity) with default options: churn (recency_days > 180)
 * and BG/NBD CLV both run there.  Checks read the pixels (bars are drawn
 * in exact palette colours) and the hit-test tooltips, and compare them with
 * the SegChurn / SegClv figures and with seg_binary_metrics ().
 *
 * With SEG_DASHBOARD_SHOTS=DIR set, every churn/CLV chart is also written
 * in light and dark (DIR/churn-<id>-<theme>.png) for a person to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "seg-analysis.h"
#include "seg-format.h"
#include "seg-dashboard.h"
#include "seg-logistic.h"
#include "seg-test-util.h"
#include "dashboard-test-util.h"

#define W 1600
#define H 1000

static const SegChartKind churn_kinds[] = {
  SEG_CHART_CHURN_BY_SEGMENT, SEG_CHART_CHURN_HIST, SEG_CHART_ROC, SEG_CHART_CONFUSION,
  SEG_CHART_ODDS_RATIOS, SEG_CHART_CLV_BY_SEGMENT, SEG_CHART_TOP_CLV, SEG_CHART_P_ALIVE,
};

static SegResult *sample_result;

static SegResult *
run_fintech (const char *dir,
             SegMethods  methods,
             double      churn_days)
{
  g_autoptr(SegDatasetOptions) options = seg_dataset_options_new ();
  g_autoptr(SegDataset) ds = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "customers.csv", "transactions.csv", "activity.csv" };
  SegAnalysisOptions ao;
  SegResult *r;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      seg_dataset_options_add_input (options, path, SEG_FILE_ROLE_UNKNOWN);
    }
  ds = seg_dataset_load (options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  seg_analysis_options_init (&ao);
  ao.methods = methods;
  if (churn_days > 0)
    ao.churn_days = churn_days;
  r = seg_analysis_run (ds, &ao, NULL, NULL, NULL, &error);
  seg_analysis_options_clear (&ao);
  g_assert_no_error (error);
  return r;
}


/* ---------------------------------------------------------- pixels */







static const SegChurn *
churn_of (const SegResult *r)
{
  const SegChurn *churn = seg_result_get_churn (r);
  g_assert_nonnull (churn);
  return churn;
}

/* ----------------------------------------------------------- tests */

static void
test_catalogue (void)
{
  SegChartKind back;

  for (guint i = 0; i < G_N_ELEMENTS (churn_kinds); i++)
    {
      g_assert_cmpint (churn_kinds[i], <, SEG_N_CHARTS);
      g_assert_true (seg_chart_kind_from_id (seg_chart_kind_id (churn_kinds[i]), &back));
      g_assert_cmpint (back, ==, churn_kinds[i]);
    }
  g_assert_cmpstr (seg_chart_kind_id (SEG_CHART_ROC), ==, "roc");
  g_assert_cmpstr (seg_chart_kind_id (SEG_CHART_CONFUSION), ==, "confusion");
  g_assert_cmpstr (seg_chart_kind_id (SEG_CHART_P_ALIVE), ==, "p-alive");
}

/* Every churn/CLV chart draws real ink on the sample, light and dark. */
static void
test_render_all (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (churn_kinds); i++)
    for (int theme = 0; theme < 2; theme++)
      {
        SegChartStyle style;
        cairo_surface_t *s;
        g_autofree char *why = NULL;

        g_assert_true (seg_dashboard_available (churn_kinds[i], sample_result, NULL, &why));
        g_assert_null (why);
        seg_chart_style_init (&style, theme ? SEG_CHART_THEME_DARK : SEG_CHART_THEME_LIGHT);
        style.scale = 1.6;
        s = render (churn_kinds[i], sample_result, NULL, &style, W, H);
        g_assert_cmpuint (count_not (s, opaque (style.background)), >, W * H / 100);
        cairo_surface_destroy (s);
        style.scale = 1;
        s = render (churn_kinds[i], sample_result, NULL, &style, 360, 240);
        g_assert_cmpuint (count_not (s, opaque (style.background)), >, 360 * 240 / 100);
        cairo_surface_destroy (s);
        s = render (churn_kinds[i], sample_result, NULL, &style, 40, 30);
        cairo_surface_destroy (s);
      }
}

/* Without churn and CLV the charts say why; P(alive) needs BG/NBD. */
static void
test_unavailable (void)
{
  g_autofree char *dir = sample_dir ();
  g_autoptr(SegResult) rules_only = run_fintech (dir, SEG_METHOD_RULES, 0);

  for (guint i = 0; i < G_N_ELEMENTS (churn_kinds); i++)
    {
      g_autofree char *why = NULL;
      g_assert_false (seg_dashboard_available (churn_kinds[i], rules_only, NULL, &why));
      g_assert_nonnull (why);
      if (churn_kinds[i] <= SEG_CHART_ODDS_RATIOS)
        g_assert_nonnull (strstr (why, "churn model did not run"));
      else
        g_assert_nonnull (strstr (why, "Customer lifetime value did not run"));
    }
  /* the unavailable chart still draws its reason */
  {
    SegChartStyle style;
    cairo_surface_t *s;
    seg_chart_style_init_light (&style);
    s = render (SEG_CHART_ROC, rules_only, NULL, &style, 600, 400);
    g_assert_cmpuint (count_not (s, opaque (style.background)), >, 200);
    cairo_surface_destroy (s);
  }
  /* colouring by a segmentation that did not run */
  {
    SegChartParams params;
    g_autofree char *why = NULL;
    g_autoptr(SegResult) churn_only = run_fintech (dir, SEG_METHOD_RULES | SEG_METHOD_CHURN, 0);
    seg_chart_params_init (&params);
    params.colour_by = "kmeans";
    g_assert_false (seg_dashboard_available (SEG_CHART_CHURN_BY_SEGMENT, churn_only, &params, &why));
    g_assert_nonnull (strstr (why, "k-means"));
    g_assert_true (seg_dashboard_available (SEG_CHART_ROC, churn_only, &params, NULL));
  }
}

/* The tallest bar is the segment with the highest churn rate; every bar
 * tooltip gives that segment's rate. */
static void
test_churn_by_segment (void)
{
  const SegChurn *churn = churn_of (sample_result);
  const SegBySegment *by = seg_churn_get_by (churn, "rules");
  const SegSegmentation *rules = seg_result_get_rules (sample_result);
  SegChartStyle style;
  cairo_surface_t *s;
  guint best = 0;
  int tallest = -1, top = G_MAXINT;

  g_assert_nonnull (by);
  g_assert_cmpuint (by->n_segments, ==, rules->n_segments);
  for (guint k = 1; k < by->n_segments; k++)
    if (by->churn_rate[k] > by->churn_rate[best])
      best = k;
  g_assert_cmpfloat (by->churn_rate[best], >, 0);
  seg_chart_style_init_light (&style);
  s = render (SEG_CHART_CHURN_BY_SEGMENT, sample_result, NULL, &style, W, H);
  for (guint k = 0; k < by->n_segments; k++)
    {
      ColourBox b = find_colour (s, opaque (seg_chart_style_series_color (&style, (int) k)));
      if (!isfinite (by->churn_rate[k]) || by->churn_rate[k] <= 0)
        continue;
      g_assert_cmpuint (b.count, >, 100);
      if (b.y0 < top)
        top = b.y0, tallest = (int) k;
      {
        g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;
        g_autofree char *rate = seg_format_percent (by->churn_rate[k], 1);
        g_assert_true (hit_test (SEG_CHART_CHURN_BY_SEGMENT, W, H, sample_result, NULL, &style,
                                 (b.x0 + b.x1) / 2.0, b.y1 - 2, &hit));
        g_assert_cmpint (hit.index, ==, (int) k);
        g_assert_cmpint (hit.group, ==, (int) k);   /* linked to the rule segments */
        g_assert_nonnull (strstr (hit.tooltip, rules->segments[k].name));
        g_assert_nonnull (strstr (hit.tooltip, rate));
      }
    }
  g_assert_cmpint (tallest, ==, (int) best);
  cairo_surface_destroy (s);
}

/* AUC > 0.5: the curve lies above the dashed diagonal, so most curve
 * pixels are above the line from the plot's bottom-left to its top-right. */
static void
test_roc (void)
{
  const SegChurn *churn = churn_of (sample_result);
  SegChartStyle style;
  cairo_surface_t *s;
  ColourBox b;
  guint32 curve;
  guint above = 0, below = 0;
  int w, h;

  g_assert_cmpfloat (seg_churn_get_test_metrics (churn)->auc, >, 0.5);
  seg_chart_style_init_light (&style);
  s = render (SEG_CHART_ROC, sample_result, NULL, &style, W, H);
  curve = opaque (seg_chart_style_series_color (&style, 0));
  b = find_colour (s, curve);
  g_assert_cmpuint (b.count, >, 500);
  /* the curve spans the square plot: (0,0) at its bottom-left, (1,1) top-right */
  w = b.x1 - b.x0;
  h = b.y1 - b.y0;
  g_assert_cmpint (abs (w - h), <, 12);
  for (int y = b.y0; y <= b.y1; y++)
    for (int x = b.x0; x <= b.x1; x++)
      if (pixel (s, x, y) == curve)
        {
          /* the diagonal: y = y1 − (x − x0) */
          double diag_y = b.y1 - (double) (x - b.x0) * h / MAX (w, 1);
          if (y < diag_y - 3)
            above++;
          else if (y > diag_y + 3)
            below++;
        }
  g_assert_cmpuint (above, >, 4 * below);
  cairo_surface_destroy (s);

  /* a tooltip names the threshold of a point on the curve */
  {
    g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;
    gboolean found = FALSE;
    cairo_surface_t *again = render (SEG_CHART_ROC, sample_result, NULL, &style, W, H);
    for (int x = b.x0 + w / 4; x < b.x1 && !found; x += 7)
      for (int y = b.y0; y <= b.y1 && !found; y++)
        found = pixel (again, x, y) == curve &&
                hit_test (SEG_CHART_ROC, W, H, sample_result, NULL, &style, x, y, &hit) &&
                hit.index > 0;
    cairo_surface_destroy (again);
    g_assert_true (found);
    g_assert_nonnull (strstr (hit.tooltip, "True positive rate"));
    g_assert_nonnull (strstr (hit.tooltip, "Churn predicted at a probability"));
  }
}

static void
confusion_cells (double            threshold,
                 const SegChartParams *params,
                 gsize             cells[4])
{
  SegChartStyle style;

  seg_chart_style_init_light (&style);
  /* the four cells sit in a square in the middle of the plot area: scan */
  for (int k = 0; k < 4; k++)
    cells[k] = G_MAXSIZE;
  for (int y = 0; y < H; y += 50)
    for (int x = 0; x < W; x += 50)
      {
        g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;
        if (hit_test (SEG_CHART_CONFUSION, W, H, sample_result, params, &style, x, y, &hit) &&
            hit.index >= 0 && hit.index < 4 && cells[hit.index] == G_MAXSIZE)
          {
            const char *nl = strchr (hit.tooltip, '\n');
            g_assert_nonnull (nl);
            cells[hit.index] = (gsize) g_ascii_strtoull (nl + 1, NULL, 10);
          }
      }
  (void) threshold;
}

/* The cell counts in the tooltips are the model's test confusion matrix
 * at its own threshold, and seg_binary_metrics () at another one. */
static void
test_confusion (void)
{
  const SegChurn *churn = churn_of (sample_result);
  SegChartParams params;
  gsize cells[4];
  SegBinaryMetrics m;
  g_autofree guint8 *y = g_new0 (guint8, seg_churn_get_n_customers (churn));
  g_autofree gboolean *mask = g_new0 (gboolean, seg_churn_get_n_customers (churn));
  double before[4];
  double model_threshold = seg_churn_get_threshold (churn);

  seg_chart_params_init (&params);
  g_assert_true (isnan (params.threshold));
  confusion_cells (NAN, &params, cells);
  g_assert_cmpuint (cells[0], ==, seg_churn_get_test_metrics (churn)->tn);
  g_assert_cmpuint (cells[1], ==, seg_churn_get_test_metrics (churn)->fp);
  g_assert_cmpuint (cells[2], ==, seg_churn_get_test_metrics (churn)->fn);
  g_assert_cmpuint (cells[3], ==, seg_churn_get_test_metrics (churn)->tp);
  for (int k = 0; k < 4; k++)
    before[k] = (double) cells[k];

  /* a lower threshold predicts more churners: recomputed, result untouched */
  for (guint64 i = 0; i < seg_churn_get_n_customers (churn); i++)
    {
      mask[i] = seg_churn_get_held_out (churn)[i] && isfinite (seg_churn_get_probabilities (churn)[i]);
      y[i] = mask[i] && seg_churn_get_labels (churn)[i] > 0.5;
    }
  seg_binary_metrics (seg_churn_get_probabilities (churn), y, mask, seg_churn_get_n_customers (churn), 0.2, &m);
  params.threshold = 0.2;
  confusion_cells (0.2, &params, cells);
  g_assert_cmpuint (cells[0], ==, m.tn);
  g_assert_cmpuint (cells[1], ==, m.fp);
  g_assert_cmpuint (cells[2], ==, m.fn);
  g_assert_cmpuint (cells[3], ==, m.tp);
  g_assert_cmpuint (cells[3] + cells[1], >, before[3] + before[1]);
  g_assert_cmpuint (cells[0] + cells[1] + cells[2] + cells[3], ==, before[0] + before[1] + before[2] + before[3]);
  g_assert_cmpfloat (seg_churn_get_threshold (churn), ==, model_threshold);
  /* 0 is not a usable threshold: the model's is used */
  params.threshold = 0;
  confusion_cells (0, &params, cells);
  g_assert_cmpuint (cells[3], ==, seg_churn_get_test_metrics (churn)->tp);
}

/* The histogram's bars add up to the scored customers; the threshold line
 * moves with params->threshold. */
static void
test_hist (void)
{
  const SegChurn *churn = churn_of (sample_result);
  SegChartStyle style;
  SegChartParams params;
  cairo_surface_t *a, *b;
  gsize total = 0;
  guint differ = 0;
  int last = -1;

  seg_chart_style_init_light (&style);
  for (int x = 0; x < W; x += 10)   /* 20 bins of about 70 px */
    {
      g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;
      if (!hit_test (SEG_CHART_CHURN_HIST, W, H, sample_result, NULL, &style, x, H / 2, &hit) ||
          hit.kind != SEG_CHART_HIT_ITEM || hit.index == last)
        continue;
      last = hit.index;
      /* "20% – 25%\nStayed: 12\nChurned: 3" */
      {
        g_auto(GStrv) lines = g_strsplit (hit.tooltip, "\n", -1);
        g_assert_cmpuint (g_strv_length (lines), ==, 3);
        for (guint l = 1; l < 3; l++)
          total += (gsize) g_ascii_strtoull (strchr (lines[l], ':') + 2, NULL, 10);
      }
    }
  g_assert_cmpuint (total, ==, seg_churn_get_n_scored (churn));
  seg_chart_params_init (&params);
  a = render (SEG_CHART_CHURN_HIST, sample_result, &params, &style, 800, 500);
  params.threshold = 0.3;
  b = render (SEG_CHART_CHURN_HIST, sample_result, &params, &style, 800, 500);
  for (int y = 60; y < 500; y++)
    for (int x = 0; x < 800; x++)
      differ += pixel (a, x, y) != pixel (b, x, y);
  g_assert_cmpuint (differ, >, 200);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

/* One bar per feature, the strongest odds ratio first; tooltips say how the
 * odds change; the label feature is left out and said so in the subtitle. */
static void
test_odds_ratios (void)
{
  const SegChurn *churn = churn_of (sample_result);
  SegChartStyle style;
  guint best = 0, found = 0;
  g_autofree char *odds = NULL;

  g_assert_cmpuint (seg_churn_get_n_excluded (churn), >=, 1);
  g_assert_cmpstr (seg_churn_get_excluded (churn)[0], ==, "recency_days");
  for (guint j = 0; j < seg_churn_get_n_features (churn); j++)
    {
      g_assert_cmpstr (seg_churn_get_features (churn)[j], !=, "recency_days");
      if (seg_churn_get_odds_ratios (churn)[j] > seg_churn_get_odds_ratios (churn)[best])
        best = j;
    }
  odds = seg_format_fixed (seg_churn_get_odds_ratios (churn)[best], 2);
  seg_chart_style_init_light (&style);
  /* horizontal bars: the first one (top) is the largest odds ratio, drawn
   * in colour 1 (raises churn) */
  {
    cairo_surface_t *img = render (SEG_CHART_ODDS_RATIOS, sample_result, NULL, &style, W, H);
    ColourBox raise = find_colour (img, opaque (seg_chart_style_series_color (&style, 1)));
    ColourBox lower = find_colour (img, opaque (seg_chart_style_series_color (&style, 0)));
    g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;
    cairo_surface_destroy (img);
    g_assert_cmpuint (raise.count, >, 100);
    g_assert_cmpint (raise.y0, <, lower.y0);   /* above 1 first, below 1 after */
    g_assert_true (hit_test (SEG_CHART_ODDS_RATIOS, W, H, sample_result, NULL, &style,
                             raise.x0 + 4, raise.y0 + 4, &hit));
    g_assert_cmpint (hit.index, ==, 0);
    g_assert_nonnull (strstr (hit.tooltip, odds));
    g_assert_nonnull (strstr (hit.tooltip, "Odds of churning"));
    g_assert_cmpint (hit.group, ==, -1);   /* not segments */
    found++;
  }
  g_assert_cmpuint (found, ==, 1);
}

/* CLV bars are the per-segment average CLV; top customers are sorted. */
static void
test_clv (void)
{
  const SegClv *clv = seg_result_get_clv (sample_result);
  const SegBySegment *by = seg_clv_get_by (clv, "rules");
  SegChartStyle style;
  cairo_surface_t *s;
  guint best = 0;
  ColourBox b;

  g_assert_nonnull (clv);
  g_assert_true (clv->method == SEG_CLV_METHOD_BGNBD);
  for (guint k = 1; k < by->n_segments; k++)
    if (by->avg_clv[k] > by->avg_clv[best])
      best = k;
  seg_chart_style_init_light (&style);
  s = render (SEG_CHART_CLV_BY_SEGMENT, sample_result, NULL, &style, W, H);
  b = find_colour (s, opaque (seg_chart_style_series_color (&style, (int) best)));
  for (guint k = 0; k < by->n_segments; k++)
    if (k != best)
      {
        ColourBox o = find_colour (s, opaque (seg_chart_style_series_color (&style, (int) k)));
        g_assert_cmpint (o.y0, >, b.y0);
      }
  {
    g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;
    g_autofree char *avg = seg_format_compact (by->avg_clv[best]);
    g_assert_true (hit_test (SEG_CHART_CLV_BY_SEGMENT, W, H, sample_result, NULL, &style,
                             (b.x0 + b.x1) / 2.0, b.y1 - 2, &hit));
    g_assert_nonnull (strstr (hit.tooltip, "average CLV"));
    g_assert_nonnull (strstr (hit.tooltip, avg));
  }
  cairo_surface_destroy (s);

  /* the top row of the table is the customer with the highest CLV */
  {
    SegTable *t = seg_result_get_customers (sample_result);
    const SegColumn *ids = seg_table_find_column (t, "customer_id");
    guint64 top = 0;
    gboolean found = FALSE;
    for (guint64 i = 1; i < clv->n; i++)
      if (isfinite (clv->clv[i]) && clv->clv[i] > clv->clv[top])
        top = i;
    for (int y = 0; y < H && !found; y += 6)
      {
        g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;
        if (hit_test (SEG_CHART_TOP_CLV, W, H, sample_result, NULL, &style, 120, y, &hit) &&
            hit.kind == SEG_CHART_HIT_ITEM && hit.row == 0)
          {
            found = TRUE;
            g_assert_nonnull (strstr (hit.tooltip, ids->text[top]));
            g_assert_cmpint (hit.group, ==, (int) seg_result_get_rules (sample_result)->labels[top]);
          }
      }
    g_assert_true (found);
  }
}

/* The probability-alive matrix: more recent last purchases are more
 * likely alive (BG/NBD), and the tooltips count the customers. */
static void
test_p_alive (void)
{
  SegChartStyle style;
  double left = NAN, right = NAN;
  int row = -1;

  seg_chart_style_init_light (&style);
  for (int x = 0; x < W; x += 16)
    {
      g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;
      const char *model;
      if (!hit_test (SEG_CHART_P_ALIVE, W, H, sample_result, NULL, &style, x, H / 2, &hit) ||
          hit.kind != SEG_CHART_HIT_ITEM || hit.row < 0)
        continue;
      row = hit.row;
      model = strstr (hit.tooltip, "Model: ");
      g_assert_nonnull (model);
      if (isnan (left))
        left = g_ascii_strtod (model + 7, NULL);
      right = g_ascii_strtod (model + 7, NULL);
    }
  g_assert_cmpint (row, >=, 0);
  g_assert_cmpfloat (right, >, left);
}

/* The cohort heat map: a cell's tooltip gives the cohort, the share and the
 * count of seg_dataset_get_cohorts (); cells after the last month say nothing. */
static void
test_cohorts (void)
{
  const SegCohorts *c = seg_dataset_get_cohorts (seg_result_get_dataset (sample_result));
  SegChartStyle style;
  guint cells = 0, empty = 0;
  cairo_surface_t *s;
  g_autoptr(SegChartPrepared) prepared = NULL;

  g_assert_nonnull (c);
  g_assert_cmpuint (c->n_cohorts, >, 1);
  g_assert_true (seg_dashboard_available (SEG_CHART_COHORTS, sample_result, NULL, NULL));
  g_assert_cmpstr (seg_chart_kind_id (SEG_CHART_COHORTS), ==, "cohorts");
  seg_chart_style_init_light (&style);
  s = render (SEG_CHART_COHORTS, sample_result, NULL, &style, W, H);
  /* the first cohort's month 0 is 100 %: drawn at (beyond) the top of the scale */
  g_assert_cmpuint (count_not (s, opaque (style.background)), >, W * H / 10);
  cairo_surface_destroy (s);
  prepared = seg_dashboard_prepare (SEG_CHART_COHORTS, sample_result, NULL, &style);
  /* a 17 × 17 grid of points: cells of half the cohorts and the empty
   * corner; the 31 × 31 grid it replaces took 1.7 s of CPU (more under ASan)
   * and checked nothing more */
  for (int y = 0; y < H; y += H / 16)
    for (int x = 0; x < W; x += W / 16)
      {
        g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;
        g_autofree char *month = NULL;
        g_autofree char *count = NULL;
        guint row, col;

        if (!seg_chart_prepared_hit_test (prepared, W, H, x, y, &hit))
          {
            /* below and right of the diagonal: an empty cell, no tooltip */
            if (hit.kind == SEG_CHART_HIT_NONE && x > W / 2 && y > H * 3 / 4)
              empty++;
            continue;
          }
        g_assert_cmpint (hit.row, >=, 0);
        row = (guint) hit.row;
        col = (guint) hit.col;
        g_assert_cmpuint (row, <, c->n_cohorts);
        g_assert_cmpuint (col, <, seg_cohorts_n_offsets_of (c, row));
        month = seg_cohort_month_format (c->month[row]);
        g_assert_nonnull (strstr (hit.tooltip, month));
        count = seg_format_integer ((double) (col == 0 ? c->size[row] : c->active[row * c->n_offsets + col]));
        g_assert_nonnull (strstr (hit.tooltip, count));
        if (col > 0)
          {
            SegNumberFormat pct = SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_PERCENT);
            g_autofree char *share = NULL;

            pct.decimals = 1;
            share = seg_number_format (&pct, (double) c->active[row * c->n_offsets + col] / (double) c->size[row]);
            g_assert_nonnull (strstr (hit.tooltip, share));
          }
        cells++;
      }
  g_assert_cmpuint (cells, >, 0);
  g_assert_cmpuint (empty, >, 0);
}

/* ----------------------------------------------------- screenshots */

static void
shoot (const SegResult *r,
       const char      *dir,
       const char      *prefix)
{
  for (guint i = 0; i < G_N_ELEMENTS (churn_kinds); i++)
    for (int theme = 0; theme < 2; theme++)
      {
        SegChartStyle style;
        cairo_surface_t *s;
        g_autofree char *name = g_strdup_printf ("%s%s-%s.png", prefix, seg_chart_kind_id (churn_kinds[i]),
                                                 theme ? "dark" : "light");
        g_autofree char *path = g_build_filename (dir, name, NULL);

        seg_dashboard_export_style (&style, theme ? SEG_CHART_THEME_DARK : SEG_CHART_THEME_LIGHT, W, H);
        s = render (churn_kinds[i], r, NULL, &style, W, H);
        g_assert_cmpint (cairo_surface_write_to_png (s, path), ==, CAIRO_STATUS_SUCCESS);
        cairo_surface_destroy (s);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  const char *shots = g_getenv ("SEG_DASHBOARD_SHOTS");
  int ret;

  g_test_init (&argc, &argv, NULL);
  dir = sample_dir ();
  sample_result = run_fintech (dir, SEG_METHOD_ALL, 0);
  if (shots != NULL && *shots != '\0')
    {
      g_autofree char *shared = seg_test_shared_data ("fintech");
      shoot (sample_result, shots, "churn-sample-");
      if (shared != NULL)
        {
          /* churn needs a shorter window there: nobody is 180 days idle */
          g_autoptr(SegResult) r = run_fintech (shared, SEG_METHOD_ALL, 30);
          shoot (r, shots, "churn-shared-");
        }
    }

  g_test_add_func ("/dashboard-churn/catalogue", test_catalogue);
  g_test_add_func ("/dashboard-churn/render-all", test_render_all);
  g_test_add_func ("/dashboard-churn/unavailable", test_unavailable);
  g_test_add_func ("/dashboard-churn/churn-by-segment", test_churn_by_segment);
  g_test_add_func ("/dashboard-churn/roc", test_roc);
  g_test_add_func ("/dashboard-churn/confusion", test_confusion);
  g_test_add_func ("/dashboard-churn/hist", test_hist);
  g_test_add_func ("/dashboard-churn/odds-ratios", test_odds_ratios);
  g_test_add_func ("/dashboard-churn/clv", test_clv);
  g_test_add_func ("/dashboard-churn/p-alive", test_p_alive);
  g_test_add_func ("/dashboard-churn/cohorts", test_cohorts);
  ret = g_test_run ();
  seg_result_unref (sample_result);
  return ret;
}
