/* seg-dashboard-segments.c — KPI cards, segment sizes, spend, box plot, table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The charts about the segmentation chosen in "Colour by": their colour
 * groups are its segment indices, so they take part in linked highlighting.
 */
#define G_LOG_DOMAIN "seg-dashboard"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-dashboard-private.h"

/* "Active" customers bought within this many days of the as-of date. */
#define ACTIVE_DAYS 90

/* -------------------------------------------------------------- KPIs */

/* Churn rate and average CLV come from the churn and CLV methods when
 * they ran; otherwise the cards show "–" with a note saying why. */
static double
kpi_churn_rate (const SegResult  *result,
                const char      **note)
{
  const SegChurn *churn = seg_result_get_churn (result);

  if (churn == NULL)
    {
      *note = _("shown once the churn model has run");
      return NAN;
    }
  *note = _("customers with purchases labelled churned");
  return seg_churn_get_rate (churn);
}

static double
kpi_average_clv (const SegResult  *result,
                 const char      **note)
{
  const SegClv *clv = seg_result_get_clv (result);

  if (clv == NULL)
    {
      *note = _("shown once a CLV method has run");
      return NAN;
    }
  *note = _("mean customer lifetime value");
  return clv->mean;
}

static double
column_sum (const SegColumn *col,
            guint64          n)
{
  double sum = 0;

  for (guint64 i = 0; i < n; i++)
    if (isfinite (col->num[i]))
      sum += col->num[i];
  return sum;
}

/* Customers who bought in the last ACTIVE_DAYS days among those who bought. */
static double
active_share (const SegResult *result)
{
  const SegColumn *rec = seg_dashboard_numeric_column (result, "recency_days");
  guint64 n = seg_table_get_n_rows (seg_result_get_customers (result)), bought = 0, active = 0;

  if (rec == NULL)
    return NAN;
  for (guint64 i = 0; i < n; i++)
    if (isfinite (rec->num[i]))
      {
        bought++;
        active += rec->num[i] <= ACTIVE_DAYS;
      }
  return bought > 0 ? (double) active / (double) bought : NAN;
}

static SegKpi
kpi_make (const char      *label,
          double           value,
          SegNumberFormat  format,
          const char      *caption)
{
  SegKpi k = { label, value, format, NAN, SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_PLAIN),
               FALSE, caption };
  return k;
}

guint
seg_dashboard_get_kpis (const SegResult      *result,
                        const SegChartParams *params,
                        SegKpi               *kpis)
{
  SegTable *t;
  const SegColumn *spent;
  SegNumberFormat money = seg_dashboard_money_format (params);
  SegNumberFormat pct = SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_PERCENT);
  const char *churn_note, *clv_note;
  double n, revenue, churn, clv;

  g_return_val_if_fail (result != NULL && kpis != NULL, 0);

  t = seg_result_get_customers (result);
  spent = seg_dashboard_numeric_column (result, "total_spent");
  n = (double) seg_table_get_n_rows (t);
  revenue = spent != NULL ? column_sum (spent, (guint64) n) : NAN;
  churn = kpi_churn_rate (result, &churn_note);
  clv = kpi_average_clv (result, &clv_note);
  pct.decimals = 1;
  kpis[0] = kpi_make (_("Customers"), n, seg_dashboard_count_format (), _("in the customer table"));
  kpis[1] = kpi_make (_("Revenue"), revenue, money,
                      spent ? _("total spend of all customers") : _("needs a transaction log"));
  kpis[2] = kpi_make (_("Average spend"), n > 0 ? revenue / n : NAN, money, _("revenue per customer"));
  /* the share counts buyers only, and says so in its name */
  kpis[3] = kpi_make (_("Active buyers"), active_share (result), pct,
                      _("bought in the last 90 days"));
  kpis[4] = kpi_make (_("Churn rate"), churn, pct, churn_note);
  kpis[4].lower_is_better = TRUE;
  kpis[5] = kpi_make (_("Average CLV"), clv, money, clv_note);
  return SEG_DASHBOARD_N_KPIS;
}

static char *
as_of_text (const SegResult *result)
{
  SegDataset *ds = seg_result_get_dataset (result);
  double as_of = ds != NULL ? seg_dataset_get_as_of (ds) : NAN;

  return isfinite (as_of) ? seg_format_date (as_of, TRUE) : NULL;
}

