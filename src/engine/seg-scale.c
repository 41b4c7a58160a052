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

/* log1p and imputation of column @j in place; sets mean and n_imputed. */
static gboolean
impute_column (SegMatrix          *m,
               guint               j,
               gboolean            use_log,
               const char * const *names,
               SegScaleReport     *r,
               GError            **error)
{
  double sum = 0.0;
  guint count = 0;

  for (guint i = 0; i < m->n; i++)
    {
      double *v = &seg_matrix_row (m, i)[j];

      if (isnan (*v))
        continue;
      if (!isfinite (*v) || (use_log && *v <= -1.0))
        {
          g_autofree char *label = column_label (names, j);
          g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                       use_log && isfinite (*v)
                       ? _("Column “%s” has values of −1 or less, so it cannot be log-scaled")
                       : _("Column “%s” has an infinite value"), label);
          return FALSE;
        }
      if (use_log)
        *v = log1p (*v);
      sum += *v;
      count++;
    }
  if (count == 0)
    {
      g_autofree char *label = column_label (names, j);
      g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                   _("Column “%s” has no values: remove it from the features"), label);
      return FALSE;
    }
  r->mean[j] = sum / count;
  r->log1p[j] = use_log;
  for (guint i = 0; i < m->n; i++)
    {
      double *v = &seg_matrix_row (m, i)[j];
      if (isnan (*v))
        {
          *v = r->mean[j];
          r->n_imputed[j]++;
        }
    }
  return TRUE;
}

static void
standardize_column (SegMatrix      *m,
                    guint           j,
                    SegScaleReport *r)
{
  double mean, var = 0.0, upper;

  /* Recompute the mean over the imputed column, as StandardScaler would. */
  mean = 0.0;
  for (guint i = 0; i < m->n; i++)
    mean += seg_matrix_row (m, i)[j];
  mean /= m->n;
  for (guint i = 0; i < m->n; i++)
    {
      double d = seg_matrix_row (m, i)[j] - mean;
      var += d * d;
    }
  var /= m->n;
  upper = m->n * DBL_EPSILON * var + pow (m->n * mean * DBL_EPSILON, 2.0);
  r->mean[j] = mean;
  r->constant[j] = var <= upper;
  r->scale[j] = r->constant[j] ? 1.0 : sqrt (var);
  for (guint i = 0; i < m->n; i++)
    {
      double *v = &seg_matrix_row (m, i)[j];
      *v = (*v - mean) / r->scale[j];
    }
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

  g_return_val_if_fail (x != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (x->n == 0 || x->p == 0)
    {
      g_set_error_literal (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                           x->n == 0 ? _("There are no customers to scale")
                                     : _("No features were chosen"));
      return NULL;
    }
  m = seg_matrix_copy (x);
  r = report_new (x->p);
  for (guint j = 0; j < x->p; j++)
    {
      if (!impute_column (m, j, log1p != NULL && log1p[j], names, r, error))
        return NULL;
      if (standardize)
        standardize_column (m, j, r);
      else
        r->scale[j] = 1.0;
    }
  if (report != NULL)
    *report = g_steal_pointer (&r);
  return g_steal_pointer (&m);
}
