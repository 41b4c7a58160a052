/* seg-scale.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-scale"

#include "config.h"

#include <float.h>
#include <math.h>

#include <glib/gi18n.h>

#include "seg-error.h"
#include "seg-parallel.h"
#include "seg-scale.h"

static SegScaleReport *
report_new (guint p)
{
  SegScaleReport *r = g_new0 (SegScaleReport, 1);

  r->p = p;
  r->mean = g_new0 (double, p + 1);
  r->scale = g_new0 (double, p + 1);
  r->n_imputed = g_new0 (guint, p + 1);
  r->constant = g_new0 (gboolean, p + 1);
  r->log1p = g_new0 (gboolean, p + 1);
  return r;
}

void
seg_scale_report_free (SegScaleReport *report)
{
  if (report == NULL)
    return;
  g_free (report->mean);
  g_free (report->scale);
  g_free (report->n_imputed);
  g_free (report->constant);
  g_free (report->log1p);
  g_free (report);
}

static char *
column_label (const char * const *names,
              guint               j)
{
  if (names != NULL && names[j] != NULL)
    return g_strdup (names[j]);
  return g_strdup_printf (_("column %u"), j + 1);
}

/* Why a column cannot be scaled, as the first offending cell says. */
typedef enum
{
  BAD_NONE,
  BAD_INFINITE,
  BAD_LOG,
} BadKind;

/* The error for column @j, if it has one; the columns are checked in
 * order, so the error names the first column with a problem, and within a
 * column the first offending row decides the wording. */
static gboolean
column_error (const char * const *names,
              guint               j,
              BadKind             bad,
              guint               count,
              GError            **error)
{
  g_autofree char *label = NULL;

  if (bad == BAD_NONE && count > 0)
    return FALSE;
  label = column_label (names, j);
  if (bad == BAD_LOG)
    g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                 _("Column “%s” has values of −1 or less, so it cannot be log-scaled"), label);
  else if (bad == BAD_INFINITE)
    g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                 _("Column “%s” has an infinite value"), label);
  else
    g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                 _("Column “%s” has no values: remove it from the features"), label);
  return TRUE;
}

/* Copies @x into @m, applying log1p where asked, and sums each column's
 * observed values in row order.  The work is done row by row with one
 * accumulator per column (the same additions, in the same order, as a pass
 * down each column) so that the matrix is read once, not once per column. */
static void
copy_and_sum (const SegMatrix *x,
              SegMatrix       *m,
              const gboolean  *use_log,
              double          *sum,
              guint           *count,
              BadKind         *bad)
{
  guint p = x->p;

  for (guint i = 0; i < x->n; i++)
    {
      const double *in = seg_matrix_row (x, i);
      double *out = seg_matrix_row (m, i);

      for (guint j = 0; j < p; j++)
        {
          double v = in[j];

          if (G_UNLIKELY (!isfinite (v) || (use_log[j] && v <= -1.0)))
            {
              /* NAN is a missing cell, anything else an error */
              if (!isnan (v) && bad[j] == BAD_NONE)
                bad[j] = use_log[j] && isfinite (v) ? BAD_LOG : BAD_INFINITE;
              out[j] = v;
              continue;
            }
          if (use_log[j])
            v = log1p (v);
          out[j] = v;
          sum[j] += v;
          count[j]++;
        }
    }
}

/* Fills the missing cells with the column means (of the observed values)
 * and sums the columns again, imputed values included, as StandardScaler
 * sees them. */
static void
impute (SegMatrix      *m,
        SegScaleReport *r,
        double         *sum)
{
  guint p = m->p;

  for (guint j = 0; j < p; j++)
    sum[j] = 0.0;
  for (guint i = 0; i < m->n; i++)
    {
      double *row = seg_matrix_row (m, i);

      for (guint j = 0; j < p; j++)
        {
          if (G_UNLIKELY (isnan (row[j])))
            {
              row[j] = r->mean[j];
              r->n_imputed[j]++;
            }
          sum[j] += row[j];
        }
    }
}

typedef struct
{
  SegMatrix            *m;
  const SegScaleReport *r;
} ScaleJob;

static void
scale_block (guint    block,
             guint    start,
             guint    end,
             gpointer user_data)
{
  ScaleJob *job = user_data;
  guint p = job->m->p;

  for (guint i = start; i < end; i++)
    {
      double *row = seg_matrix_row (job->m, i);
      for (guint j = 0; j < p; j++)
        row[j] = (row[j] - job->r->mean[j]) / job->r->scale[j];
    }
}

/* z-scores with the mean of the imputed column (@sum) and the population
 * variance (ddof 0); sklearn's near-constant rule. */
static void
standardize_columns (SegMatrix      *m,
                     SegScaleReport *r,
                     const double   *sum)
{
  guint p = m->p;
  g_autofree double *var = g_new0 (double, p);
  ScaleJob job = { m, r };

  for (guint j = 0; j < p; j++)
    r->mean[j] = sum[j] / m->n;
  for (guint i = 0; i < m->n; i++)
    {
      const double *row = seg_matrix_row (m, i);
      for (guint j = 0; j < p; j++)
        {
          double d = row[j] - r->mean[j];
          var[j] += d * d;
        }
    }
  for (guint j = 0; j < p; j++)
    {
      double upper;

      var[j] /= m->n;
      upper = m->n * DBL_EPSILON * var[j] + pow (m->n * r->mean[j] * DBL_EPSILON, 2.0);
      r->constant[j] = var[j] <= upper;
      r->scale[j] = r->constant[j] ? 1.0 : sqrt (var[j]);
    }
  /* each cell on its own, so the rows can be split between threads */
  seg_parallel_blocks (m->n, SEG_PARALLEL_BLOCK_ROWS, scale_block, &job);
}

SegMatrix *
seg_scale_features (const SegMatrix     *x,
                    const gboolean      *log1p,
                    const char * const  *names,
                    gboolean             standardize,
                    SegScaleReport     **report,
                    GError             **error)
{
  g_autoptr(SegMatrix) m = NULL;
  g_autoptr(SegScaleReport) r = NULL;
  g_autofree double *sum = NULL;
  g_autofree guint *count = NULL;
  g_autofree BadKind *bad = NULL;
  g_autofree gboolean *use_log = NULL;
  guint64 missing = 0;

  g_return_val_if_fail (x != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (x->n == 0 || x->p == 0)
    {
      g_set_error_literal (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                           x->n == 0 ? _("There are no customers to scale")
                                     : _("No features were chosen"));
      return NULL;
    }
  m = seg_matrix_new (x->n, x->p);
  r = report_new (x->p);
  sum = g_new0 (double, x->p);
  count = g_new0 (guint, x->p);
  bad = g_new0 (BadKind, x->p);
  use_log = g_new0 (gboolean, x->p);
  for (guint j = 0; j < x->p; j++)
    use_log[j] = log1p != NULL && log1p[j];
  copy_and_sum (x, m, use_log, sum, count, bad);
  for (guint j = 0; j < x->p; j++)
    {
      if (column_error (names, j, bad[j], count[j], error))
        return NULL;
      r->mean[j] = sum[j] / count[j];
      r->log1p[j] = use_log[j];
      r->scale[j] = 1.0;
      missing += x->n - count[j];
    }
  /* Without missing cells the imputed column is the observed one and its
   * sum is already known, bit for bit. */
  if (missing > 0)
    impute (m, r, sum);
  if (standardize)
    standardize_columns (m, r, sum);
  if (report != NULL)
    *report = g_steal_pointer (&r);
  return g_steal_pointer (&m);
}
