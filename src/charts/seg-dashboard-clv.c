/* seg-dashboard-clv.c — CLV by segment, top customers, probability alive
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The customer lifetime value charts (SPEC §9).  CLV by segment is the
 * CLV form of "Spend by segment" (seg-dashboard-segments.c), but says why
 * instead of falling back to spend when CLV did not run.
 */
#define G_LOG_DOMAIN "seg-dashboard"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "seg-dashboard-private.h"

#define TOP_N 10
#define ALIVE_BINS 10

static const SegClv *
need_clv (DashChart *c,
          char     **why)
{
  const SegClv *clv = seg_result_get_clv (c->result);

  if (clv == NULL)
    *why = seg_dashboard_not_run_reason (c->result, "clv");
  else if (clv->clv == NULL || !isfinite (clv->mean))
    {
      *why = g_strdup (_("No customer has a lifetime value"));
      clv = NULL;
    }
  return clv;
}

/* ------------------------------------------------------ CLV by segment */

gboolean
seg_dashboard_build_clv_by_segment (DashChart *c,
                                    char     **why)
{
  const SegClv *clv = need_clv (c, why);
  const SegBySegment *by;

  if (clv == NULL)
    return FALSE;
  if (c->seg == NULL || c->seg->n_segments == 0)
    {
      *why = seg_dashboard_not_run_reason (c->result, c->colour_by);
      return FALSE;
    }
  by = seg_clv_get_by (clv, c->colour_by);
  if (by == NULL || by->avg_clv == NULL || by->n_segments != c->seg->n_segments)
    {
      *why = g_strdup_printf (_("CLV is not broken down by %s"), seg_dashboard_segmentation_label (c->colour_by));
      return FALSE;
    }
  return seg_dashboard_build_clv_bars (c);
}

/* ------------------------------------------------------- top customers */

/* A cut-off row is worse than a small table: more room per row than the
 * segment summary. */
static void
top_fit (DashChart *c,
         double     width,
         double     height)
{
  seg_dashboard_table_fit (c, width, height, 3.0, 2.2);
}

typedef struct
{
  double   clv;
  guint64  row;
} Ranked;

static int
by_clv_desc (const void *a,
             const void *b)
{
  const Ranked *ra = a, *rb = b;

  if (ra->clv != rb->clv)
    return ra->clv > rb->clv ? -1 : 1;
  return ra->row < rb->row ? -1 : ra->row > rb->row;
}

typedef struct
{
  const SegColumn *ids;
  const SegColumn *spent;
  const SegChurn  *churn;
  const SegClv    *clv;
  guint            n_cols;
} TopColumns;

static const char **
top_headers (DashChart        *c,
             const TopColumns *tc)
{
  const char **h = seg_dashboard_own_strv (c, tc->n_cols);
  guint col = 0;

  h[col++] = _("Customer");
  h[col++] = _("Segment");
  h[col++] = _("CLV");
  /* short headers: the card is narrow; the tooltips give them in full */
  if (tc->spent != NULL)
    h[col++] = _("Spent");
  if (tc->clv->p_alive != NULL)
    h[col++] = _("Alive");
  if (tc->churn != NULL)
    h[col++] = _("Churn");
  return h;
}

static void
top_row (DashChart        *c,
         const char      **cells,
         const TopColumns *tc,
         guint64           i)
{
  guint col = 0;
  guint s = c->seg != NULL ? c->seg->labels[i] : G_MAXUINT;

  cells[col++] = tc->ids != NULL && tc->ids->text != NULL && tc->ids->text[i] != NULL
                 ? tc->ids->text[i] : seg_dashboard_own_printf (c, _("Row %" PRIu64), i + 1);
  cells[col++] = c->seg != NULL && s < c->seg->n_segments ? c->seg->segments[s].name : "–";
  cells[col++] = seg_dashboard_own (c, seg_dashboard_format_money (c->params, tc->clv->clv[i]));
  if (tc->spent != NULL)
    cells[col++] = seg_dashboard_own (c, seg_dashboard_format_money (c->params, tc->spent->num[i]));
  if (tc->clv->p_alive != NULL)
    cells[col++] = seg_dashboard_own (c, seg_format_percent (tc->clv->p_alive[i], 0));
  if (tc->churn != NULL)
    cells[col++] = seg_dashboard_own (c, seg_format_percent (seg_churn_get_probabilities (tc->churn)[i], 0));
}

