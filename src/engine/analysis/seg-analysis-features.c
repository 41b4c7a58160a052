/* seg-analysis-features.c — the feature matrix, k-means and PCA of an analysis (SPEC §5)
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
#include "seg-persona.h"
#include "seg-rules.h"

#define MAX_ONE_HOT_LEVELS 30
#define PLOT_SILHOUETTE_SAMPLE 5000

/* ------------------------------------------------------------- features */

static int
cmp_str (gconstpointer a,
         gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* The distinct values of a text column, sorted, for one-hot encoding. */
static GPtrArray *
levels_of (const SegColumn *col,
           guint64          n)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *levels = g_ptr_array_new ();

  for (guint64 i = 0; i < n; i++)
    if (col->text[i] && g_hash_table_add (seen, col->text[i]))
      g_ptr_array_add (levels, col->text[i]);
  g_ptr_array_sort (levels, cmp_str);
  return levels;
}

static gboolean
default_features (SegRun    *run,
                  GPtrArray *names)
{
  SegResult *r = run->result;
  SegTable *t = seg_dataset_get_customers (r->dataset);

  for (guint j = 0; j < r->n_numeric; j++)
    {
      const SegColumn *col = seg_table_find_column (t, r->numeric[j]);
      if (col->n_missing < seg_table_get_n_rows (t))
        g_ptr_array_add (names, g_strdup (r->numeric[j]));
    }
  return names->len > 0;
}

/* Columns (names) → an n × p matrix with NAN for missing cells; text columns
 * become one indicator column per value ("city=Mumbai"). */
static SegMatrix *
feature_matrix (SegRun      *run,
                char       **requested,
                GPtrArray   *out_names,
                GError     **error)
{
  SegTable *t = seg_dataset_get_customers (run->result->dataset);
  guint64 n = seg_table_get_n_rows (t);
  /* the values of each matrix column: numeric columns are read in place,
   * indicator columns are built (and owned by @owned) */
  g_autoptr(GPtrArray) cols = g_ptr_array_new ();
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  SegMatrix *m;

  for (guint k = 0; requested[k]; k++)
    {
      const SegColumn *col = seg_table_find_column (t, requested[k]);

      if (col == NULL)
        {
          g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE,
                       _("Unknown feature column “%s”"), requested[k]);
          return NULL;
        }
      if (col->n_missing == n && n > 0)
        {
          g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                       _("Feature “%s” is empty in every row: choose another column"), col->name);
          return NULL;
        }
      if (col->type == SEG_COLUMN_NUMBER || col->type == SEG_COLUMN_BOOLEAN)
        {
          g_ptr_array_add (cols, col->num);
          g_ptr_array_add (out_names, g_strdup (col->name));
        }
      else if (col->type == SEG_COLUMN_TEXT)
        {
          g_autoptr(GPtrArray) levels = levels_of (col, n);

          if (levels->len > MAX_ONE_HOT_LEVELS)
            {
              g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                           _("Feature “%s” is text with %u different values; at most %d can be one-hot encoded"),
                           col->name, levels->len, MAX_ONE_HOT_LEVELS);
              return NULL;
            }
          for (guint l = 0; l < levels->len; l++)
            {
              const char *level = g_ptr_array_index (levels, l);
              double *v = g_new (double, MAX (n, 1));
              for (guint64 i = 0; i < n; i++)
                v[i] = col->text[i] == NULL ? NAN : (g_str_equal (col->text[i], level) ? 1.0 : 0.0);
              g_ptr_array_add (owned, v);
              g_ptr_array_add (cols, v);
              g_ptr_array_add (out_names, g_strdup_printf ("%s=%s", col->name, level));
            }
        }
      else
        {
          g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                       _("Feature “%s” is a date; use a day count such as recency_days instead"), col->name);
          return NULL;
        }
    }
  /* row by row: the matrix is written once, in order */
  m = seg_matrix_new ((guint) n, cols->len);
  for (guint64 i = 0; i < n; i++)
    for (guint j = 0; j < cols->len; j++)
      m->data[i * cols->len + j] = ((const double *) g_ptr_array_index (cols, j))[i];
  return m;
}

