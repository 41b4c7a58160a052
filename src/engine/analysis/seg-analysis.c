/* seg-analysis.c — run every method on a dataset (SPEC §3–§7)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-analysis"

#include "config.h"

#include <glib/gi18n.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <string.h>

#include "seg-analysis-private.h"
#include "seg-cluster-metrics.h"
#include "seg-engine.h"
#include "seg-error.h"
#include "seg-job.h"
#include "seg-persona.h"
#include "seg-rules.h"


G_DEFINE_BOXED_TYPE (SegResult, seg_result, seg_result_ref, seg_result_unref)

/* ------------------------------------------------------------- options */

void
seg_analysis_options_init (SegAnalysisOptions *o)
{
  g_return_if_fail (o != NULL);
  memset (o, 0, sizeof *o);
  o->methods = SEG_METHOD_ALL;
  o->k_min = 1;
  o->k_max = 10;
  o->n_init = 10;
  o->rfm_bins = 5;
  o->rfm_method = SEG_RFM_METHOD_NTILE;
  o->churn_days = 180;
  o->churn_days_auto = TRUE;
  o->clv_method = SEG_CLV_METHOD_AUTO;
  o->clv_months = 12;
  o->clv_discount = 0.01;
}

void
seg_analysis_options_clear (SegAnalysisOptions *o)
{
  g_return_if_fail (o != NULL);
  g_clear_pointer (&o->rules, seg_rule_set_unref);
  g_clear_pointer (&o->features, g_strfreev);
  g_clear_pointer (&o->log1p, g_free);
  g_clear_pointer (&o->rfm_map, seg_rfm_map_free);
  g_clear_pointer (&o->churn_label, g_free);
  g_clear_pointer (&o->clv_formula, g_free);
}

void
seg_analysis_options_copy (const SegAnalysisOptions *src,
                           SegAnalysisOptions       *dest)
{
  g_return_if_fail (src != NULL && dest != NULL);
  *dest = *src;
  dest->rules = src->rules ? seg_rule_set_ref (src->rules) : NULL;
  dest->features = g_strdupv (src->features);
  dest->log1p = src->log1p && src->features
                  ? g_memdup2 (src->log1p, sizeof (gboolean) * g_strv_length (src->features)) : NULL;
  dest->rfm_map = src->rfm_map ? seg_rfm_map_copy (src->rfm_map) : NULL;
  dest->churn_label = g_strdup (src->churn_label);
  dest->clv_formula = g_strdup (src->clv_formula);
}

static const struct { SegClvMethod method; const char *name; } clv_names[] = {
  { SEG_CLV_METHOD_AUTO, "auto" }, { SEG_CLV_METHOD_HISTORICAL, "historical" },
  { SEG_CLV_METHOD_RFM_PROXY, "rfm-proxy" }, { SEG_CLV_METHOD_FORMULA, "formula" },
  { SEG_CLV_METHOD_BGNBD, "bgnbd" },
};

gboolean
seg_clv_method_parse (const char   *text,
                      SegClvMethod *method)
{
  g_return_val_if_fail (text != NULL && method != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (clv_names); i++)
    if (g_ascii_strcasecmp (text, clv_names[i].name) == 0)
      {
        *method = clv_names[i].method;
        return TRUE;
      }
  return FALSE;
}

const char *
seg_clv_method_to_string (SegClvMethod method)
{
  for (guint i = 0; i < G_N_ELEMENTS (clv_names); i++)
    if (clv_names[i].method == method)
      return clv_names[i].name;
  return "auto";
}

static const struct { SegMethods method; const char *name; } method_names[] = {
  { SEG_METHOD_RULES, "rules" }, { SEG_METHOD_RFM, "rfm" }, { SEG_METHOD_KMEANS, "kmeans" },
  { SEG_METHOD_PCA, "pca" }, { SEG_METHOD_CHURN, "churn" }, { SEG_METHOD_CLV, "clv" },
};

const char *
seg_analysis_method_name (SegMethods method)
{
  for (guint i = 0; i < G_N_ELEMENTS (method_names); i++)
    if (method_names[i].method == method)
      return method_names[i].name;
  return "metrics";
}