gboolean
seg_dashboard_build_top_clv (DashChart *c,
                             char     **why)
{
  const SegClv *clv = need_clv (c, why);
  SegTable *t = seg_result_get_customers (c->result);
  TopColumns tc = { 0 };
  SegTableData *d = &c->u.table;
  g_autofree Ranked *ranked = NULL;
  guint64 n = 0;
  guint rows;
  const char **cells;
  int *groups;

  if (clv == NULL)
    return FALSE;
  ranked = g_new (Ranked, MAX (clv->n, 1));
  for (guint64 i = 0; i < clv->n; i++)
    if (isfinite (clv->clv[i]))
      ranked[n++] = (Ranked) { clv->clv[i], i };
  qsort (ranked, n, sizeof *ranked, by_clv_desc);
  rows = (guint) MIN (n, TOP_N);
  tc.ids = seg_table_find_column (t, "customer_id");
  /* historical CLV is the total spent: no second column of the same */
  tc.spent = clv->method != SEG_CLV_METHOD_HISTORICAL ? seg_dashboard_numeric_column (c->result, "total_spent") : NULL;
  tc.churn = seg_result_get_churn (c->result);
  tc.clv = clv;
  tc.n_cols = 3 + (tc.spent != NULL) + (clv->p_alive != NULL) + (tc.churn != NULL);
  cells = seg_dashboard_own_strv (c, rows * tc.n_cols);
  groups = seg_dashboard_own (c, g_new (int, MAX (rows, 1)));
  for (guint r = 0; r < rows; r++)
    {
      top_row (c, cells + (gsize) r * tc.n_cols, &tc, ranked[r].row);
      groups[r] = c->seg != NULL ? seg_dashboard_group_of_label (c->seg->labels[ranked[r].row]) : -1;
    }
  c->toolkit = DASH_TK_TABLE;
  c->linked = c->seg != NULL;
  d->title = seg_chart_kind_title (c->kind);
  d->subtitle = seg_dashboard_own_printf (c, _("The %u highest of %s customers with a value · CLV by %s"), rows,
                                          (const char *) seg_dashboard_own (c, seg_dashboard_format_count ((double) n)),
                                          seg_dashboard_clv_method_label (clv->method));
  d->n_rows = rows;
  d->n_cols = tc.n_cols;
  d->headers = top_headers (c, &tc);
  d->cells = cells;
  d->row_groups = c->seg != NULL ? groups : NULL;
  d->fill = c->params->fill;
  c->fit = top_fit;
  return TRUE;
}

/* --------------------------------------------------- probability alive */

typedef struct
{
  SegBgnbdParams params;
  double         T;                   /* the longest customer age */
  double         f_edge[ALIVE_BINS + 1];   /* frequency bins, row 0 = highest */
  double         r_edge[ALIVE_BINS + 1];   /* recency bins, left to right */
  guint          n_rows, n_cols;
  guint         *counts;              /* customers per cell */
  double        *mean;                /* their mean probability alive */
  const char    *unit;
} Alive;

static void
alive_free (gpointer p)
{
  Alive *a = p;

  g_free (a->counts);
  g_free (a->mean);
  g_free (a);
}

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Frequency bins at the customers' deciles (whole purchases, each bin
 * holding about a tenth of them), highest first; recency in equal steps. */
static void
alive_bins (Alive        *a,
            const SegClv *clv)
{
  g_autofree double *f = g_new (double, MAX (clv->n, 1));
  double edges[ALIVE_BINS + 1];
  gsize n = 0;
  guint k = 0;

  a->T = 0;
  for (guint64 i = 0; i < clv->n; i++)
    {
      if (isfinite (clv->frequency[i]))
        f[n++] = clv->frequency[i];
      if (isfinite (clv->T[i]))
        a->T = MAX (a->T, clv->T[i]);
    }
  qsort (f, n, sizeof *f, cmp_double);
  for (guint q = 0; q < ALIVE_BINS && n > 0; q++)
    {
      double e = floor (f[(gsize) (q * (double) n / ALIVE_BINS)]);
      if (k == 0 || e > edges[k - 1])
        edges[k++] = e;
    }
  if (k == 0)
    edges[k++] = 0;
  edges[k] = (n > 0 ? floor (f[n - 1]) : 0) + 1;   /* past the largest */
  a->n_rows = k;
  for (guint r = 0; r <= k; r++)
    a->f_edge[r] = edges[k - r];
  a->n_cols = ALIVE_BINS;
  for (guint c = 0; c <= a->n_cols; c++)
    a->r_edge[c] = a->T * c / a->n_cols;
}

static int
alive_row (const Alive *a,
           double       f)
{
  for (guint r = 0; r < a->n_rows; r++)
    if (f >= a->f_edge[r + 1] && f < a->f_edge[r])
      return (int) r;
  return -1;
}

static int
alive_col (const Alive *a,
           double       rec)
{
  if (!isfinite (rec) || a->T <= 0)
    return -1;
  return (int) MIN (rec / a->T * a->n_cols, a->n_cols - 1.0);
}

static void
alive_count (Alive        *a,
             const SegClv *clv)
{
  gsize cells = (gsize) a->n_rows * a->n_cols;

  a->counts = g_new0 (guint, cells);
  a->mean = g_new0 (double, cells);
  for (guint64 i = 0; i < clv->n; i++)
    {
      int r = alive_row (a, clv->frequency[i]), col = alive_col (a, clv->recency[i]);
      if (r < 0 || col < 0 || !isfinite (clv->p_alive[i]))
        continue;
      a->counts[r * a->n_cols + col]++;
      a->mean[r * a->n_cols + col] += clv->p_alive[i];
    }
  for (gsize k = 0; k < cells; k++)
    a->mean[k] = a->counts[k] > 0 ? a->mean[k] / a->counts[k] : NAN;
}