/* Centroids in the features' own units: cluster means of the imputed values. */
static double *
centroids_of (const SegMatrix *raw,
              const SegScaleReport *scale,
              const SegKMeansResult *fit)
{
  guint p = raw->p, k = fit->k;
  double *c = g_new0 (double, (gsize) k * p);
  g_autofree guint *count = g_new0 (guint, k);

  for (guint i = 0; i < raw->n; i++)
    {
      guint l = fit->labels[i];
      count[l]++;
      for (guint j = 0; j < p; j++)
        {
          double v = raw->data[(gsize) i * p + j];
          c[(gsize) l * p + j] += isnan (v) ? (scale->log1p[j] ? expm1 (scale->mean[j]) : scale->mean[j]) : v;
        }
    }
  for (guint l = 0; l < k; l++)
    for (guint j = 0; j < p; j++)
      c[(gsize) l * p + j] = count[l] ? c[(gsize) l * p + j] / count[l] : NAN;
  return c;
}

static void
name_clusters (SegClusters *c)
{
  guint k = c->fit->k, p = c->p;
  g_autofree double *zero = g_new0 (double, MAX (p, 1));

  seg_clusters_measure_profile (c);
  c->names = g_new0 (char *, k + 1);
  c->actions = g_new0 (char *, k + 1);
  for (guint l = 0; l < k; l++)
    {
      /* an empty cluster is described as the average customer */
      const double *z = c->fit->sizes[l] ? c->profile + (gsize) l * p : zero;

      c->names[l] = seg_persona_name ((const char * const *) c->features, z, p);
      c->actions[l] = seg_persona_action ((const char * const *) c->features, z, p);
    }
  /* two clusters with the same traits still need names apart */
  for (guint l = 1; l < k; l++)
    for (guint m = 0; m < l; m++)
      if (g_str_equal (c->names[l], c->names[m]))
        {
          char *renamed = g_strdup_printf ("%s (%u)", c->names[l], l + 1);
          g_free (c->names[l]);
          c->names[l] = renamed;
          break;
        }
}

/* ----------------------------------------------------- k-means and PCA */

static void
sweep_progress (double      fraction,
                const char *message,
                gpointer    user_data)
{
  SegRun *run = user_data;
  seg_run_progress (run, 0.15 + 0.65 * fraction, message);
}

static gboolean
fit_kmeans (SegRun      *run,
            SegClusters *c,
            GError     **error)
{
  const SegAnalysisOptions *o = &run->result->options;
  guint distinct = seg_matrix_count_distinct_rows (c->scaled, MAX (o->k, o->k_max) + 1);

  if (o->k == 0 || o->k_max > 0)
    {
      SegKSweepOptions so;

      seg_ksweep_options_init (&so);
      so.k_max = MIN (o->k_max ? o->k_max : 10, distinct);
      so.k_min = MIN (MAX (o->k_min, 1), so.k_max);
      so.n_init = o->n_init;
      so.seed = o->seed;
      so.cancellable = run->cancellable;
      so.progress = sweep_progress;
      so.progress_data = run;
      if (o->k > 0 && (o->k < so.k_min || o->k > so.k_max))
        {
          g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                       o->k > distinct ? _("Only %u distinct customers: choose k ≤ %u")
                                       : _("k = %u is outside the k range %u…%u"),
                       o->k > distinct ? distinct : o->k, o->k > distinct ? distinct : so.k_min, so.k_max);
          return FALSE;
        }
      c->sweep = seg_ksweep_run (c->scaled, &so, error);
      if (c->sweep == NULL)
        return FALSE;
      for (guint i = 0; i < c->sweep->n_points; i++)
        if (c->sweep->points[i].k == (o->k ? o->k : c->sweep->suggested_k))
          c->fit = c->sweep->fits[i];
      g_assert (c->fit != NULL);
    }
  else
    {
      SegKMeansOptions ko;

      seg_kmeans_options_init (&ko, o->k);
      ko.n_init = o->n_init;
      ko.seed = o->seed;
      ko.cancellable = run->cancellable;
      c->fit = seg_kmeans_fit (c->scaled, &ko, error);
      if (c->fit == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
cluster_silhouettes (SegRun      *run,
                     SegClusters *c,
                     GError     **error)
{
  g_autoptr(SegSilhouette) s = NULL;
  guint n = c->scaled->n;

  c->silhouette = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    c->silhouette[i] = NAN;
  if (c->fit->k < 2 || c->fit->k >= n)
    return TRUE;
  /* the sweep has already computed them for every k it tried */
  for (guint i = 0; c->sweep != NULL && i < c->sweep->n_points; i++)
    if (c->sweep->fits[i] == c->fit && c->sweep->silhouettes[i] != NULL)
      {
        const SegSilhouette *kept = c->sweep->silhouettes[i];
        for (guint j = 0; j < kept->n_used; j++)
          c->silhouette[kept->rows[j]] = kept->values[j];
        c->silhouette_sampled = kept->sampled;
        return TRUE;
      }
  /* Without a sweep these values only feed the silhouette plot and the
   * customers.csv column: exact up to SEG_SILHOUETTE_EXACT_LIMIT customers, a
   * seeded sample of PLOT_SILHOUETTE_SAMPLE above (Orange samples 5,000 too);
   * the result says it was sampled. */
  s = seg_silhouette (c->scaled, c->fit->labels, n <= SEG_SILHOUETTE_EXACT_LIMIT ? 0 : PLOT_SILHOUETTE_SAMPLE,
                      run->result->options.seed, run->cancellable, error);
  if (s == NULL)
    return FALSE;
  for (guint i = 0; i < s->n_used; i++)
    c->silhouette[s->rows[i]] = s->values[i];
  c->silhouette_sampled = s->sampled;
  return TRUE;
}

static gboolean
run_kmeans (SegRun      *run,
            SegClusters *c,
            const SegMatrix *raw,
            GError     **error)
{
  SegResult *r = run->result;
  char **names;
  guint *labels;
  GError *local = NULL;

  if (!fit_kmeans (run, c, &local))
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          (r->options.required & SEG_METHOD_KMEANS))
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      seg_run_skip (run, SEG_METHOD_KMEANS, local->message);
      g_error_free (local);
      return TRUE;
    }
  seg_run_progress (run, 0.82, _("Describing clusters"));
  c->centroids = centroids_of (raw, c->scale, c->fit);
  name_clusters (c);
  if (!cluster_silhouettes (run, c, error))
    return FALSE;

  names = g_strdupv (c->names);
  labels = g_memdup2 (c->fit->labels, sizeof (guint) * MAX (c->fit->n, 1));
  r->kmeans = seg_segmentation_new (r, "kmeans", c->fit->k, names, labels);
  return TRUE;
}

