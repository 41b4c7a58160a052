/* seg-dashboard-cohorts.c — cohort retention heat map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The toolkit's sequential heat map: one row per cohort (month of first
 * purchase, oldest at the top, its size in the label), one column per month
 * since the first purchase, colour and text the share of the cohort that
 * bought in that month.  Months after the last month of the log are empty
 * cells (the triangle's lower right).  Month 0 is 100 % by definition, so
 * the colour scale runs to the highest retention of the later months and
 * month 0 is drawn at full colour.
 */
#define G_LOG_DOMAIN "seg-dashboard"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "seg-dashboard-private.h"

static const SegCohorts *
chart_cohorts (const DashChart *c)
{
  return seg_dataset_get_cohorts (seg_result_get_dataset (c->result));
}

static void
cohorts_hit (DashChart   *c,
             double       width,
             double       height,
             SegChartHit *hit)
{
  const SegCohorts *co = chart_cohorts (c);
  g_autofree char *month = NULL;
  g_autofree char *share = NULL;
  g_autofree char *active = NULL;
  g_autofree char *size = NULL;
  SegNumberFormat pct = SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_PERCENT);
  guint row, col;

  (void) width, (void) height;
  if (hit->kind != SEG_CHART_HIT_ITEM || hit->row < 0 || hit->col < 0)
    return;
  row = (guint) hit->row;
  col = (guint) hit->col;
  if (col >= seg_cohorts_n_offsets_of (co, row))
    {
      /* after the last month of the log: nothing to say */
      seg_chart_hit_clear (hit);
      return;
    }
  pct.decimals = 1;
  month = seg_cohort_month_format (co->month[row]);
  share = seg_number_format (&pct, c->u.heat.values[hit->index]);
  active = seg_dashboard_format_count ((double) co->active[(gsize) row * co->n_offsets + col]);
  size = seg_dashboard_format_count ((double) co->size[row]);
  g_free (hit->tooltip);
  hit->tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Cohort %s (%s customer)\n"
                                               "%u month after the first purchase: %s bought again (%s customers)",
                                               "Cohort %s (%s customers)\n"
                                               "%u months after the first purchase: %s bought again (%s customers)",
                                               col),
                                  month, size, col, share, active);
  if (col == 0)
    {
      g_free (hit->tooltip);
      hit->tooltip = g_strdup_printf (_("Cohort %s: %s customers made their first purchase this month"),
                                      month, size);
    }
}

gboolean
seg_dashboard_build_cohorts (DashChart *c,
                             char     **why)
{
  const SegCohorts *co = chart_cohorts (c);
  SegHeatData *d = &c->u.heat;
  SegNumberFormat pct = SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_PERCENT);
  const char **rows, **cols, **text;
  double *values, *counts, limit = 0;
  guint n, m;
  guint64 customers = 0;

  if (co == NULL || co->n_cohorts == 0)
    {
      *why = g_strdup (_("Cohorts need a transaction log with dated purchases."));
      return FALSE;
    }
  n = co->n_cohorts;
  m = co->n_offsets;
  rows = seg_dashboard_own_strv (c, n);
  cols = seg_dashboard_own_strv (c, m);
  text = seg_dashboard_own_strv (c, n * m);
  values = seg_dashboard_own (c, g_new (double, (gsize) n * m));
  counts = seg_dashboard_own (c, g_new (double, (gsize) n * m));
  pct.decimals = 0;
  for (guint k = 0; k < m; k++)
    cols[k] = seg_dashboard_own_printf (c, "%u", k);
  for (guint r = 0; r < n; r++)
    {
      g_autofree char *month = seg_cohort_month_format (co->month[r]);
      g_autofree char *size = seg_dashboard_format_count ((double) co->size[r]);
      guint valid = seg_cohorts_n_offsets_of (co, r);

      customers += co->size[r];
      rows[r] = seg_dashboard_own_printf (c, "%s · %s", month, size);
      for (guint k = 0; k < m; k++)
        {
          gsize idx = (gsize) r * m + k;

          if (k >= valid)
            {
              values[idx] = NAN;
              counts[idx] = NAN;
              text[idx] = "";
              continue;
            }
          values[idx] = (double) co->active[idx] / (double) co->size[r];
          counts[idx] = (double) co->active[idx];
          text[idx] = seg_dashboard_own (c, seg_number_format (&pct, values[idx]));
          if (k > 0)
            limit = MAX (limit, values[idx]);
        }
    }
  c->toolkit = DASH_TK_HEAT;
  c->hit = cohorts_hit;
  d->title = seg_chart_kind_title (SEG_CHART_COHORTS);
  d->subtitle = seg_dashboard_own_printf (c, g_dngettext (GETTEXT_PACKAGE,
                                                          "%s customer by month of first purchase · share who bought again in each later month",
                                                          "%s customers by month of first purchase · share who bought again in each later month",
                                                          customers),
                                          (char *) seg_dashboard_own (c, seg_dashboard_format_count ((double) customers)));
  d->x_label = _("Months since first purchase");
  d->y_label = _("Cohort (first purchase) · customers");
  d->n_rows = n;
  d->n_cols = m;
  d->row_labels = rows;
  d->col_labels = cols;
  d->values = values;
  d->cell_text = text;
  d->secondary = counts;
  d->format = pct;
  d->secondary_format = seg_dashboard_count_format ();
  d->scale = SEG_HEAT_SEQUENTIAL;
  d->limit = limit > 0 ? limit : 1.0;
  d->scale_label = _("Retention");
  return TRUE;
}