static const char *
frequency_label (DashChart   *c,
                 const Alive *a,
                 guint        r)
{
  double lo = a->f_edge[r + 1], hi = a->f_edge[r] - 1;

  if (hi <= lo)
    return seg_dashboard_own_printf (c, "%.0f", lo);
  return seg_dashboard_own_printf (c, "%.0f–%.0f", lo, hi);
}

static void
alive_hit (DashChart   *c,
           double       width,
           double       height,
           SegChartHit *hit)
{
  const Alive *a = c->extra;
  gsize k;
  g_autofree char *model = NULL;
  g_autofree char *mean = NULL;
  g_autofree char *count = NULL;

  (void) width, (void) height;
  if (hit->kind != SEG_CHART_HIT_ITEM || hit->row < 0 || hit->col < 0 ||
      (guint) hit->row >= a->n_rows || (guint) hit->col >= a->n_cols)
    return;
  k = (gsize) hit->row * a->n_cols + (guint) hit->col;
  model = seg_format_percent (c->u.heat.values[k], 0);
  count = seg_dashboard_format_count (a->counts[k]);
  g_free (hit->tooltip);
  if (a->counts[k] == 0)
    hit->tooltip = g_strdup_printf (_("%s repeat purchases, last at age %s %s\nModel: %s alive\nNo customer here"),
                                    c->u.heat.row_labels[hit->row], c->u.heat.col_labels[hit->col], a->unit, model);
  else
    {
      mean = seg_format_percent (a->mean[k], 0);
      hit->tooltip = g_strdup_printf (_("%s repeat purchases, last at age %s %s\nModel: %s alive\n%s customers here, on average %s alive"),
                                      c->u.heat.row_labels[hit->row], c->u.heat.col_labels[hit->col], a->unit,
                                      model, count, mean);
    }
}

static void
alive_fill (DashChart *c,
            Alive     *a)
{
  SegHeatData *h = &c->u.heat;
  double *values = seg_dashboard_own (c, g_new (double, (gsize) a->n_rows * a->n_cols));
  const char **rows = seg_dashboard_own_strv (c, a->n_rows), **cols = seg_dashboard_own_strv (c, a->n_cols);

  /* lifetimes' probability-alive matrix: the model at each cell's middle,
   * for a customer observed as long as the oldest one */
  for (guint r = 0; r < a->n_rows; r++)
    {
      double f = (a->f_edge[r + 1] + a->f_edge[r] - 1) / 2;
      rows[r] = frequency_label (c, a, r);
      for (guint col = 0; col < a->n_cols; col++)
        {
          double rec = (a->r_edge[col] + a->r_edge[col + 1]) / 2;
          values[r * a->n_cols + col] = seg_bgnbd_p_alive (&a->params, f, f > 0 ? rec : 0, a->T);
        }
    }
  for (guint col = 0; col < a->n_cols; col++)
    cols[col] = seg_dashboard_own_printf (c, "%.0f–%.0f", a->r_edge[col], a->r_edge[col + 1]);
  h->row_labels = rows;
  h->col_labels = cols;
  h->values = values;
}

gboolean
seg_dashboard_build_p_alive (DashChart *c,
                             char     **why)
{
  const SegClv *clv = need_clv (c, why);
  SegHeatData *h = &c->u.heat;
  Alive *a;

  if (clv == NULL)
    return FALSE;
  if (clv->p_alive == NULL || clv->frequency == NULL || clv->recency == NULL || clv->T == NULL)
    {
      *why = g_strdup_printf (_("Probability alive needs the BG/NBD model; CLV was computed as “%s”"),
                              seg_dashboard_clv_method_label (clv->method));
      return FALSE;
    }
  a = g_new0 (Alive, 1);
  c->extra = a;
  c->extra_free = alive_free;
  a->params = clv->bgnbd;
  a->unit = clv->unit == SEG_TIME_UNIT_WEEKS ? _("weeks") : _("days");
  alive_bins (a, clv);
  if (a->T <= 0)
    {
      *why = g_strdup (_("The customers have no purchase history to model"));
      return FALSE;
    }
  alive_count (a, clv);
  alive_fill (c, a);
  c->toolkit = DASH_TK_HEAT;
  c->hit = alive_hit;
  h->title = seg_chart_kind_title (c->kind);
  h->subtitle = seg_dashboard_own_printf (c, _("BG/NBD model for a customer first seen %.0f %s ago · rows hold about a tenth of the customers each"),
                                          a->T, a->unit);
  h->x_label = seg_dashboard_own_printf (c, _("Recency: age at the last purchase (%s)"), a->unit);
  h->y_label = _("Repeat purchases");
  h->n_rows = a->n_rows;
  h->n_cols = a->n_cols;
  h->format = (SegNumberFormat) SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_PERCENT);
  h->format.decimals = 0;
  h->scale = SEG_HEAT_SEQUENTIAL;
  h->limit = 1;
  h->scale_label = _("Alive");
  return TRUE;
}