gboolean
seg_methods_parse (const char *list,
                   SegMethods *methods,
                   GError    **error)
{
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (list != NULL && methods != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  parts = g_strsplit (list, ",", -1);
  *methods = 0;
  for (guint i = 0; parts[i]; i++)
    {
      const char *part = g_strstrip (parts[i]);
      gboolean known = g_str_equal (part, "metrics") || g_str_equal (part, "all");

      if (g_str_equal (part, "all"))
        *methods = SEG_METHOD_ALL;
      for (guint k = 0; k < G_N_ELEMENTS (method_names); k++)
        if (g_str_equal (part, method_names[k].name))
          {
            *methods |= method_names[k].method;
            known = TRUE;
          }
      if (!known)
        {
          g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE,
                       _("Unknown method “%s”: use metrics, rules, rfm, kmeans, pca, churn or clv"), part);
          return FALSE;
        }
    }
  return TRUE;
}

/* ----------------------------------------------------------- run state */

void
seg_run_skip (SegRun     *run,
              SegMethods  method,
              const char *reason)
{
  SegSkipped *s = g_new0 (SegSkipped, 1);

  s->method = g_strdup (seg_analysis_method_name (method));
  s->reason = g_strdup (reason);
  g_ptr_array_add (run->result->skipped, s);
}

/* A method that cannot run: an error when it was asked for, else skipped. */
gboolean
seg_run_cannot (SegRun     *run,
                SegMethods  method,
                const char *reason,
                GError    **error)
{
  if (run->result->options.required & method)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT, "%s: %s",
                   seg_analysis_method_name (method), reason);
      return FALSE;
    }
  seg_run_skip (run, method, reason);
  return TRUE;
}

static void
skipped_free (SegSkipped *s)
{
  g_free (s->method);
  g_free (s->reason);
  g_free (s);
}

void
seg_run_progress (SegRun     *run,
                  double      fraction,
                  const char *message)
{
  if (run->progress)
    run->progress (fraction, message, run->progress_data);
}

static gboolean
is_identifier (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  return g_str_equal (lower, "id") || g_str_has_suffix (lower, "_id") ||
         g_str_has_suffix (lower, " id") || (g_str_has_suffix (name, "ID") && strlen (name) > 2);
}

static void
collect_numeric (SegResult *r)
{
  SegTable *t = seg_dataset_get_customers (r->dataset);
  GPtrArray *names = g_ptr_array_new ();
  guint64 n = seg_table_get_n_rows (t);

  for (guint c = 0; c < seg_table_get_n_columns (t); c++)
    {
      const SegColumn *col = seg_table_get_column (t, c);
      if (col->type == SEG_COLUMN_NUMBER && !is_identifier (col->name))
        g_ptr_array_add (names, g_strdup (col->name));
    }
  r->n_numeric = names->len;
  g_ptr_array_add (names, NULL);
  r->numeric = (char **) g_ptr_array_free (names, FALSE);
  r->overall_mean = g_new0 (double, MAX (r->n_numeric, 1));
  r->overall_sd = g_new0 (double, MAX (r->n_numeric, 1));
  for (guint j = 0; j < r->n_numeric; j++)
    {
      const SegColumn *col = seg_table_find_column (t, r->numeric[j]);
      double sum = 0, sq = 0;
      guint64 m = 0;

      for (guint64 i = 0; i < n; i++)
        if (!isnan (col->num[i]))
          {
            sum += col->num[i];
            m++;
          }
      r->overall_mean[j] = m ? sum / (double) m : NAN;
      for (guint64 i = 0; i < n; i++)
        if (!isnan (col->num[i]))
          sq += (col->num[i] - r->overall_mean[j]) * (col->num[i] - r->overall_mean[j]);
      r->overall_sd[j] = m ? sqrt (sq / (double) m) : NAN;
    }
}

/* ------------------------------------------------------- segmentations */

/* Median as numpy's default (type 7) gives it: the middle value, or the mean
 * of the two middle values; GSL finds it by quickselect (reorders @values). */