gboolean
seg_analysis_run_features (SegRun  *run,
                           GError **error)
{
  SegResult *r = run->result;
  SegMethods wanted = r->options.methods & (SEG_METHOD_KMEANS | SEG_METHOD_PCA);
  g_autoptr(GPtrArray) requested = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SegMatrix) raw = NULL;
  SegClusters *c;

  if (wanted == 0)
    return TRUE;
  if (r->options.features != NULL)
    for (guint k = 0; r->options.features[k]; k++)
      g_ptr_array_add (requested, g_strdup (r->options.features[k]));
  else if (!default_features (run, requested))
    return seg_run_cannot (run, SEG_METHOD_KMEANS, _("there are no numeric columns to cluster on"), error) &&
           ((wanted & SEG_METHOD_PCA) == 0 ||
            seg_run_cannot (run, SEG_METHOD_PCA, _("there are no numeric columns"), error));
  g_ptr_array_add (requested, NULL);

  raw = feature_matrix (run, (char **) requested->pdata, names, error);
  if (raw == NULL)
    return FALSE;
  if (raw->n < 2)
    return seg_run_cannot (run, SEG_METHOD_KMEANS, _("there must be at least two customers"), error) &&
           ((wanted & SEG_METHOD_PCA) == 0 ||
            seg_run_cannot (run, SEG_METHOD_PCA, _("there must be at least two customers"), error));

  c = g_new0 (SegClusters, 1);
  c->p = names->len;
  g_ptr_array_add (names, NULL);
  c->features = (char **) g_ptr_array_steal (names, NULL);
  seg_run_progress (run, 0.12, _("Scaling features"));
  c->scaled = seg_scale_features (raw, r->options.log1p, (const char * const *) c->features,
                                  TRUE, &c->scale, error);
  if (c->scaled == NULL)
    {
      seg_clusters_free (c);
      return FALSE;
    }
  r->clusters = c;
  for (guint j = 0; j < c->p; j++)
    if (c->scale->n_imputed[j] > 0)
      g_ptr_array_add (r->notices,
                       g_strdup_printf (_("%s: %u missing values were replaced by the column mean for clustering"),
                                        c->features[j], c->scale->n_imputed[j]));

  if ((wanted & SEG_METHOD_KMEANS) && !run_kmeans (run, c, raw, error))
    return FALSE;

  if (wanted & SEG_METHOD_PCA)
    {
      seg_run_progress (run, 0.9, _("Principal components"));
      if (c->p < 2)
        return seg_run_cannot (run, SEG_METHOD_PCA, _("PCA needs at least two features"), error);
      r->pca = seg_pca_fit (c->scaled, 0, error);
      if (r->pca == NULL)
        return FALSE;
    }
  return TRUE;
}