gboolean
seg_dashboard_build_kpis (DashChart *c,
                          char     **why)
{
  g_autofree char *as_of = as_of_text (c->result);
  g_autofree char *n = NULL;

  (void) why;
  c->toolkit = DASH_TK_KPIS;
  c->kpis = g_new0 (SegKpi, SEG_DASHBOARD_N_KPIS);
  c->n_kpis = seg_dashboard_get_kpis (c->result, c->params, c->kpis);
  n = seg_dashboard_format_count (c->kpis[0].value);
  c->title = g_strdup (seg_chart_kind_title (SEG_CHART_KPIS));
  c->subtitle = as_of != NULL ? g_strdup_printf (_("%s customers · as of %s"), n, as_of)
                              : g_strdup_printf (_("%s customers"), n);
  return TRUE;
}

typedef struct
{
  gboolean      framed;
  SegChartFrame frame;
  SegChartLayout lay;
  SegRect       area;
  guint         cols;
  double        card_w, card_h, gap;
  SegChartStyle card_style;
} KpiGrid;

/* The window's KPI row (params->by_width): the most columns that divide the
 * cards evenly and leave each at least 140 px wide; the text at most at
 * its normal size. */
static guint
kpi_columns_by_width (const SegChartStyle *st,
                      guint                n,
                      double               width,
                      double               gap)
{
  guint best = 1;

  for (guint cols = 1; cols <= n; cols++)
    if (n % cols == 0 && (width - (cols - 1) * gap) / cols >= seg_chart_style_px (st, 140))
      best = cols;
  return best;
}

static double
kpi_text_scale (const SegChartStyle *st,
                double               card_w)
{
  return CLAMP (card_w / seg_chart_style_px (st, 230), 0.8, 1.0);
}

double
seg_dashboard_kpis_height (const SegChartStyle *style,
                           guint                n_kpis,
                           double               width)
{
  double gap, area_w, card_w;
  SegChartStyle card;
  guint cols, rows, n = MAX (n_kpis, 1u);

  g_return_val_if_fail (style != NULL, 0);

  gap = seg_chart_style_px (style, 12);
  area_w = MAX (width - 8, 1);
  cols = kpi_columns_by_width (style, n, area_w, gap);
  rows = (n + cols - 1) / cols;
  card_w = (area_w - (cols - 1) * gap) / cols;
  card = *style;
  card.scale = style->scale * kpi_text_scale (style, card_w);
  return 8 + rows * seg_chart_kpi_natural_height (&card, card_w) + (rows - 1) * gap;
}

/* Columns that divide the cards evenly, the one whose cards come closest
 * to a 2:1 shape; text grows with the cards on large exports. */
static void
kpi_grid (DashChart *c,
          double     width,
          double     height,
          KpiGrid   *g)
{
  const SegChartStyle *st = &c->style;
  guint n = MAX (c->n_kpis, 1u), rows;
  double best = G_MAXDOUBLE, s;

  memset (g, 0, sizeof *g);
  g->framed = height >= seg_chart_style_px (st, 300) && width >= seg_chart_style_px (st, 300);
  g->gap = seg_chart_style_px (st, 12);
  g->frame.title = c->title;
  g->frame.subtitle = c->subtitle;
  if (g->framed)
    {
      seg_chart_layout_frame (&g->lay, &g->frame, st, width, height);
      g->area = g->lay.inner;
    }
  else
    g->area = (SegRect) { 4, 4, MAX (width - 8, 1), MAX (height - 8, 1) };
  if (!g->framed && c->params->by_width)
    {
      g->cols = kpi_columns_by_width (st, n, g->area.width, g->gap);
      rows = (n + g->cols - 1) / g->cols;
      g->card_w = (g->area.width - (g->cols - 1) * g->gap) / g->cols;
      g->card_style = *st;
      g->card_style.scale = st->scale * kpi_text_scale (st, g->card_w);
      g->card_style.draw_background = FALSE;
      g->card_h = MIN ((g->area.height - (rows - 1) * g->gap) / rows,
                       seg_chart_kpi_natural_height (&g->card_style, g->card_w));
      return;
    }
  for (guint cols = 1; cols <= n; cols++)
    {
      double w, h, score;
      if (n % cols != 0)
        continue;
      rows = n / cols;
      w = (g->area.width - (cols - 1) * g->gap) / cols;
      h = (g->area.height - (rows - 1) * g->gap) / rows;
      score = fabs (log (MAX (w, 1) / MAX (h, 1) / 2.0)) + (w < seg_chart_style_px (st, 150) ? 10 : 0);
      if (score < best)
        best = score, g->cols = cols;
    }
  rows = (n + g->cols - 1) / g->cols;
  g->card_w = (g->area.width - (g->cols - 1) * g->gap) / g->cols;
  g->card_h = MIN ((g->area.height - (rows - 1) * g->gap) / rows, g->card_w * 0.8);
  s = CLAMP (MIN (g->card_w / seg_chart_style_px (st, 230), g->card_h / seg_chart_style_px (st, 115)),
             0.8, 2.0);
  g->card_style = *st;
  g->card_style.scale = st->scale * s;
  g->card_style.draw_background = FALSE;
}