static double
median_of (double *values,
           guint   n)
{
  return n == 0 ? NAN : gsl_stats_median (values, 1, n);
}

/* Figures of one segment from its rows (ascending, so sums add up in the
 * same order as a plain scan of the table would). */
static void
summarise_segment (SegResult     *r,
                   SegSegment    *s,
                   const guint64 *rows,
                   guint64        count,
                   double        *buf)
{
  SegTable *t = seg_dataset_get_customers (r->dataset);
  guint64 n = seg_table_get_n_rows (t);
  const SegColumn *spent = seg_table_find_column (t, "total_spent");

  s->means = g_new (double, MAX (r->n_numeric, 1));
  s->medians = g_new (double, MAX (r->n_numeric, 1));
  s->z = g_new (double, MAX (r->n_numeric, 1));
  s->customers = (guint) count;
  s->total_spent = spent ? 0 : NAN;
  for (guint64 k = 0; spent && k < count; k++)
    if (!isnan (spent->num[rows[k]]))
      s->total_spent += spent->num[rows[k]];
  s->share = n ? (double) s->customers / (double) n : 0;
  s->avg_spent = spent && s->customers ? s->total_spent / s->customers : NAN;

  for (guint j = 0; j < r->n_numeric; j++)
    {
      const SegColumn *col = seg_table_find_column (t, r->numeric[j]);
      guint m = 0;
      double sum = 0;

      for (guint64 k = 0; k < count; k++)
        if (!isnan (col->num[rows[k]]))
          {
            buf[m++] = col->num[rows[k]];
            sum += col->num[rows[k]];
          }
      s->means[j] = m ? sum / m : NAN;
      s->medians[j] = median_of (buf, m);
      s->z[j] = r->overall_sd[j] > 0 ? (s->means[j] - r->overall_mean[j]) / r->overall_sd[j] : 0;
    }
}

/* One pass over the labels instead of one per segment: the rows of each
 * segment, grouped by a stable counting sort. */
SegSegmentation *
seg_segmentation_new (SegResult  *r,
                      const char *method,
                      guint       n_segments,
                      char      **names,
                      guint      *labels)
{
  SegSegmentation *seg = g_new0 (SegSegmentation, 1);
  guint64 n = seg_table_get_n_rows (seg_dataset_get_customers (r->dataset));
  g_autofree guint64 *start = g_new0 (guint64, n_segments + 1);
  g_autofree guint64 *fill = NULL;
  g_autofree guint64 *rows = g_new (guint64, MAX (n, 1));
  g_autofree double *buf = g_new (double, MAX (n, 1));

  for (guint64 i = 0; i < n; i++)
    if (labels[i] < n_segments)
      start[labels[i] + 1]++;
  for (guint s = 0; s < n_segments; s++)
    start[s + 1] += start[s];
  fill = g_memdup2 (start, sizeof (guint64) * (n_segments + 1));
  for (guint64 i = 0; i < n; i++)
    if (labels[i] < n_segments)
      rows[fill[labels[i]]++] = i;

  seg->method = method;
  seg->n_segments = n_segments;
  seg->labels = labels;
  seg->segments = g_new0 (SegSegment, MAX (n_segments, 1));
  for (guint s = 0; s < n_segments; s++)
    {
      seg->segments[s].name = g_strdup (names[s]);
      summarise_segment (r, &seg->segments[s], rows + start[s], start[s + 1] - start[s], buf);
    }
  g_strfreev (names);
  return seg;
}

void
seg_segmentation_free (SegSegmentation *seg)
{
  if (seg == NULL)
    return;
  for (guint s = 0; s < seg->n_segments; s++)
    {
      g_free (seg->segments[s].name);
      g_free (seg->segments[s].means);
      g_free (seg->segments[s].medians);
      g_free (seg->segments[s].z);
    }
  g_free (seg->segments);
  g_free (seg->labels);
  g_free (seg);
}

/* ----------------------------------------------------------------- RFM */

