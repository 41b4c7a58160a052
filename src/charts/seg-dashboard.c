/* seg-dashboard.c — the chart catalogue: ids, availability, drawing, hits, export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each kind has a builder (seg-dashboard-segments.c, -clusters.c, -rfm.c,
 * -churn.c, -clv.c)
 * that turns the SegResult into the toolkit's input; this file runs the
 * builder, hands the data to the toolkit, and applies the finishing touches
 * the builder registered.  Nothing is cached here: a caller that draws or
 * hit-tests one chart many times keeps a SegChartPrepared (the built chart)
 * for as long as its result and parameters stay the same.
 */
#define G_LOG_DOMAIN "seg-dashboard"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "seg-dashboard-private.h"
#include "seg-error.h"

typedef gboolean (*DashBuildFunc) (DashChart *chart,
                                   char     **why);

static const struct
{
  const char   *id;
  const char   *title;
  DashBuildFunc build;
} kinds[SEG_N_CHARTS] = {
  [SEG_CHART_KPIS]            = { "kpis", N_("Key figures"), seg_dashboard_build_kpis },
  [SEG_CHART_SEGMENT_SIZES]   = { "segment-sizes", N_("Segment sizes"), seg_dashboard_build_segment_sizes },
  [SEG_CHART_SPEND_BY_SEGMENT]= { "spend-by-segment", N_("Spend by segment"), seg_dashboard_build_spend },
  [SEG_CHART_PCA_SCATTER]     = { "pca-scatter", N_("Customer map (PCA)"), seg_dashboard_build_pca },
  [SEG_CHART_BOX]             = { "box", N_("Distribution by segment"), seg_dashboard_build_box },
  [SEG_CHART_ELBOW]           = { "elbow", N_("Elbow: inertia by number of clusters"), seg_dashboard_build_elbow },
  [SEG_CHART_SILHOUETTE_K]    = { "silhouette-k", N_("Silhouette by number of clusters"), seg_dashboard_build_silhouette_k },
  [SEG_CHART_SILHOUETTE_PLOT] = { "silhouette-plot", N_("Silhouette plot"), seg_dashboard_build_silhouette_plot },
  [SEG_CHART_PROFILE_HEATMAP] = { "profile-heatmap", N_("Cluster profiles"), seg_dashboard_build_profile },
  [SEG_CHART_RFM_GRID]        = { "rfm-grid", N_("RFM grid"), seg_dashboard_build_rfm_grid },
  [SEG_CHART_RFM_SIZES]       = { "rfm-sizes", N_("RFM segments"), seg_dashboard_build_rfm_sizes },
  [SEG_CHART_SEGMENT_TABLE]   = { "segment-table", N_("Segment summary"), seg_dashboard_build_segment_table },
  [SEG_CHART_CHURN_BY_SEGMENT]= { "churn-by-segment", N_("Churn by segment"), seg_dashboard_build_churn_by_segment },
  [SEG_CHART_CHURN_HIST]      = { "churn-probability", N_("Churn probability"), seg_dashboard_build_churn_hist },
  [SEG_CHART_ROC]             = { "roc", N_("ROC curve of the churn model"), seg_dashboard_build_roc },
  [SEG_CHART_CONFUSION]       = { "confusion", N_("Confusion matrix"), seg_dashboard_build_confusion },
  [SEG_CHART_ODDS_RATIOS]     = { "odds-ratios", N_("What drives churn (odds ratios)"), seg_dashboard_build_odds_ratios },
  [SEG_CHART_CLV_BY_SEGMENT]  = { "clv-by-segment", N_("Average CLV by segment"), seg_dashboard_build_clv_by_segment },
  [SEG_CHART_TOP_CLV]         = { "top-clv", N_("Top customers by CLV"), seg_dashboard_build_top_clv },
  [SEG_CHART_P_ALIVE]         = { "p-alive", N_("Probability alive"), seg_dashboard_build_p_alive },
  [SEG_CHART_COHORTS]         = { "cohorts", N_("Cohort retention"), seg_dashboard_build_cohorts },
};

void
seg_chart_params_init (SegChartParams *params)
{
  g_return_if_fail (params != NULL);

  memset (params, 0, sizeof *params);
  params->threshold = NAN;
}

const char *
seg_chart_kind_id (SegChartKind kind)
{
  g_return_val_if_fail (kind < SEG_N_CHARTS, NULL);

  return kinds[kind].id;
}

const char *
seg_chart_kind_title (SegChartKind kind)
{
  g_return_val_if_fail (kind < SEG_N_CHARTS, NULL);

  return _(kinds[kind].title);
}

gboolean
seg_chart_kind_from_id (const char   *id,
                        SegChartKind *kind)
{
  g_return_val_if_fail (id != NULL, FALSE);

  for (guint k = 0; k < SEG_N_CHARTS; k++)
    if (g_ascii_strcasecmp (id, kinds[k].id) == 0)
      {
        if (kind != NULL)
          *kind = (SegChartKind) k;
        return TRUE;
      }
  return FALSE;
}