static SegRect
kpi_rect (const KpiGrid *g,
          guint          i)
{
  SegRect r = { g->area.x + (i % g->cols) * (g->card_w + g->gap),
                g->area.y + (i / g->cols) * (g->card_h + g->gap), g->card_w, g->card_h };
  return r;
}

void
seg_dashboard_draw_kpis (DashChart *c,
                         cairo_t   *cr,
                         double     width,
                         double     height)
{
  KpiGrid g;

  kpi_grid (c, width, height, &g);
  if (g.framed)
    seg_chart_frame_draw (cr, &g.lay, &g.frame, &c->style);
  else if (c->style.draw_background)
    {
      seg_chart_text_set_color (cr, c->style.background);
      cairo_paint (cr);
    }
  for (guint i = 0; i < c->n_kpis && g.card_w > 4 && g.card_h > 4; i++)
    {
      SegRect r = kpi_rect (&g, i);
      cairo_save (cr);
      cairo_translate (cr, round (r.x), round (r.y));
      seg_chart_kpi_draw_card (cr, round (r.width), round (r.height), &c->kpis[i], &g.card_style);
      cairo_restore (cr);
    }
}

gboolean
seg_dashboard_hit_kpis (DashChart   *c,
                        double       width,
                        double       height,
                        double       x,
                        double       y,
                        SegChartHit *hit)
{
  KpiGrid g;

  kpi_grid (c, width, height, &g);
  for (guint i = 0; i < c->n_kpis; i++)
    {
      SegRect r = kpi_rect (&g, i);
      const SegKpi *k = &c->kpis[i];
      if (seg_rect_contains (&r, x, y))
        {
          g_autofree char *v = seg_number_format (&k->format, k->value);
          seg_chart_hit_set (hit, SEG_CHART_HIT_ITEM, (int) i, -1, r.x + r.width / 2, r.y + r.height,
                             g_strdup_printf ("%s: %s%s%s", k->label, v, k->caption ? "\n" : "",
                                              k->caption ? k->caption : ""));
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
seg_dashboard_item_kpis (DashChart   *c,
                         double       width,
                         double       height,
                         guint        i,
                         SegChartHit *hit)
{
  KpiGrid g;
  SegRect r;

  if (i >= c->n_kpis)
    return FALSE;
  kpi_grid (c, width, height, &g);
  r = kpi_rect (&g, i);
  if (seg_dashboard_hit_kpis (c, width, height, r.x + r.width / 2, r.y + r.height / 2, hit))
    hit->area = r;
  return TRUE;
}

/* ------------------------------------------------------ segment bars */

static gboolean
need_segmentation (DashChart *c,
                   char     **why)
{
  if (c->seg != NULL && c->seg->n_segments > 0)
    return TRUE;
  *why = seg_dashboard_not_run_reason (c->result, c->colour_by);
  return FALSE;
}

static const char **
segment_names (DashChart             *c,
               const SegSegmentation *seg)
{
  const char **names = seg_dashboard_own_strv (c, seg->n_segments);

  for (guint s = 0; s < seg->n_segments; s++)
    names[s] = seg->segments[s].name;
  return names;
}

static int *
segment_groups (DashChart *c,
                guint      n)
{
  int *groups = seg_dashboard_own (c, g_new (int, MAX (n, 1)));

  for (guint s = 0; s < n; s++)
    groups[s] = (int) s;
  return groups;
}

static guint64
n_customers (const DashChart *c)
{
  return seg_table_get_n_rows (seg_result_get_customers (c->result));
}

void
seg_dashboard_fill_size_bars (DashChart             *c,
                              const SegSegmentation *seg,
                              const char            *subtitle)
{
  SegBarData *b = &c->u.bars;
  double *values = seg_dashboard_own (c, g_new (double, MAX (seg->n_segments, 1)));
  const char **notes = seg_dashboard_own_strv (c, seg->n_segments);

  for (guint s = 0; s < seg->n_segments; s++)
    {
      g_autofree char *share = seg_format_percent (seg->segments[s].share, 1);
      values[s] = seg->segments[s].customers;
      notes[s] = seg_dashboard_own_printf (c, _("%s of customers"), share);
    }
  c->toolkit = DASH_TK_BARS;
  c->extra = (gpointer) seg;
  b->title = seg_chart_kind_title (c->kind);
  b->subtitle = subtitle;
  b->value_label = _("Customers");
  b->n = seg->n_segments;
  b->categories = segment_names (c, seg);
  b->values = values;
  b->groups = segment_groups (c, seg->n_segments);
  b->notes = notes;
  b->format = seg_dashboard_count_format ();
  b->horizontal = seg->n_segments > 7;
  b->show_values = TRUE;
  c->hit = seg_dashboard_size_bars_hit;
}

/* "Power User — 79 customers (39.5%)\nTotal spend 6.79M" */
void
seg_dashboard_size_bars_hit (DashChart   *c,
                             double       width,
                             double       height,
                             SegChartHit *hit)
{
  const SegSegmentation *seg = c->extra;
  const SegSegment *s;
  g_autofree char *count = NULL;
  g_autofree char *share = NULL;
  g_autofree char *spend = NULL;
  g_autofree char *avg = NULL;

  (void) width, (void) height;
  if (hit->kind != SEG_CHART_HIT_ITEM || hit->index < 0 || (guint) hit->index >= seg->n_segments)
    return;
  s = &seg->segments[hit->index];
  count = seg_dashboard_format_count (s->customers);
  share = seg_format_percent (s->share, 1);
  g_free (hit->tooltip);
  if (isfinite (s->total_spent))
    {
      spend = seg_dashboard_format_money (c->params, s->total_spent);
      avg = seg_dashboard_format_money (c->params, s->avg_spent);
      hit->tooltip = g_strdup_printf (_("%s — %s customers (%s)\nTotal spend %s · average %s"),
                                      s->name, count, share, spend, avg);
    }
  else
    hit->tooltip = g_strdup_printf (_("%s — %s customers (%s)"), s->name, count, share);
}

gboolean
seg_dashboard_build_segment_sizes (DashChart *c,
                                   char     **why)
{
  g_autofree char *n = NULL;

  if (!need_segmentation (c, why))
    return FALSE;
  n = seg_dashboard_format_count ((double) n_customers (c));
  c->linked = TRUE;
  seg_dashboard_fill_size_bars (c, c->seg, seg_dashboard_own_printf (c, _("%s · %s customers"),
                                                                     seg_dashboard_segmentation_label (c->colour_by), n));
  return TRUE;
}

/* ------------------------------------------------------ spend per segment */

static void
spend_hit (DashChart   *c,
           double       width,
           double       height,
           SegChartHit *hit)
{
  const SegSegment *s;
  double revenue = 0;
  g_autofree char *spend = NULL;
  g_autofree char *avg = NULL;
  g_autofree char *share = NULL;
  g_autofree char *count = NULL;

  (void) width, (void) height;
  if (hit->kind != SEG_CHART_HIT_ITEM || hit->index < 0 || (guint) hit->index >= c->seg->n_segments)
    return;
  for (guint k = 0; k < c->seg->n_segments; k++)
    if (isfinite (c->seg->segments[k].total_spent))
      revenue += c->seg->segments[k].total_spent;
  s = &c->seg->segments[hit->index];
  if (!isfinite (s->total_spent))
    {
      g_free (hit->tooltip);
      hit->tooltip = g_strdup_printf (_("%s — no purchases"), s->name);
      return;
    }
  spend = seg_dashboard_format_money (c->params, s->total_spent);
  avg = seg_dashboard_format_money (c->params, s->avg_spent);
  share = seg_format_percent (revenue > 0 ? s->total_spent / revenue : NAN, 1);
  count = seg_dashboard_format_count (s->customers);
  g_free (hit->tooltip);
  hit->tooltip = g_strdup_printf (_("%s — total spend %s (%s of revenue)\n%s customers · average %s"),
                                  s->name, spend, share, count, avg);
}

/* Average CLV per segment when the CLV method ran for this segmentation
 * (SPEC §10 "CLV bars per segment", SEG_CHART_CLV_BY_SEGMENT). */
static const SegBySegment *
segment_clv (DashChart *c)
{
  const SegClv *clv = seg_result_get_clv (c->result);
  const SegBySegment *by = clv != NULL ? seg_clv_get_by (clv, c->colour_by) : NULL;

  return by != NULL && by->avg_clv != NULL && by->n_segments == c->seg->n_segments ? by : NULL;
}

static void
clv_hit (DashChart   *c,
         double       width,
         double       height,
         SegChartHit *hit)
{
  const SegBySegment *by = segment_clv (c);
  guint s;
  g_autofree char *avg = NULL;
  g_autofree char *total = NULL;
  g_autofree char *count = NULL;

  (void) width, (void) height;
  if (by == NULL || hit->kind != SEG_CHART_HIT_ITEM || hit->index < 0 || (guint) hit->index >= by->n_segments)
    return;
  s = (guint) hit->index;
  if (!isfinite (by->avg_clv[s]))
    {
      g_free (hit->tooltip);
      hit->tooltip = g_strdup_printf (_("%s — no purchases, so no lifetime value"), c->seg->segments[s].name);
      return;
    }
  avg = seg_dashboard_format_money (c->params, by->avg_clv[s]);
  total = seg_dashboard_format_money (c->params, by->total_clv[s]);
  count = seg_dashboard_format_count (by->customers[s]);
  g_free (hit->tooltip);
  hit->tooltip = g_strdup_printf (_("%s — average CLV %s\n%s customers with a value · %s in all"),
                                  c->seg->segments[s].name, avg, count, total);
}

/* The method as a reader of the chart knows it. */
gboolean
seg_dashboard_build_clv_bars (DashChart *c)
{
  const SegBySegment *by = segment_clv (c);
  SegBarData *b = &c->u.bars;

  c->toolkit = DASH_TK_BARS;
  c->linked = TRUE;
  b->title = _("Average CLV by segment");
  b->subtitle = seg_dashboard_own_printf (c, _("%s · customer lifetime value (%s)"), seg_dashboard_segmentation_label (c->colour_by),
                                          seg_dashboard_clv_method_label (seg_result_get_clv (c->result)->method));
  b->value_label = _("Average CLV");
  b->n = c->seg->n_segments;
  b->categories = segment_names (c, c->seg);
  b->values = by->avg_clv;
  b->groups = segment_groups (c, c->seg->n_segments);
  b->format = seg_dashboard_money_format (c->params);
  b->horizontal = c->seg->n_segments > 7;
  b->show_values = TRUE;
  b->missing_text = _("no purchases");
  c->hit = clv_hit;
  return TRUE;
}

gboolean
seg_dashboard_build_spend (DashChart *c,
                           char     **why)
{
  SegBarData *b = &c->u.bars;
  double *values, revenue = 0;
  gboolean any = FALSE;
  g_autofree char *total = NULL;

  if (!need_segmentation (c, why))
    return FALSE;
  /* always spend: average CLV has a chart of its own (Export All must not
   * write one picture under two names) */
  values = seg_dashboard_own (c, g_new (double, c->seg->n_segments));
  for (guint s = 0; s < c->seg->n_segments; s++)
    {
      values[s] = c->seg->segments[s].total_spent;
      any |= isfinite (values[s]);
      revenue += isfinite (values[s]) ? values[s] : 0;
    }
  if (!any)
    {
      *why = g_strdup (_("There is no spend to show: load a transaction log"));
      return FALSE;
    }
  total = seg_dashboard_format_money (c->params, revenue);
  c->toolkit = DASH_TK_BARS;
  c->linked = TRUE;
  b->title = _("Total spend by segment");
  b->subtitle = seg_dashboard_own_printf (c, _("%s · %s in all"), seg_dashboard_segmentation_label (c->colour_by), total);
  b->value_label = _("Total spend");
  b->n = c->seg->n_segments;
  b->categories = segment_names (c, c->seg);
  b->values = values;
  b->groups = segment_groups (c, c->seg->n_segments);
  b->format = seg_dashboard_money_format (c->params);
  b->horizontal = c->seg->n_segments > 7;
  b->show_values = TRUE;
  b->missing_text = _("no purchases");
  c->hit = spend_hit;
  return TRUE;
}

/* ------------------------------------------------------------- box plot */

gboolean
seg_dashboard_build_box (DashChart *c,
                         char     **why)
{
  SegBoxData *b = &c->u.box;
  const char *feature = c->params->feature;
  const SegColumn *col;
  guint k;
  guint64 n = n_customers (c);
  double **values;
  gsize *counts;
  g_autofree char *pretty = NULL;

  if (!need_segmentation (c, why))
    return FALSE;
  /* by default total spend, or the first numeric column without one */
  if (feature == NULL)
    feature = seg_dashboard_numeric_column (c->result, "total_spent") != NULL || seg_result_get_n_numeric (c->result) == 0
              ? "total_spent" : seg_result_get_numeric_name (c->result, 0);
  col = seg_dashboard_numeric_column (c->result, feature);
  if (col == NULL || col->n_missing >= n)
    {
      *why = g_strdup_printf (col == NULL ? _("There is no numeric column “%s”")
                                          : _("Column “%s” has no values"), feature);
      return FALSE;
    }
  k = c->seg->n_segments;
  values = seg_dashboard_own (c, g_new0 (double *, k));
  counts = seg_dashboard_own (c, g_new0 (gsize, k));
  for (guint s = 0; s < k; s++)
    values[s] = seg_dashboard_own (c, g_new (double, MAX (c->seg->segments[s].customers, 1u)));
  for (guint64 i = 0; i < n; i++)
    {
      guint s = c->seg->labels[i];
      if (s < k && counts[s] < c->seg->segments[s].customers)
        values[s][counts[s]++] = col->num[i];
    }
  pretty = seg_dashboard_pretty_column (feature);
  c->toolkit = DASH_TK_BOX;
  c->linked = TRUE;
  b->title = seg_dashboard_own_printf (c, _("%s by segment"), pretty);
  b->subtitle = seg_dashboard_own_printf (c, _("%s · boxes hold the middle half, whiskers reach 1.5 × IQR, ◆ = mean"),
                                          seg_dashboard_segmentation_label (c->colour_by));
  b->value_label = seg_dashboard_own (c, g_steal_pointer (&pretty));
  b->n_groups = k;
  b->group_names = segment_names (c, c->seg);
  b->values = (const double *const *) values;
  b->n_values = counts;
  b->groups = segment_groups (c, k);
  b->format = seg_dashboard_is_money_column (feature) ? seg_dashboard_money_format (c->params)
                                             : (SegNumberFormat) SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_COMPACT);
  return TRUE;
}

/* ---------------------------------------------------------------- table */

static gboolean
is_age (const char *name)
{
  return g_ascii_strcasecmp (name, "age") == 0;
}

static gboolean
is_income (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  return strstr (lower, "income") != NULL;
}

typedef struct
{
  gboolean spend;      /* a total_spent column exists */
  int      age;        /* numeric column indices, or -1 */
  int      income;
  guint    n_cols;
} TableColumns;

static void
table_row (DashChart          *c,
           const char        **cells,
           const SegSegment   *s,
           const TableColumns *tc)
{
  SegNumberFormat one = SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_PLAIN);
  guint col = 0;

  one.decimals = 1;
  cells[col++] = s->name;
  cells[col++] = seg_dashboard_own (c, seg_dashboard_format_count (s->customers));
  cells[col++] = seg_dashboard_own (c, seg_format_percent (s->share, 1));
  if (tc->spend)
    {
      cells[col++] = seg_dashboard_own (c, seg_dashboard_format_money (c->params, s->total_spent));
      cells[col++] = seg_dashboard_own (c, seg_dashboard_format_money (c->params, s->avg_spent));
    }
  if (tc->age >= 0)
    cells[col++] = seg_dashboard_own (c, seg_number_format (&one, s->means[tc->age]));
  if (tc->income >= 0)
    cells[col++] = seg_dashboard_own (c, seg_dashboard_format_money (c->params, s->means[tc->income]));
}

static const char **
table_headers (DashChart          *c,
               const TableColumns *tc)
{
  const char **h = seg_dashboard_own_strv (c, tc->n_cols);
  guint col = 0;

  h[col++] = _("Segment");
  h[col++] = _("Customers");
  h[col++] = _("Share");
  if (tc->spend)
    {
      h[col++] = _("Total spend");
      h[col++] = _("Average spend");
    }
  if (tc->age >= 0)
    h[col++] = _("Average age");
  if (tc->income >= 0)
    h[col++] = seg_dashboard_own_printf (c, _("Average %s"), seg_result_get_numeric_name (c->result, tc->income));
  return h;
}

/* On a large canvas (exports, the PDF report) a table grows to fill it, up
 * to one and a half times its normal size.  @head_lines and @row_lines are
 * the heights, in body lines, of the header block and of one row.  On a
 * slide (params->fill) the type grows as far as the card allows, up to
 * three times, with headers and names wrapped at spaces but every row shown
 * and no word cut; the rows then share the height (seg-chart-table.c). */
void
seg_dashboard_table_fit (DashChart *c,
                         double     width,
                         double     height,
                         double     head_lines,
                         double     row_lines)
{
  const SegTableData *t = &c->u.table;
  SegChartStyle *st = &c->style;
  SegChartFrame frame = { t->title, t->subtitle, NULL, NULL, 0, NULL, NULL, 0 };
  SegChartLayout lay;
  double lh = seg_chart_text_line_height (st, SEG_TEXT_BODY), pad = seg_chart_style_px (st, 14);
  double need_w = seg_chart_style_px (st, 14), need_h = lh * (head_lines + row_lines * t->n_rows);

  if (c->params->fill)
    {
      double base = st->scale, lo = 1, hi = 3;

      for (guint step = 0; step < 12; step++)
        {
          double mid = (lo + hi) / 2;

          st->scale = base * mid;
          if (seg_chart_table_fits (t, st, width, height))
            lo = mid;
          else
            hi = mid;
        }
      st->scale = base * lo;
      return;
    }
  seg_chart_layout_frame (&lay, &frame, st, width, height);
  for (guint col = 0; col < t->n_cols; col++)
    {
      double w = seg_chart_text_width (st, SEG_TEXT_BOLD, t->headers[col]);
      for (guint r = 0; r < t->n_rows; r++)
        w = MAX (w, seg_chart_text_width (st, SEG_TEXT_BODY, t->cells[(gsize) r * t->n_cols + col]));
      need_w += w + 2 * pad;
    }
  st->scale *= CLAMP (MIN (lay.inner.width / need_w, lay.inner.height / need_h), 1.0, 1.5);
}

static void
table_fit (DashChart *c,
           double     width,
           double     height)
{
  seg_dashboard_table_fit (c, width, height, 2.1, 1.9);
}

gboolean
seg_dashboard_build_segment_table (DashChart *c,
                                   char     **why)
{
  SegTableData *t = &c->u.table;
  TableColumns tc = { seg_dashboard_numeric_column (c->result, "total_spent") != NULL,
                      seg_dashboard_find_numeric (c->result, is_age), seg_dashboard_find_numeric (c->result, is_income), 0 };
  const char **cells;
  double revenue = 0;
  guint k;
  g_autofree char *n = NULL;
  g_autofree char *total = NULL;

  if (!need_segmentation (c, why))
    return FALSE;
  k = c->seg->n_segments;
  tc.n_cols = 3 + (tc.spend ? 2 : 0) + (tc.age >= 0) + (tc.income >= 0);
  cells = seg_dashboard_own_strv (c, k * tc.n_cols);
  for (guint s = 0; s < k; s++)
    {
      table_row (c, cells + (gsize) s * tc.n_cols, &c->seg->segments[s], &tc);
      revenue += isfinite (c->seg->segments[s].total_spent) ? c->seg->segments[s].total_spent : 0;
    }
  n = seg_dashboard_format_count ((double) n_customers (c));
  total = seg_dashboard_format_money (c->params, revenue);
  c->toolkit = DASH_TK_TABLE;
  c->linked = TRUE;
  t->title = seg_chart_kind_title (SEG_CHART_SEGMENT_TABLE);
  t->subtitle = tc.spend ? seg_dashboard_own_printf (c, _("%s · %s customers · total spend %s"),
                                                     seg_dashboard_segmentation_label (c->colour_by), n, total)
                         : seg_dashboard_own_printf (c, _("%s · %s customers"), seg_dashboard_segmentation_label (c->colour_by), n);
  t->n_rows = k;
  t->n_cols = tc.n_cols;
  t->headers = table_headers (c, &tc);
  t->cells = cells;
  t->row_groups = segment_groups (c, k);
  t->fill = c->params->fill;
  c->fit = table_fit;
  return TRUE;
}