static gboolean
run_rfm (SegRun  *run,
         GError **error)
{
  SegResult *r = run->result;
  SegTable *t = seg_dataset_get_customers (r->dataset);
  guint64 n = seg_table_get_n_rows (t);
  const SegColumn *rec = seg_table_find_column (t, "recency_days");
  const SegColumn *freq = seg_table_find_column (t, "txn_count");
  const SegColumn *mon = seg_table_find_column (t, "total_spent");
  const SegColumn *ids = seg_table_find_column (t, "customer_id");
  g_auto(GStrv) names = NULL;
  guint n_names, bins = r->options.rfm_bins;
  guint *labels;
  gboolean any_unscored = FALSE;
  g_autoptr(GError) local = NULL;

  if (!seg_dataset_has_transactions (r->dataset) || rec == NULL || freq == NULL || mon == NULL)
    return seg_run_cannot (run, SEG_METHOD_RFM, _("RFM needs a transaction log"), error);

  r->rfm_scores = seg_rfm_score ((const char * const *) ids->text, rec->num, freq->num, mon->num,
                                 n, bins, r->options.rfm_method, &local);
  if (r->rfm_scores == NULL)
    return seg_run_cannot (run, SEG_METHOD_RFM, local->message, error);
  r->rfm_map = r->options.rfm_map ? seg_rfm_map_copy (r->options.rfm_map) : seg_rfm_map_new_default (bins);
  r->rfm_counts = g_new0 (guint, bins * bins);
  r->rfm_monetary = g_new0 (double, bins * bins);
  seg_rfm_cell_stats (r->rfm_scores, mon->num, r->rfm_counts, r->rfm_monetary);
  r->rfm_ties[0] = seg_rfm_count_boundary_ties (rec->num, r->rfm_scores->r, n);
  r->rfm_ties[1] = seg_rfm_count_boundary_ties (freq->num, r->rfm_scores->f, n);
  r->rfm_ties[2] = seg_rfm_count_boundary_ties (mon->num, r->rfm_scores->m, n);

  names = seg_rfm_map_list_names (r->rfm_map);
  n_names = g_strv_length (names);
  labels = g_new (guint, MAX (n, 1));
  for (guint64 i = 0; i < n; i++)
    {
      const char *name = seg_rfm_segment_of (r->rfm_scores, r->rfm_map, i);
      labels[i] = n_names;   /* "No purchases" comes last */
      for (guint k = 0; k < n_names; k++)
        if (g_str_equal (names[k], name))
          labels[i] = k;
      any_unscored |= labels[i] == n_names;
    }
  if (any_unscored)
    {
      GStrvBuilder *b = g_strv_builder_new ();
      g_strv_builder_addv (b, (const char **) names);
      g_strv_builder_add (b, seg_rfm_map_get_name (r->rfm_map, 0, 0));
      g_strfreev (names);
      names = g_strv_builder_end (b);
      g_strv_builder_unref (b);
      n_names++;
    }
  r->rfm = seg_segmentation_new (r, "rfm", n_names, g_steal_pointer (&names), labels);
  return TRUE;
}

/* ------------------------------------------------------------ the run */

static void
feature_part_clear (SegFeaturePart *part)
{
  seg_segmentation_free (part->kmeans);
  seg_clusters_free (part->clusters);
  g_clear_pointer (&part->pca, seg_pca_free);
  g_ptr_array_unref (part->skipped);
  g_ptr_array_unref (part->notices);
}