/* ------------------------------------------------------------ helpers */

gpointer
seg_dashboard_own (DashChart *chart,
                   gpointer   p)
{
  if (p != NULL)
    g_ptr_array_add (chart->owned, p);
  return p;
}

char *
seg_dashboard_own_printf (DashChart  *chart,
                          const char *format,
                          ...)
{
  va_list args;
  char *s;

  va_start (args, format);
  s = g_strdup_vprintf (format, args);
  va_end (args);
  return seg_dashboard_own (chart, s);
}

const char **
seg_dashboard_own_strv (DashChart *chart,
                        guint      n)
{
  return seg_dashboard_own (chart, g_new0 (const char *, n + 1));
}

SegNumberFormat
seg_dashboard_money_format (const SegChartParams *params)
{
  SegNumberFormat f = SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_COMPACT);

  if (params != NULL && params->currency != NULL && *params->currency != '\0')
    {
      f.kind = SEG_NUMBER_CURRENCY;
      f.symbol = params->currency;
    }
  return f;
}

SegNumberFormat
seg_dashboard_count_format (void)
{
  SegNumberFormat f = SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_INTEGER);
  return f;
}

char *
seg_dashboard_format_money (const SegChartParams *params,
                            double                v)
{
  SegNumberFormat f = seg_dashboard_money_format (params);
  return seg_number_format (&f, v);
}

char *
seg_dashboard_format_count (double v)
{
  return seg_format_integer (v);
}

gboolean
seg_dashboard_is_money_column (const char *name)
{
  static const char *const money[] = { "spent", "spend", "amount", "income", "balance",
                                       "revenue", "payments", "limit", "monetary", "clv", NULL };
  g_autofree char *lower = g_ascii_strdown (name, -1);

  if (strstr (lower, "frequency") != NULL || strstr (lower, "count") != NULL)
    return FALSE;
  for (guint i = 0; money[i]; i++)
    if (strstr (lower, money[i]) != NULL)
      return TRUE;
  return FALSE;
}

char *
seg_dashboard_pretty_column (const char *name)
{
  static const struct { const char *name, *label; } known[] = {
    { "total_spent", N_("Total spend") },
    { "avg_spent", N_("Average purchase") },
    { "txn_count", N_("Transactions") },
    { "recency_days", N_("Days since last purchase") },
    { "tenure_days", N_("Days since first purchase") },
    { "days_since_registration", N_("Days since registration") },
    { "days_since_login", N_("Days since last login") },
    /* the result's columns (customers.csv) */
    { "rule_segment", N_("Rule segment") },
    { "rfm_r", N_("R score") },
    { "rfm_f", N_("F score") },
    { "rfm_m", N_("M score") },
    { "rfm_segment", N_("RFM segment") },
    { "cluster", N_("Cluster") },
    { "cluster_name", N_("Persona") },
    { "silhouette", N_("Silhouette") },
    { "pc1", N_("PC1") },
    { "pc2", N_("PC2") },
    { "churn_label", N_("Churned (label)") },
    { "churn_probability", N_("Churn probability") },
    { "clv", N_("CLV") },
    { "p_alive", N_("Probability alive") },
    { "expected_purchases", N_("Expected purchases") },
  };
  g_autofree char *lower = g_ascii_strdown (name, -1);
  g_autofree char *upper = g_ascii_strup (name, -1);
  char *out;

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (name, known[i].name))
      return g_strdup (_(known[i].label));
  /* snake_case in lower or upper case (CC GENERAL's PURCHASES_FREQUENCY)
   * reads better as words; mixed-case names are kept */
  if (g_str_equal (upper, name) && !g_str_equal (lower, name) &&
      (strchr (name, '_') != NULL || strlen (name) > 3))
    name = lower;   /* BALANCE → Balance; short acronyms (ID, CLV) stay */
  else if (!g_str_equal (lower, name))
    return g_strdup (name);
  out = g_strdup (name);
  g_strdelimit (out, "_", ' ');
  out[0] = g_ascii_toupper (out[0]);
  return out;
}

char *
seg_dashboard_expression_label (const char *expr)
{
  static const char *const keywords[] = { "and", "or", "not", "true", "false", "null", "in", "is", NULL };
  GString *out;
  const char *p;
  double days;
  char *end = NULL;

  g_return_val_if_fail (expr != NULL, NULL);

  /* the default churn label, in words */
  if (g_str_has_prefix (expr, "recency_days > "))
    {
      days = g_ascii_strtod (expr + strlen ("recency_days > "), &end);
      if (end != NULL && *end == '\0' && isfinite (days))
        {
          g_autofree char *n = seg_format_fixed (days, days == floor (days) ? 0 : 1);
          return g_strdup_printf (_("no purchase for more than %s days"), n);
        }
    }
  out = g_string_new (NULL);
  for (p = expr; *p != '\0';)
    {
      if (*p == '"' || *p == '\'' || *p == '`')
        {
          /* quoted text or names are copied as they are */
          const char *q = strchr (p + 1, *p);
          gsize len = q != NULL ? (gsize) (q - p) + 1 : strlen (p);
          g_string_append_len (out, p, (gssize) len);
          p += len;
        }
      else if (g_ascii_isalpha (*p) || *p == '_')
        {
          const char *q = p;
          g_autofree char *word = NULL;

          while (g_ascii_isalnum (*q) || *q == '_')
            q++;
          word = g_strndup (p, (gsize) (q - p));
          /* only column-like words: snake_case names */
          if (g_strv_contains (keywords, word) || strchr (word, '_') == NULL)
            g_string_append (out, word);
          else
            {
              g_autofree char *label = seg_dashboard_pretty_column (word);
              g_string_append (out, label);
            }
          p = q;
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

const char *
seg_dashboard_clv_method_label (int method)
{
  switch (method)
    {
    case SEG_CLV_METHOD_BGNBD: return _("BG/NBD");
    case SEG_CLV_METHOD_FORMULA: return _("your formula");
    case SEG_CLV_METHOD_RFM_PROXY: return _("RFM proxy");
    case SEG_CLV_METHOD_HISTORICAL: return _("historical spend");
    default: return _("automatic choice");
    }
}

const char *
seg_dashboard_segmentation_label (const char *method)
{
  if (g_strcmp0 (method, "rfm") == 0)
    return _("RFM segments");
  if (g_strcmp0 (method, "kmeans") == 0)
    return _("k-means clusters");
  return _("Rule segments");
}

static const char *
method_title (const char *method)
{
  if (g_strcmp0 (method, "rfm") == 0)
    return _("RFM");
  if (g_strcmp0 (method, "kmeans") == 0)
    return _("k-means");
  if (g_strcmp0 (method, "pca") == 0)
    return _("PCA");
  if (g_strcmp0 (method, "churn") == 0)
    return _("The churn model");
  if (g_strcmp0 (method, "clv") == 0)
    return _("Customer lifetime value");
  return _("Rule segmentation");
}

char *
seg_dashboard_not_run_reason (const SegResult *result,
                              const char      *method)
{
  GPtrArray *skipped = seg_result_get_skipped (result);

  for (guint i = 0; skipped != NULL && i < skipped->len; i++)
    {
      const SegSkipped *s = g_ptr_array_index (skipped, i);
      if (g_strcmp0 (s->method, method) == 0 && s->reason != NULL)
        return g_strdup_printf (_("%s did not run: %s"), method_title (method), s->reason);
    }
  return g_strdup_printf (_("%s did not run"), method_title (method));
}

const SegColumn *
seg_dashboard_numeric_column (const SegResult *result,
                              const char      *name)
{
  SegTable *t = seg_result_get_customers (result);
  const SegColumn *col = t != NULL && name != NULL ? seg_table_find_column (t, name) : NULL;

  if (col == NULL || col->num == NULL || col->type == SEG_COLUMN_DATE)
    return NULL;
  return col;
}

int
seg_dashboard_find_numeric (const SegResult *result,
                            gboolean       (*match) (const char *name))
{
  for (guint j = 0; j < seg_result_get_n_numeric (result); j++)
    if (match (seg_result_get_numeric_name (result, j)))
      return (int) j;
  return -1;
}

int
seg_dashboard_group_of_label (guint label)
{
  return label == G_MAXUINT || label > G_MAXINT ? -1 : (int) label;
}

/* ------------------------------------------------- heat map geometry */

/* The layout seg-chart-heatmap.c makes, from the public frame helpers. */
static void
estimate_heat_geometry (const SegHeatData   *data,
                        const SegChartStyle *style,
                        double               width,
                        double               height,
                        DashHeatGeom        *geom)
{
  SegChartFrame frame = { data->title, data->subtitle, data->x_label, data->y_label, 0, NULL, NULL, 0 };
  SegChartLayout lay;
  SegCategoryFit fit;
  double label_w = 0, key_w;

  seg_chart_layout_frame (&lay, &frame, style, width, height);
  for (guint r = 0; r < data->n_rows && data->row_labels != NULL; r++)
    label_w = MAX (label_w, seg_chart_text_width (style, SEG_TEXT_BODY, data->row_labels[r]));
  label_w = MIN (label_w, lay.inner.width * 0.3);
  key_w = lay.inner.width > seg_chart_style_px (style, 360) ? seg_chart_style_px (style, 64) : 0;
  lay.inner.width -= key_w;
  seg_chart_layout_plot_with_categories (&lay, style, data->col_labels, data->n_cols,
                                         label_w + seg_chart_frame_tick_gap (style), &fit);
  geom->x = lay.plot.x;
  geom->y = lay.plot.y;
  geom->cell_w = lay.plot.width / MAX (data->n_cols, 1u);
  geom->cell_h = lay.plot.height / MAX (data->n_rows, 1u);
}

/* The estimate picks two cells; the toolkit's own hit-test then gives
 * their exact centres, so overlays follow the toolkit even if its layout
 * changes a little. */
gboolean
seg_dashboard_heat_geometry (const SegHeatData   *data,
                             const SegChartStyle *style,
                             double               width,
                             double               height,
                             DashHeatGeom        *geom)
{
  g_auto(SegChartHit) a = SEG_CHART_HIT_INIT;
  g_auto(SegChartHit) b = SEG_CHART_HIT_INIT;
  guint nr = data->n_rows, nc = data->n_cols;

  if (nr == 0 || nc == 0)
    return FALSE;
  estimate_heat_geometry (data, style, width, height, geom);
  if (!seg_chart_heatmap_hit (width, height, data, style, geom->x + geom->cell_w / 2,
                              geom->y + geom->cell_h / 2, &a) ||
      !seg_chart_heatmap_hit (width, height, data, style, geom->x + (nc - 0.5) * geom->cell_w,
                              geom->y + (nr - 0.5) * geom->cell_h, &b))
    return FALSE;
  if (a.row != 0 || a.col != 0 || b.row != (int) nr - 1 || b.col != (int) nc - 1)
    return FALSE;
  if (nc > 1)
    geom->cell_w = (b.x - a.x) / (nc - 1);
  if (nr > 1)
    geom->cell_h = (b.y - a.y) / (nr - 1);
  geom->x = a.x - geom->cell_w / 2;
  geom->y = a.y - geom->cell_h / 2;
  return geom->cell_w > 0 && geom->cell_h > 0;
}

/* ---------------------------------------------------------- the chart */

const SegSegmentation *
seg_dashboard_colour_segmentation (const SegResult      *result,
                                   const SegChartParams *params,
                                   const char          **method)
{
  static const char *const order[] = { "rules", "rfm", "kmeans" };
  const char *m = params != NULL ? params->colour_by : NULL;
  const SegSegmentation *seg = NULL;

  g_return_val_if_fail (result != NULL, NULL);

  if (m != NULL)
    seg = seg_result_get_segmentation (result, m);
  else
    for (guint i = 0; i < G_N_ELEMENTS (order) && seg == NULL; i++)
      {
        m = order[i];
        seg = seg_result_get_segmentation (result, m);
      }
  if (seg == NULL && params != NULL && params->colour_by == NULL)
    m = order[0];
  if (method != NULL)
    *method = m;
  return seg;
}

static void
dash_chart_clear (DashChart *c)
{
  if (c->extra_free != NULL && c->extra != NULL)
    c->extra_free (c->extra);
  g_free (c->kpis);
  g_free (c->title);
  g_free (c->subtitle);
  g_free (c->why);
  g_clear_pointer (&c->owned, g_ptr_array_unref);
}

/* Builds @kind; FALSE (and @c ready to draw the reason) when unavailable. */
static gboolean
dash_chart_init (DashChart            *c,
                 SegChartKind          kind,
                 const SegResult      *result,
                 const SegChartParams *params,
                 const SegChartStyle  *style)
{
  memset (c, 0, sizeof *c);
  c->kind = kind;
  c->result = result;
  if (params != NULL)
    c->params_store = *params;
  c->params = &c->params_store;
  if (style != NULL)
    c->style = *style;
  else
    seg_chart_style_init_light (&c->style);
  c->owned = g_ptr_array_new_with_free_func (g_free);
  c->seg = seg_dashboard_colour_segmentation (result, c->params, &c->colour_by);
  if (c->colour_by == NULL)
    c->colour_by = "rules";
  if (!kinds[kind].build (c, &c->why))
    {
      c->toolkit = DASH_TK_NONE;
      c->linked = FALSE;
      g_free (c->title);
      c->title = g_strdup (seg_chart_kind_title (kind));
      if (c->why == NULL)
        c->why = g_strdup (_("Not available for this data"));
    }
  /* Groups that are not colour_by's segments must not fade with its highlight. */
  if (!c->linked)
    c->style.highlight_group = -1;
  return c->toolkit != DASH_TK_NONE;
}

static void
draw_unavailable (DashChart *c,
                  cairo_t   *cr,
                  double     width,
                  double     height)
{
  SegChartFrame frame = { c->title, NULL, NULL, NULL, 0, NULL, NULL, 0 };
  SegChartLayout lay;

  seg_chart_layout_frame (&lay, &frame, &c->style, width, height);
  seg_chart_frame_draw (cr, &lay, &frame, &c->style);
  seg_chart_frame_draw_empty (cr, &lay, &c->style, c->why);
}

/* ------------------------------------------------------ prepared charts */

struct _SegChartPrepared
{
  DashChart      chart;
  SegChartStyle  style;       /* as built, before any fit */
  SegResult     *result;      /* a reference */
  char          *colour_by;   /* the params' strings, owned */
  char          *feature;
  char          *currency;
};

SegChartPrepared *
seg_dashboard_prepare (SegChartKind          kind,
                       const SegResult      *result,
                       const SegChartParams *params,
                       const SegChartStyle  *style)
{
  SegChartPrepared *p;
  SegChartParams own;

  g_return_val_if_fail (kind < SEG_N_CHARTS, NULL);
  g_return_val_if_fail (result != NULL, NULL);

  p = g_new0 (SegChartPrepared, 1);
  p->result = seg_result_ref ((SegResult *) result);
  if (params != NULL)
    own = *params;
  else
    seg_chart_params_init (&own);
  /* the chart keeps pointers into its params: they must live as long */
  own.colour_by = p->colour_by = g_strdup (own.colour_by);
  own.feature = p->feature = g_strdup (own.feature);
  own.currency = p->currency = g_strdup (own.currency);
  dash_chart_init (&p->chart, kind, p->result, &own, style);
  p->style = p->chart.style;
  return p;
}

void
seg_chart_prepared_free (SegChartPrepared *p)
{
  if (p == NULL)
    return;
  dash_chart_clear (&p->chart);
  seg_result_unref (p->result);
  g_free (p->colour_by);
  g_free (p->feature);
  g_free (p->currency);
  g_free (p);
}

SegChartKind
seg_chart_prepared_get_kind (const SegChartPrepared *p)
{
  g_return_val_if_fail (p != NULL, SEG_CHART_KPIS);
  return p->chart.kind;
}

gboolean
seg_chart_prepared_available (const SegChartPrepared  *p,
                              const char             **why)
{
  g_return_val_if_fail (p != NULL, FALSE);

  if (why != NULL)
    *why = p->chart.toolkit == DASH_TK_NONE ? p->chart.why : NULL;
  return p->chart.toolkit != DASH_TK_NONE;
}

/* Fits change the style (tables grow their type), so each size starts
 * again from the style as built. */
static void
prepared_fit (SegChartPrepared *p,
              double            width,
              double            height)
{
  p->chart.style = p->style;
  if (p->chart.fit != NULL && p->chart.toolkit != DASH_TK_NONE)
    p->chart.fit (&p->chart, width, height);
}

void
seg_chart_prepared_render (SegChartPrepared *p,
                           cairo_t          *cr,
                           double            width,
                           double            height)
{
  DashChart *c;
  const SegChartStyle *st;

  g_return_if_fail (p != NULL && cr != NULL);

  c = &p->chart;
  prepared_fit (p, width, height);
  st = &c->style;
  cairo_save (cr);
  switch (c->toolkit)
    {
    case DASH_TK_NONE: draw_unavailable (c, cr, width, height); break;
    case DASH_TK_KPIS: seg_dashboard_draw_kpis (c, cr, width, height); break;
    case DASH_TK_BARS: seg_chart_bars_draw (cr, width, height, &c->u.bars, st); break;
    case DASH_TK_SCATTER: seg_chart_scatter_draw (cr, width, height, &c->u.scatter, st); break;
    case DASH_TK_BOX: seg_chart_box_draw (cr, width, height, &c->u.box, st); break;
    case DASH_TK_LINE: seg_chart_line_draw (cr, width, height, &c->u.line, st); break;
    case DASH_TK_HEAT: seg_chart_heatmap_draw (cr, width, height, &c->u.heat, st); break;
    case DASH_TK_SILHOUETTE: seg_chart_silhouette_draw (cr, width, height, &c->u.silhouette, st); break;
    case DASH_TK_TABLE: seg_chart_table_draw (cr, width, height, &c->u.table, st); break;
    case DASH_TK_HIST: seg_chart_hist_draw (cr, width, height, &c->u.hist, st); break;
    case DASH_TK_ROC: seg_chart_roc_draw (cr, width, height, &c->u.roc, st); break;
    case DASH_TK_CONFUSION: seg_chart_confusion_draw (cr, width, height, &c->u.confusion, st); break;
    default: g_assert_not_reached ();
    }
  if (c->overlay != NULL && c->toolkit != DASH_TK_NONE)
    c->overlay (c, cr, width, height);
  cairo_restore (cr);
}

static gboolean
toolkit_hit (DashChart   *c,
             double       w,
             double       h,
             double       x,
             double       y,
             SegChartHit *hit)
{
  const SegChartStyle *st = &c->style;

  switch (c->toolkit)
    {
    case DASH_TK_KPIS: return seg_dashboard_hit_kpis (c, w, h, x, y, hit);
    case DASH_TK_BARS: return seg_chart_bars_hit (w, h, &c->u.bars, st, x, y, hit);
    case DASH_TK_SCATTER: return seg_chart_scatter_hit (w, h, &c->u.scatter, st, x, y, hit);
    case DASH_TK_BOX: return seg_chart_box_hit (w, h, &c->u.box, st, x, y, hit);
    case DASH_TK_LINE: return seg_chart_line_hit (w, h, &c->u.line, st, x, y, hit);
    case DASH_TK_HEAT: return seg_chart_heatmap_hit (w, h, &c->u.heat, st, x, y, hit);
    case DASH_TK_SILHOUETTE: return seg_chart_silhouette_hit (w, h, &c->u.silhouette, st, x, y, hit);
    case DASH_TK_TABLE: return seg_chart_table_hit (w, h, &c->u.table, st, x, y, hit);
    case DASH_TK_HIST: return seg_chart_hist_hit (w, h, &c->u.hist, st, x, y, hit);
    case DASH_TK_ROC: return seg_chart_roc_hit (w, h, &c->u.roc, st, x, y, hit);
    case DASH_TK_CONFUSION: return seg_chart_confusion_hit (w, h, &c->u.confusion, st, x, y, hit);
    case DASH_TK_NONE:
    default:
      return FALSE;
    }
}

gboolean
seg_chart_prepared_hit_test (SegChartPrepared *p,
                             double            width,
                             double            height,
                             double            x,
                             double            y,
                             SegChartHit      *hit)
{
  DashChart *c;

  g_return_val_if_fail (p != NULL && hit != NULL, FALSE);

  c = &p->chart;
  seg_chart_hit_clear (hit);
  prepared_fit (p, width, height);
  if (!toolkit_hit (c, width, height, x, y, hit))
    {
      seg_chart_hit_clear (hit);
      return FALSE;
    }
  if (c->hit != NULL)
    c->hit (c, width, height, hit);
  if (!c->linked)
    hit->group = -1;
  return hit->kind != SEG_CHART_HIT_NONE;
}

/* ------------------------------------------------ keyboard and words */

static gboolean
toolkit_item (DashChart   *c,
              double       w,
              double       h,
              guint        i,
              SegChartHit *hit)
{
  const SegChartStyle *st = &c->style;

  switch (c->toolkit)
    {
    case DASH_TK_KPIS: return seg_dashboard_item_kpis (c, w, h, i, hit);
    case DASH_TK_BARS: return seg_chart_bars_item (w, h, &c->u.bars, st, i, hit);
    case DASH_TK_SCATTER: return seg_chart_scatter_item (w, h, &c->u.scatter, st, i, hit);
    case DASH_TK_BOX: return seg_chart_box_item (w, h, &c->u.box, st, i, hit);
    case DASH_TK_LINE: return seg_chart_line_item (w, h, &c->u.line, st, i, hit);
    case DASH_TK_HEAT: return seg_chart_heatmap_item (w, h, &c->u.heat, st, i, hit);
    case DASH_TK_SILHOUETTE: return seg_chart_silhouette_item (w, h, &c->u.silhouette, st, i, hit);
    case DASH_TK_TABLE: return seg_chart_table_item (w, h, &c->u.table, st, i, hit);
    case DASH_TK_HIST: return seg_chart_hist_item (w, h, &c->u.hist, st, i, hit);
    case DASH_TK_ROC: return seg_chart_roc_item (w, h, &c->u.roc, st, i, hit);
    case DASH_TK_CONFUSION: return seg_chart_confusion_item (w, h, &c->u.confusion, st, i, hit);
    case DASH_TK_NONE:
    default:
      return FALSE;
    }
}

gboolean
seg_chart_prepared_item (SegChartPrepared *p,
                         double            width,
                         double            height,
                         guint             index,
                         SegChartHit      *hit)
{
  DashChart *c;

  g_return_val_if_fail (p != NULL && hit != NULL, FALSE);

  c = &p->chart;
  seg_chart_hit_clear (hit);
  prepared_fit (p, width, height);
  if (!toolkit_item (c, width, height, index, hit))
    {
      seg_chart_hit_clear (hit);
      return FALSE;
    }
  if (hit->kind == SEG_CHART_HIT_NONE)
    {
      seg_chart_hit_clear (hit);
      return TRUE;
    }
  if (c->hit != NULL)
    {
      SegRect area = hit->area;
      c->hit (c, width, height, hit);
      hit->area = area;
    }
  if (!c->linked)
    hit->group = -1;
  return TRUE;
}

guint
seg_chart_prepared_item_columns (const SegChartPrepared *p)
{
  g_return_val_if_fail (p != NULL, 1);

  switch (p->chart.toolkit)
    {
    case DASH_TK_HEAT: return MAX (p->chart.u.heat.n_cols, 1u);
    case DASH_TK_CONFUSION: return 2;
    default: return 1;
    }
}

/* The title every toolkit struct starts with. */
static const char *
toolkit_title (const DashChart *c,
               const char     **subtitle)
{
  *subtitle = c->subtitle;
  switch (c->toolkit)
    {
    case DASH_TK_BARS: *subtitle = c->u.bars.subtitle; return c->u.bars.title;
    case DASH_TK_SCATTER: *subtitle = c->u.scatter.subtitle; return c->u.scatter.title;
    case DASH_TK_BOX: *subtitle = c->u.box.subtitle; return c->u.box.title;
    case DASH_TK_LINE: *subtitle = c->u.line.subtitle; return c->u.line.title;
    case DASH_TK_HEAT: *subtitle = c->u.heat.subtitle; return c->u.heat.title;
    case DASH_TK_SILHOUETTE: *subtitle = c->u.silhouette.subtitle; return c->u.silhouette.title;
    case DASH_TK_TABLE: *subtitle = c->u.table.subtitle; return c->u.table.title;
    case DASH_TK_HIST: *subtitle = c->u.hist.subtitle; return c->u.hist.title;
    case DASH_TK_ROC: *subtitle = c->u.roc.subtitle; return c->u.roc.title;
    case DASH_TK_CONFUSION: *subtitle = c->u.confusion.subtitle; return c->u.confusion.title;
    case DASH_TK_KPIS:
    case DASH_TK_NONE:
    default:
      return c->title;
    }
}

char *
seg_chart_prepared_dup_title (const SegChartPrepared *p)
{
  const char *subtitle, *title;

  g_return_val_if_fail (p != NULL, NULL);

  title = toolkit_title (&p->chart, &subtitle);
  return g_strdup (title != NULL && *title ? title : seg_chart_kind_title (p->chart.kind));
}

/* A tooltip on one line: "Power User\nCustomers: 79" → "Power User, Customers: 79". */
static void
append_one_line (GString    *out,
                 const char *text)
{
  for (const char *t = text; t != NULL && *t; t++)
    {
      if (*t == '\n')
        g_string_append (out, ", ");
      else
        g_string_append_c (out, *t);
    }
}

#define DESCRIBE_MAX_ITEMS 12

char *
seg_chart_prepared_describe (SegChartPrepared *p,
                             double            width,
                             double            height)
{
  DashChart *c;
  const char *subtitle = NULL, *title;
  GString *out;
  guint listed = 0, more = 0;

  g_return_val_if_fail (p != NULL, NULL);

  c = &p->chart;
  title = toolkit_title (c, &subtitle);
  out = g_string_new (title != NULL && *title ? title : seg_chart_kind_title (c->kind));
  if (c->toolkit == DASH_TK_NONE)
    {
      g_string_append (out, ": ");
      g_string_append (out, c->why);
      return g_string_free (out, FALSE);
    }
  if (subtitle != NULL && *subtitle)
    g_string_append_printf (out, " (%s)", subtitle);
  g_string_append (out, ": ");
  if (c->toolkit == DASH_TK_BARS)
    {
      /* "Segment sizes: Power User 79, Others 65, …" */
      const SegBarData *b = &c->u.bars;
      for (guint i = 0; i < b->n; i++)
        {
          g_autofree char *v = isfinite (b->values[i]) ? seg_number_format (&b->format, b->values[i])
                                                      : g_strdup (_("no value"));
          if (listed == DESCRIBE_MAX_ITEMS)
            {
              more = b->n - i;
              break;
            }
          g_string_append_printf (out, "%s%s %s", listed ? ", " : "", b->categories ? b->categories[i] : "", v);
          listed++;
        }
    }
  else if (c->toolkit == DASH_TK_KPIS)
    for (guint i = 0; i < c->n_kpis; i++)
      {
        g_autofree char *v = seg_number_format (&c->kpis[i].format, c->kpis[i].value);
        g_string_append_printf (out, "%s%s %s", i ? ", " : "", c->kpis[i].label, v);
        listed++;
      }
  else
    {
      if (c->toolkit == DASH_TK_SCATTER)
        {
          g_autofree char *n = seg_dashboard_format_count ((double) c->u.scatter.n);
          /* Translators: the start of a chart's description for screen readers */
          g_string_append_printf (out, _("%s customers; "), n);
        }
      for (guint i = 0;; i++)
        {
          g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;
          if (!seg_chart_prepared_item (p, width, height, i, &hit))
            break;
          if (hit.tooltip == NULL)
            continue;
          if (listed == DESCRIBE_MAX_ITEMS)
            {
              /* the rest is there for the keyboard */
              more = G_MAXUINT;
              break;
            }
          if (listed)
            g_string_append (out, "; ");
          append_one_line (out, hit.tooltip);
          listed++;
        }
    }
  if (more == G_MAXUINT)
    /* Translators: after a list of chart items read to screen readers */
    g_string_append (out, _("; and more"));
  else if (more > 0)
    /* Translators: after a list of chart items read to screen readers */
    g_string_append_printf (out, ngettext ("; and %u more", "; and %u more", more), more);
  if (listed == 0 && c->toolkit != DASH_TK_SCATTER)
    g_string_append (out, _("nothing to show"));
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------ one-shot drawing */

gboolean
seg_dashboard_available (SegChartKind           kind,
                         const SegResult       *result,
                         const SegChartParams  *params,
                         char                 **why)
{
  g_autoptr(SegChartPrepared) p = NULL;
  const char *reason = NULL;
  gboolean ok;

  g_return_val_if_fail (kind < SEG_N_CHARTS, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  p = seg_dashboard_prepare (kind, result, params, NULL);
  ok = seg_chart_prepared_available (p, &reason);
  if (why != NULL)
    *why = ok ? NULL : g_strdup (reason);
  return ok;
}

void
seg_dashboard_render (SegChartKind           kind,
                      cairo_t               *cr,
                      double                 width,
                      double                 height,
                      const SegResult       *result,
                      const SegChartParams  *params,
                      const SegChartStyle   *style)
{
  g_autoptr(SegChartPrepared) p = NULL;

  g_return_if_fail (kind < SEG_N_CHARTS);
  g_return_if_fail (cr != NULL && result != NULL && style != NULL);

  p = seg_dashboard_prepare (kind, result, params, style);
  seg_chart_prepared_render (p, cr, width, height);
}

/* ------------------------------------------------------------- export */

void
seg_dashboard_export_style (SegChartStyle *style,
                            SegChartTheme  theme,
                            double         width,
                            double         height)
{
  g_return_if_fail (style != NULL);

  seg_chart_style_init (style, theme);
  /* 1000 × 625 is the size charts are designed at; larger exports scale up. */
  style->scale = CLAMP (MIN (width / 1000.0, height / 625.0), 1.0, 4.0);
}

typedef struct
{
  SegChartKind          kind;
  const SegResult      *result;
  const SegChartParams *params;
  const SegChartStyle  *style;
} ExportJob;

static void
export_draw (cairo_t  *cr,
             double    width,
             double    height,
             gpointer  user_data)
{
  const ExportJob *job = user_data;

  seg_dashboard_render (job->kind, cr, width, height, job->result, job->params, job->style);
}

gboolean
seg_dashboard_export (SegChartKind          kind,
                      const SegResult      *result,
                      const SegChartParams *params,
                      const SegChartStyle  *style,
                      const char           *path,
                      int                   width,
                      int                   height,
                      GError              **error)
{
  SegChartStyle own;
  SegChartFormat format;
  ExportJob job = { kind, result, params, style };

  g_return_val_if_fail (kind < SEG_N_CHARTS, FALSE);
  g_return_val_if_fail (result != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!seg_chart_format_from_path (path, &format))
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE,
                   _("“%s”: charts can be saved as .png, .svg or .pdf"), path);
      return FALSE;
    }
  if (style == NULL)
    {
      seg_dashboard_export_style (&own, SEG_CHART_THEME_LIGHT, width, height);
      job.style = &own;
    }
  return seg_chart_export (path, format, width, height, export_draw, &job, error);
}

gboolean
seg_dashboard_publish_all (const SegResult      *result,
                           const SegChartParams *params,
                           SegPublish           *pub,
                           const char           *folder,
                           const char           *format,
                           int                   width,
                           int                   height,
                           GError              **error)
{
  SegChartFormat fmt;
  SegChartStyle style;

  g_return_val_if_fail (result != NULL && pub != NULL && format != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!seg_chart_format_from_string (format, &fmt))
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE,
                   _("Unknown chart format “%s”: use png, svg or pdf"), format);
      return FALSE;
    }
  seg_dashboard_export_style (&style, SEG_CHART_THEME_LIGHT, width, height);
  for (guint k = 0; k < SEG_N_CHARTS; k++)
    {
      g_autofree char *base = NULL;
      g_autofree char *name = NULL;
      ExportJob job = { (SegChartKind) k, result, params, &style };

      if (!seg_dashboard_available ((SegChartKind) k, result, params, NULL))
        continue;
      base = g_strdup_printf ("%s.%s", kinds[k].id, seg_chart_format_to_string (fmt));
      name = folder != NULL ? g_build_filename (folder, base, NULL) : g_steal_pointer (&base);
      if (!seg_chart_export_publish (pub, name, fmt, width, height, export_draw, &job, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
seg_dashboard_export_all (const SegResult      *result,
                          const SegChartParams *params,
                          const char           *dir,
                          const char           *format,
                          int                   width,
                          int                   height,
                          GPtrArray            *written,
                          GError              **error)
{
  g_autoptr(SegPublish) pub = NULL;
  GPtrArray *paths;

  g_return_val_if_fail (result != NULL && dir != NULL && format != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pub = seg_publish_new (dir);
  if (!seg_dashboard_publish_all (result, params, pub, NULL, format, width, height, error) ||
      !seg_publish_commit (pub, error))
    return FALSE;
  paths = seg_publish_get_paths (pub);
  for (guint i = 0; written != NULL && i < paths->len; i++)
    g_ptr_array_add (written, g_strdup (g_ptr_array_index (paths, i)));
  return TRUE;
}

char *
seg_dashboard_column_label (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);
  return seg_dashboard_pretty_column (name);
}