static gboolean
same_strv (char **a,
           char **b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

static gboolean
same_feature_settings (const SegAnalysisOptions *a,
                       const SegAnalysisOptions *b)
{
  guint p = a->features ? g_strv_length (a->features) : 0;

  return (a->methods & (SEG_METHOD_KMEANS | SEG_METHOD_PCA)) ==
         (b->methods & (SEG_METHOD_KMEANS | SEG_METHOD_PCA)) &&
         a->required == b->required && same_strv (a->features, b->features) &&
         ((a->log1p == NULL && b->log1p == NULL) ||
          (a->log1p && b->log1p && memcmp (a->log1p, b->log1p, sizeof (gboolean) * p) == 0)) &&
         a->k == b->k && a->k_min == b->k_min && a->k_max == b->k_max &&
         a->n_init == b->n_init && a->seed == b->seed;
}

static void
adopt_part (SegResult      *r,
            SegFeaturePart *part)
{
  r->features = part;
  r->kmeans = part->kmeans;
  r->clusters = part->clusters;
  r->pca = part->pca;
  for (guint i = 0; i < part->skipped->len; i++)
    {
      const SegSkipped *s = g_ptr_array_index (part->skipped, i);
      SegSkipped *copy = g_new0 (SegSkipped, 1);
      copy->method = g_strdup (s->method);
      copy->reason = g_strdup (s->reason);
      g_ptr_array_add (r->skipped, copy);
    }
  for (guint i = 0; i < part->notices->len; i++)
    g_ptr_array_add (r->notices, g_strdup (g_ptr_array_index (part->notices, i)));
}

/* Runs k-means and PCA into a part of their own, so it can be shared. */
static gboolean
run_feature_part (SegRun  *run,
                  GError **error)
{
  SegResult *r = run->result;
  guint skipped0 = r->skipped->len, notices0 = r->notices->len;
  SegFeaturePart *part = g_rc_box_new0 (SegFeaturePart);

  part->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) skipped_free);
  part->notices = g_ptr_array_new_with_free_func (g_free);
  r->features = part;
  if (!seg_analysis_run_features (run, error))
    {
      part->kmeans = r->kmeans;
      part->clusters = r->clusters;
      part->pca = r->pca;
      return FALSE;
    }
  part->kmeans = r->kmeans;
  part->clusters = r->clusters;
  part->pca = r->pca;
  for (guint i = skipped0; i < r->skipped->len; i++)
    {
      const SegSkipped *s = g_ptr_array_index (r->skipped, i);
      SegSkipped *copy = g_new0 (SegSkipped, 1);
      copy->method = g_strdup (s->method);
      copy->reason = g_strdup (s->reason);
      g_ptr_array_add (part->skipped, copy);
    }
  for (guint i = notices0; i < r->notices->len; i++)
    g_ptr_array_add (part->notices, g_strdup (g_ptr_array_index (r->notices, i)));
  return TRUE;
}

SegResult *
seg_result_new (SegDataset               *dataset,
                const SegAnalysisOptions *options)
{
  SegResult *r = g_new0 (SegResult, 1);

  g_atomic_ref_count_init (&r->ref_count);
  r->churn_suggested_days = NAN;
  r->dataset = seg_dataset_ref (dataset);
  seg_analysis_options_copy (options, &r->options);
  r->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) skipped_free);
  r->notices = g_ptr_array_new_with_free_func (g_free);
  collect_numeric (r);
  return r;
}

void
seg_result_set_features (SegResult       *r,
                         SegSegmentation *kmeans,
                         SegClusters     *clusters,
                         SegPca          *pca)
{
  SegFeaturePart *part = g_rc_box_new0 (SegFeaturePart);

  g_return_if_fail (r->features == NULL);
  part->kmeans = kmeans;
  part->clusters = clusters;
  part->pca = pca;
  part->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) skipped_free);
  part->notices = g_ptr_array_new_with_free_func (g_free);
  r->features = part;
  r->kmeans = kmeans;
  r->clusters = clusters;
  r->pca = pca;
}

SegResult *
seg_analysis_rerun (SegResult                *previous,
                    SegDataset               *dataset,
                    const SegAnalysisOptions *options,
                    GCancellable             *cancellable,
                    SegProgressFunc           progress_cb,
                    gpointer                  user_data,
                    GError                  **error)
{
  SegAnalysisOptions defaults;
  SegResult *r;
  SegRun run;
  gboolean ok;

  seg_engine_init ();
  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      seg_analysis_options_init (&defaults);
      options = &defaults;
    }
  r = seg_result_new (dataset, options);
  run = (SegRun) { r, cancellable, progress_cb, user_data };

  seg_run_progress (&run, 0.0, _("Applying rules"));
  ok = (!(options->methods & SEG_METHOD_RULES) || seg_analysis_run_rules (&run, error)) &&
       !g_cancellable_set_error_if_cancelled (cancellable, error);
  seg_run_progress (&run, 0.05, _("Scoring RFM"));
  ok = ok && (!(options->methods & SEG_METHOD_RFM) || run_rfm (&run, error));
  if (ok && previous != NULL && previous->dataset == dataset && previous->features != NULL &&
      same_feature_settings (&previous->options, options))
    adopt_part (r, g_rc_box_acquire (previous->features));
  else if (ok)
    ok = run_feature_part (&run, error);
  if (ok && (options->methods & SEG_METHOD_CHURN))
    {
      seg_run_progress (&run, 0.93, _("Predicting churn"));
      ok = seg_analysis_run_churn (&run, error) &&
           !g_cancellable_set_error_if_cancelled (cancellable, error);
    }
  if (ok && (options->methods & SEG_METHOD_CLV))
    {
      seg_run_progress (&run, 0.96, _("Customer lifetime value"));
      ok = seg_analysis_run_clv (&run, error) &&
           !g_cancellable_set_error_if_cancelled (cancellable, error);
    }
  if (!ok)
    {
      seg_result_unref (r);
      return NULL;
    }
  seg_run_progress (&run, 1.0, _("Done"));
  return r;
}

SegResult *
seg_analysis_run (SegDataset               *dataset,
                  const SegAnalysisOptions *options,
                  GCancellable             *cancellable,
                  SegProgressFunc           progress_cb,
                  gpointer                  user_data,
                  GError                  **error)
{
  return seg_analysis_rerun (NULL, dataset, options, cancellable, progress_cb, user_data, error);
}

typedef struct
{
  SegDataset        *dataset;
  SegAnalysisOptions options;
  SegResult         *previous;
} AsyncData;

static void
async_data_free (AsyncData *d)
{
  seg_dataset_unref (d->dataset);
  seg_analysis_options_clear (&d->options);
  g_clear_pointer (&d->previous, seg_result_unref);
  g_free (d);
}

static gpointer
analysis_job (gpointer         data,
              GCancellable    *cancellable,
              SegProgressFunc  progress,
              gpointer         progress_data,
              GError         **error)
{
  AsyncData *d = data;

  return seg_analysis_rerun (d->previous, d->dataset, &d->options, cancellable, progress, progress_data, error);
}

void
seg_analysis_run_async (SegDataset               *dataset,
                        const SegAnalysisOptions *options,
                        SegResult                *previous,
                        GCancellable             *cancellable,
                        SegProgressFunc           progress_cb,
                        gpointer                  progress_data,
                        GAsyncReadyCallback       callback,
                        gpointer                  user_data)
{
  AsyncData *d;

  g_return_if_fail (dataset != NULL);
  g_return_if_fail (options != NULL);

  d = g_new0 (AsyncData, 1);
  d->dataset = seg_dataset_ref (dataset);
  seg_analysis_options_copy (options, &d->options);
  d->previous = previous ? seg_result_ref (previous) : NULL;
  seg_job_run_async (analysis_job, d, (GDestroyNotify) async_data_free, (GDestroyNotify) seg_result_unref,
                     seg_analysis_run_async, cancellable, progress_cb, progress_data, callback, user_data);
}

SegResult *
seg_analysis_run_finish (GAsyncResult *result,
                         GError      **error)
{
  return seg_job_run_finish (result, seg_analysis_run_async, error);
}

/* ---------------------------------------------------------- accessors */

SegResult *
seg_result_ref (SegResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  g_atomic_ref_count_inc (&result->ref_count);
  return result;
}

void
seg_result_unref (SegResult *r)
{
  g_return_if_fail (r != NULL);
  if (!g_atomic_ref_count_dec (&r->ref_count))
    return;
  seg_segmentation_free (r->rules);
  g_clear_pointer (&r->rule_set, seg_rule_set_unref);
  seg_segmentation_free (r->rfm);
  g_clear_pointer (&r->rfm_scores, seg_rfm_scores_free);
  g_clear_pointer (&r->rfm_map, seg_rfm_map_free);
  g_free (r->rfm_counts);
  g_free (r->rfm_monetary);
  if (r->features != NULL)
    g_rc_box_release_full (r->features, (GDestroyNotify) feature_part_clear);
  g_clear_pointer (&r->churn, seg_churn_free);
  g_clear_pointer (&r->clv, seg_clv_free);
  g_strfreev (r->numeric);
  g_free (r->overall_mean);
  g_free (r->overall_sd);
  g_ptr_array_unref (r->skipped);
  g_ptr_array_unref (r->notices);
  seg_analysis_options_clear (&r->options);
  seg_dataset_unref (r->dataset);
  g_free (r);
}

SegDataset *seg_result_get_dataset (const SegResult *r) { return r->dataset; }
SegTable *seg_result_get_customers (const SegResult *r) { return seg_dataset_get_customers (r->dataset); }
const SegAnalysisOptions *seg_result_get_options (const SegResult *r) { return &r->options; }
guint seg_result_get_n_numeric (const SegResult *r) { return r->n_numeric; }
const SegSegmentation *seg_result_get_rules (const SegResult *r) { return r->rules; }
const SegRuleSet *seg_result_get_rule_set (const SegResult *r) { return r->rule_set; }
const SegSegmentation *seg_result_get_rfm (const SegResult *r) { return r->rfm; }
const SegRfmScores *seg_result_get_rfm_scores (const SegResult *r) { return r->rfm_scores; }
const SegRfmMap *seg_result_get_rfm_map (const SegResult *r) { return r->rfm_map; }
const SegSegmentation *seg_result_get_kmeans (const SegResult *r) { return r->kmeans; }
const SegClusters *seg_result_get_clusters (const SegResult *r) { return r->clusters; }
const SegPca *seg_result_get_pca (const SegResult *r) { return r->pca; }
const SegChurn *seg_result_get_churn (const SegResult *r) { return r->churn; }
const SegClv *seg_result_get_clv (const SegResult *r) { return r->clv; }
GPtrArray *seg_result_get_skipped (const SegResult *r) { return r->skipped; }
GPtrArray *seg_result_get_notices (const SegResult *r) { return r->notices; }
double seg_result_get_churn_suggested_days (const SegResult *r) { return r->churn_suggested_days; }

const char *
seg_result_get_numeric_name (const SegResult *r,
                             guint            index)
{
  g_return_val_if_fail (r != NULL && index < r->n_numeric, NULL);
  return r->numeric[index];
}

const SegSegmentation *
seg_result_get_segmentation (const SegResult *r,
                             const char      *method)
{
  g_return_val_if_fail (r != NULL, NULL);
  if (g_strcmp0 (method, "rules") == 0)
    return r->rules;
  if (g_strcmp0 (method, "rfm") == 0)
    return r->rfm;
  if (g_strcmp0 (method, "kmeans") == 0 || g_strcmp0 (method, "clusters") == 0)
    return r->kmeans;
  return NULL;
}

void
seg_result_segmentations (const SegResult        *r,
                          const SegSegmentation **out)
{
  out[0] = r->rules;
  out[1] = r->rfm;
  out[2] = r->kmeans;
}

void
seg_by_segment_clear (SegBySegment *by)
{
  g_clear_pointer (&by->customers, g_free);
  g_clear_pointer (&by->churn_rate, g_free);
  g_clear_pointer (&by->mean_probability, g_free);
  g_clear_pointer (&by->avg_clv, g_free);
  g_clear_pointer (&by->total_clv, g_free);
  by->n_segments = 0;
}

const SegBySegment *
seg_by_segment_find (const SegBySegment *by,
                     const char         *method)
{
  g_return_val_if_fail (by != NULL, NULL);
  if (g_strcmp0 (method, "clusters") == 0)
    method = "kmeans";
  for (guint i = 0; i < SEG_N_SEGMENTATIONS; i++)
    if (by[i].method != NULL && g_strcmp0 (by[i].method, method) == 0)
      return &by[i];
  return NULL;
}
