/* seg-analysis-apply.c — scoring new data with the models of a saved analysis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-analysis-apply"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-analysis-apply.h"
#include "seg-analysis-file-private.h"
#include "seg-analysis-private.h"
#include "seg-cluster-metrics.h"
#include "seg-error.h"
#include "seg-rules.h"

#define PLOT_SILHOUETTE_SAMPLE 5000

static gboolean
damaged (SegAnalysisFile *file,
         const char      *member,
         GError         **error)
{
  const char *path = seg_analysis_file_get_path (file);

  g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
               _("%s: this analysis file is damaged: “%s” is missing or has the wrong kind of value"),
               path ? path : _("analysis file"), member);
  return FALSE;
}

/* ----------------------------------------------------------------- RFM */

typedef struct
{
  gboolean present;
  double   value;
  char    *id;
} Threshold;

static Threshold *
read_thresholds (JsonObject *o,
                 const char *member,
                 guint       bins)
{
  JsonNode *n = json_object_get_member (o, member);
  JsonArray *a;
  Threshold *t;

  if (n == NULL || !JSON_NODE_HOLDS_ARRAY (n) || json_array_get_length (a = json_node_get_array (n)) != bins - 1)
    return NULL;
  t = g_new0 (Threshold, bins);
  for (guint s = 0; s + 1 < bins; s++)
    {
      JsonNode *e = json_array_get_element (a, s);
      if (JSON_NODE_HOLDS_OBJECT (e))
        {
          JsonObject *eo = json_node_get_object (e);
          t[s].present = seg_json_get_number (eo, "value", &t[s].value);
          t[s].id = g_strdup (seg_json_get_string (eo, "id"));
        }
    }
  return t;
}

static void
thresholds_free (Threshold *t,
                 guint      bins)
{
  for (guint s = 0; t != NULL && s < bins; s++)
    g_free (t[s].id);
  g_free (t);
}

static guint8
score_of (double            value,
          const char       *id,
          const Threshold  *t,
          guint             bins,
          gboolean          descending,
          gboolean          use_ids)
{
  guint8 score = 1;

  for (guint s = 0; s + 1 < bins; s++)
    if (t[s].present
        && seg_analysis_file_compare_rfm_order (value, id, t[s].value, t[s].id, descending, use_ids) >= 0)
      score = (guint8) (s + 2);
  return score;
}

static gboolean
apply_rfm (SegRun          *run,
           SegAnalysisFile *file,
           JsonObject      *m,
           GError         **error)
{
  SegResult *r = run->result;
  SegTable *t = seg_dataset_get_customers (r->dataset);
  guint64 n = seg_table_get_n_rows (t);
  const SegColumn *rec = seg_table_find_column (t, "recency_days");
  const SegColumn *freq = seg_table_find_column (t, "txn_count");
  const SegColumn *mon = seg_table_find_column (t, "total_spent");
  const SegColumn *ids = seg_table_find_column (t, "customer_id");
  JsonObject *th = seg_json_get_object (m, "thresholds");
  double bins_d = 0;
  guint bins;
  gboolean use_ids;
  Threshold *tr = NULL, *tf = NULL, *tm = NULL;
  g_auto(GStrv) names = NULL;
  SegRfmScores *s;
  guint n_names, *labels;
  gboolean any_unscored = FALSE, ok = FALSE;

  if (!seg_dataset_has_transactions (r->dataset) || rec == NULL || freq == NULL || mon == NULL || ids == NULL)
    return seg_run_cannot (run, SEG_METHOD_RFM, _("RFM needs a transaction log"), error);
  if (!seg_json_get_number (m, "bins", &bins_d) || (bins_d != 4 && bins_d != 5))
    return damaged (file, "models.rfm.bins", error);
  bins = (guint) bins_d;
  use_ids = g_strcmp0 (seg_json_get_string (m, "method"), "qcut") != 0;
  r->rfm_map = seg_json_get_rfm_map (m, "map", bins);
  if (r->rfm_map == NULL || th == NULL ||
      (tr = read_thresholds (th, "recency", bins)) == NULL ||
      (tf = read_thresholds (th, "frequency", bins)) == NULL ||
      (tm = read_thresholds (th, "monetary", bins)) == NULL)
    {
      damaged (file, "models.rfm", error);
      goto out;
    }
  s = g_new0 (SegRfmScores, 1);
  r->rfm_scores = s;
  s->n = n;
  s->bins = bins;
  s->method = use_ids ? SEG_RFM_METHOD_NTILE : SEG_RFM_METHOD_QCUT;
  s->r = g_new0 (guint8, MAX (n, 1));
  s->f = g_new0 (guint8, MAX (n, 1));
  s->m = g_new0 (guint8, MAX (n, 1));
  for (guint64 i = 0; i < n; i++)
    {
      if (!isfinite (rec->num[i]) || !isfinite (freq->num[i]) || !isfinite (mon->num[i]))
        continue;
      s->n_scored++;
      s->r[i] = score_of (rec->num[i], ids->text[i], tr, bins, TRUE, use_ids);
      s->f[i] = score_of (freq->num[i], ids->text[i], tf, bins, FALSE, use_ids);
      s->m[i] = score_of (mon->num[i], ids->text[i], tm, bins, FALSE, use_ids);
    }
  r->rfm_counts = g_new0 (guint, bins * bins);
  r->rfm_monetary = g_new0 (double, bins * bins);
  seg_rfm_cell_stats (s, mon->num, r->rfm_counts, r->rfm_monetary);
  r->rfm_ties[0] = seg_rfm_count_boundary_ties (rec->num, s->r, n);
  r->rfm_ties[1] = seg_rfm_count_boundary_ties (freq->num, s->f, n);
  r->rfm_ties[2] = seg_rfm_count_boundary_ties (mon->num, s->m, n);

  /* the segments as seg-analysis.c names them */
  names = seg_rfm_map_list_names (r->rfm_map);
  n_names = g_strv_length (names);
  labels = g_new (guint, MAX (n, 1));
  for (guint64 i = 0; i < n; i++)
    {
      const char *name = seg_rfm_segment_of (s, r->rfm_map, i);
      labels[i] = n_names;
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
  ok = TRUE;
out:
  thresholds_free (tr, bins);
  thresholds_free (tf, bins);
  thresholds_free (tm, bins);
  return ok;
}

/* ------------------------------------------------------ k-means and PCA */

/* The customers' feature matrix in the saved scaling: the same operations,
 * in the same order, as seg_scale_features (), with the saved means and
 * deviations instead of this data's. */
static SegMatrix *
scaled_matrix (SegRun          *run,
               JsonObject      *scaling,
               SegScaleReport **report,
               char          ***names,
               GError         **error)
{
  SegResult *r = run->result;
  SegTable *t = seg_dataset_get_customers (r->dataset);
  guint64 n = seg_table_get_n_rows (t);
  JsonNode *cols_node = json_object_get_member (scaling, "columns");
  JsonArray *cols;
  JsonNode *log_node = json_object_get_member (scaling, "log1p");
  g_autofree double *mean = NULL, *scale = NULL;
  g_autoptr(SegScaleReport) rep = NULL;
  g_autoptr(GPtrArray) out_names = g_ptr_array_new_with_free_func (g_free);
  SegMatrix *x;
  guint p;

  if (cols_node == NULL || !JSON_NODE_HOLDS_ARRAY (cols_node) || log_node == NULL || !JSON_NODE_HOLDS_ARRAY (log_node))
    return NULL;
  cols = json_node_get_array (cols_node);
  p = json_array_get_length (cols);
  if (p == 0 || json_array_get_length (json_node_get_array (log_node)) != p ||
      (mean = seg_json_get_numbers (scaling, "mean", p, NULL)) == NULL ||
      (scale = seg_json_get_numbers (scaling, "scale", p, NULL)) == NULL)
    return NULL;

  rep = g_new0 (SegScaleReport, 1);
  rep->p = p;
  rep->mean = g_steal_pointer (&mean);
  rep->scale = g_steal_pointer (&scale);
  rep->n_imputed = g_new0 (guint, p + 1);
  rep->constant = g_new0 (gboolean, p + 1);
  rep->log1p = g_new0 (gboolean, p + 1);
  x = seg_matrix_new ((guint) n, p);
  for (guint j = 0; j < p; j++)
    {
      JsonObject *c = json_array_get_object_element (cols, j);
      const char *name = seg_json_get_string (c, "name");
      const char *column = seg_json_get_string (c, "column");
      const char *level = seg_json_get_string (c, "level");
      const SegColumn *col = column ? seg_table_find_column (t, column) : NULL;
      gsize invalid = 0;

      rep->log1p[j] = json_array_get_boolean_element (json_node_get_array (log_node), j);
      rep->constant[j] = rep->scale[j] == 1.0;
      if (name == NULL || col == NULL || (level != NULL) != (col->type == SEG_COLUMN_TEXT) ||
          col->type == SEG_COLUMN_DATE)
        {
          g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                       _("The saved clusters use the column “%s”, which the new data does not have "
                         "(or not as the same kind of values)"), column ? column : "?");
          seg_matrix_free (x);
          return NULL;
        }
      g_ptr_array_add (out_names, g_strdup (name));
      for (guint64 i = 0; i < n; i++)
        {
          double v = level != NULL ? (col->text[i] == NULL ? NAN : (g_str_equal (col->text[i], level) ? 1.0 : 0.0))
                                   : col->num[i];
          if (!isnan (v) && rep->log1p[j])
            {
              if (!isfinite (v) || v <= -1.0)
                {
                  invalid++;
                  v = NAN;
                }
              else
                v = log1p (v);
            }
          if (isnan (v))
            {
              v = rep->mean[j];
              rep->n_imputed[j]++;
            }
          x->data[(gsize) i * p + j] = (v - rep->mean[j]) / rep->scale[j];
        }
      if (invalid > 0)
        g_ptr_array_add (r->notices, g_strdup_printf (_("%s: %zu values of −1 or less cannot be "
                                                        "log-scaled and were treated as missing"), name, invalid));
      if (rep->n_imputed[j] > 0)
        g_ptr_array_add (r->notices,
                         g_strdup_printf (_("%s: %u missing values were replaced by the saved column mean for clustering"),
                                          name, rep->n_imputed[j]));
    }
  g_ptr_array_add (out_names, NULL);
  *names = (char **) g_ptr_array_steal (out_names, NULL);
  *report = g_steal_pointer (&rep);
  return x;
}

/* Nearest centre by squared distance; ties to the lower cluster, as in the fit. */
static guint
nearest (const double *row,
         const double *centers,
         guint         k,
         guint         p)
{
  guint best = 0;
  double best_d = INFINITY;

  for (guint c = 0; c < k; c++)
    {
      double d = 0;
      for (guint j = 0; j < p; j++)
        {
          double diff = row[j] - centers[(gsize) c * p + j];
          d += diff * diff;
        }
      if (d < best_d)
        {
          best_d = d;
          best = c;
        }
    }
  return best;
}

static char **
names_with_personas (char                 **saved,
                     guint                  k,
                     const SegAnalysisView *view)
{
  char **names = g_new0 (char *, k + 1);
  guint n_personas = view->persona_names ? g_strv_length (view->persona_names) : 0;

  for (guint l = 0; l < k; l++)
    names[l] = g_strdup (l < n_personas && *view->persona_names[l] ? view->persona_names[l]
                         : saved && l < g_strv_length (saved) ? saved[l] : "");
  return names;
}

static gboolean
apply_features (SegRun          *run,
                SegAnalysisFile *file,
                JsonObject      *models,
                GError         **error)
{
  SegResult *r = run->result;
  JsonObject *scaling = seg_json_get_object (models, "scaling");
  JsonObject *km = seg_json_get_object (models, "kmeans");
  JsonObject *pm = seg_json_get_object (models, "pca");
  const SegAnalysisView *view = seg_analysis_file_get_view (file);
  SegClusters *c;
  SegSegmentation *kmeans = NULL;
  SegPca *pca = NULL;
  GError *local = NULL;
  guint n, p;

  if (scaling == NULL)
    return TRUE;
  c = g_new0 (SegClusters, 1);
  c->scaled = scaled_matrix (run, scaling, &c->scale, &c->features, &local);
  if (c->scaled == NULL)
    {
      seg_clusters_free (c);
      if (local == NULL)
        return damaged (file, "models.scaling", error);
      {
        gboolean ok = seg_run_cannot (run, SEG_METHOD_KMEANS, local->message, error) &&
                      (pm == NULL || seg_run_cannot (run, SEG_METHOD_PCA, local->message, NULL));
        g_error_free (local);
        return ok;
      }
    }
  n = c->scaled->n;
  p = c->p = c->scaled->p;

  if (km != NULL)
    {
      double k_d = 0;
      guint k;
      g_auto(GStrv) saved_names = seg_json_get_strv (km, "names", NULL);
      g_auto(GStrv) saved_actions = seg_json_get_strv (km, "actions", NULL);
      SegKMeansResult *fit;
      guint *labels;

      if (!seg_json_get_number (km, "k", &k_d) || !(k_d >= 1) || k_d > 1000)
        {
          seg_clusters_free (c);
          return damaged (file, "models.kmeans.k", error);
        }
      k = (guint) k_d;
      fit = g_new0 (SegKMeansResult, 1);
      fit->n = n;
      fit->p = p;
      fit->k = k;
      fit->centers = seg_json_get_matrix (km, "centers", k, p);
      c->centroids = seg_json_get_matrix (km, "centroids", k, p);
      c->fit = fit;
      if (fit->centers == NULL || c->centroids == NULL)
        {
          seg_clusters_free (c);
          return damaged (file, "models.kmeans.centers", error);
        }
      fit->labels = g_new0 (guint, MAX (n, 1));
      fit->sizes = g_new0 (guint, k);
      for (guint i = 0; i < n; i++)
        {
          fit->labels[i] = nearest (seg_matrix_row (c->scaled, i), fit->centers, k, p);
          fit->sizes[fit->labels[i]]++;
        }
      fit->inertia = n > 0 ? seg_kmeans_inertia (c->scaled, fit->labels, fit->centers) : 0;
      seg_clusters_measure_profile (c);
      c->names = names_with_personas (saved_names, k, view);
      c->actions = g_new0 (char *, k + 1);
      for (guint l = 0; l < k; l++)
        {
          guint n_act = view->persona_actions ? g_strv_length (view->persona_actions) : 0;
          c->actions[l] = g_strdup (l < n_act && *view->persona_actions[l] ? view->persona_actions[l]
                                    : saved_actions && l < g_strv_length (saved_actions) ? saved_actions[l] : "");
        }
      c->silhouette = g_new (double, MAX (n, 1));
      for (guint i = 0; i < n; i++)
        c->silhouette[i] = NAN;
      if (k >= 2 && k < n)
        {
          g_autoptr(SegSilhouette) s = NULL;
          guint used = 0;
          for (guint l = 0; l < k; l++)
            used += fit->sizes[l] > 0;
          if (used >= 2)
            s = seg_silhouette (c->scaled, fit->labels, n <= SEG_SILHOUETTE_EXACT_LIMIT ? 0 : PLOT_SILHOUETTE_SAMPLE,
                                r->options.seed, run->cancellable, NULL);
          for (guint i = 0; s != NULL && i < s->n_used; i++)
            c->silhouette[s->rows[i]] = s->values[i];
          c->silhouette_sampled = s != NULL && s->sampled;
        }
      labels = g_memdup2 (fit->labels, sizeof (guint) * MAX (n, 1));
      kmeans = seg_segmentation_new (r, "kmeans", k, g_strdupv (c->names), labels);
    }

  if (pm != NULL)
    {
      double nc_d = 0;
      guint nc;

      if (!seg_json_get_number (pm, "n_components", &nc_d) || !(nc_d >= 1) || nc_d > p)
        {
          seg_segmentation_free (kmeans);
          seg_clusters_free (c);
          return damaged (file, "models.pca", error);
        }
      nc = (guint) nc_d;
      pca = g_new0 (SegPca, 1);
      pca->n = n;
      pca->p = p;
      pca->n_components = nc;
      pca->mean = seg_json_get_numbers (pm, "mean", p, NULL);
      pca->components = seg_json_get_matrix (pm, "components", nc, p);
      pca->explained_variance = seg_json_get_numbers (pm, "explained_variance", nc, NULL);
      pca->explained_variance_ratio = seg_json_get_numbers (pm, "explained_variance_ratio", nc, NULL);
      if (!seg_json_get_number (pm, "total_variance", &pca->total_variance) || pca->mean == NULL ||
          pca->components == NULL || pca->explained_variance == NULL || pca->explained_variance_ratio == NULL)
        {
          seg_pca_free (pca);
          seg_segmentation_free (kmeans);
          seg_clusters_free (c);
          return damaged (file, "models.pca", error);
        }
      pca->scores = g_new (double, MAX ((gsize) n * nc, 1));
      for (guint i = 0; i < n; i++)
        {
          const double *row = seg_matrix_row (c->scaled, i);
          for (guint q = 0; q < nc; q++)
            {
              const double *v = pca->components + (gsize) q * p;
              double s = 0.0;
              for (guint j = 0; j < p; j++)
                s += (row[j] - pca->mean[j]) * v[j];
              pca->scores[(gsize) i * nc + q] = s;
            }
        }
    }
  seg_result_set_features (r, kmeans, c, pca);
  return TRUE;
}

/* ------------------------------------------------------- churn and CLV */

static gboolean
read_churn (SegAnalysisFile *file,
            JsonObject      *m,
            SegSavedModels  *s,
            GError         **error)
{
  gsize p = 0;

  s->churn_features = seg_json_get_strv (m, "features", &p);
  s->churn_p = (guint) p;
  if (s->churn_features == NULL || p == 0 ||
      (s->churn_mean = seg_json_get_numbers (m, "mean", p, NULL)) == NULL ||
      (s->churn_scale = seg_json_get_numbers (m, "scale", p, NULL)) == NULL ||
      (s->churn_coef = seg_json_get_numbers (m, "coef", p, NULL)) == NULL ||
      !seg_json_get_number (m, "intercept", &s->churn_intercept) ||
      !seg_json_get_number (m, "threshold", &s->churn_threshold))
    return damaged (file, "models.churn", error);
  /* files written before issue 10 have no "excluded" */
  if (json_object_has_member (m, "excluded"))
    {
      JsonNode *excluded = json_object_get_member (m, "excluded");
      if (!JSON_NODE_HOLDS_ARRAY (excluded) ||
          !seg_churn_read_excluded (json_node_get_array (excluded), s))
        return damaged (file, "models.churn.excluded", error);
    }
  s->has_churn = TRUE;
  return TRUE;
}

static gboolean
read_clv (SegAnalysisFile    *file,
          JsonObject         *m,
          SegAnalysisOptions *options,
          SegSavedModels     *s,
          GError            **error)
{
  const char *method = seg_json_get_string (m, "method");
  JsonObject *bg = seg_json_get_object (m, "bgnbd");
  JsonObject *gg = seg_json_get_object (m, "gamma_gamma");
  double v;

  /* the method that ran, not "automatic", which could choose another here */
  if (method == NULL || !seg_clv_method_parse (method, &options->clv_method))
    return damaged (file, "models.clv.method", error);
  if (seg_json_get_string (m, "formula") != NULL)
    {
      g_free (options->clv_formula);
      options->clv_formula = g_strdup (seg_json_get_string (m, "formula"));
    }
  if (seg_json_get_number (m, "months", &v) && v >= 1)
    options->clv_months = (guint) v;
  if (seg_json_get_number (m, "discount", &v) && isfinite (v))
    options->clv_discount = v;
  if (options->clv_method != SEG_CLV_METHOD_BGNBD)
    return TRUE;
  if (bg == NULL || !seg_json_get_number (bg, "r", &s->bgnbd.r) || !seg_json_get_number (bg, "alpha", &s->bgnbd.alpha) ||
      !seg_json_get_number (bg, "a", &s->bgnbd.a) || !seg_json_get_number (bg, "b", &s->bgnbd.b))
    return damaged (file, "models.clv.bgnbd", error);
  s->has_bgnbd = TRUE;
  if (gg != NULL)
    {
      if (!seg_json_get_number (gg, "p", &s->gamma_gamma.p) || !seg_json_get_number (gg, "q", &s->gamma_gamma.q) ||
          !seg_json_get_number (gg, "v", &s->gamma_gamma.v))
        return damaged (file, "models.clv.gamma_gamma", error);
      s->has_gamma_gamma = TRUE;
    }
  return TRUE;
}

static void
saved_models_clear (SegSavedModels *s)
{
  g_strfreev (s->churn_features);
  g_free (s->churn_mean);
  g_free (s->churn_scale);
  g_free (s->churn_coef);
  g_strfreev (s->churn_excluded);
  g_strfreev (s->churn_excluded_reasons);
  seg_churn_exclusions_free (s->churn_exclusions, s->churn_n_excluded);
}

/* ------------------------------------------------------------ the step */

SegResult *
seg_analysis_apply (SegAnalysisFile *file,
                    SegDataset      *dataset,
                    GCancellable    *cancellable,
                    GError         **error)
{
  SegAnalysisOptions options;
  SegSavedModels saved = { 0 };
  JsonObject *models, *methods, *churn, *clv;
  SegResult *r = NULL;
  SegRun run;
  gboolean ok;

  g_return_val_if_fail (file != NULL && dataset != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  models = seg_analysis_file_get_models (file);
  methods = seg_json_get_object (seg_analysis_file_get_segments (file), "methods");
  churn = seg_json_get_object (models, "churn");
  clv = seg_json_get_object (models, "clv");

  if (models == NULL)
    {
      damaged (file, "models", error);
      return NULL;
    }
  if (!seg_analysis_file_analysis_options (file, &options, error))
    return NULL;
  ok = (churn == NULL || read_churn (file, churn, &saved, error)) &&
       (clv == NULL || read_clv (file, clv, &options, &saved, error));
  if (ok)
    {
      /* a method the saved analysis did not run is not run here either */
      if (methods == NULL || !json_object_has_member (methods, "rules"))
        options.methods &= ~SEG_METHOD_RULES;
      if (json_object_get_member (models, "rfm") == NULL)
        options.methods &= ~SEG_METHOD_RFM;
      if (json_object_get_member (models, "kmeans") == NULL)
        options.methods &= ~SEG_METHOD_KMEANS;
      if (json_object_get_member (models, "pca") == NULL)
        options.methods &= ~SEG_METHOD_PCA;
      if (churn == NULL)
        options.methods &= ~SEG_METHOD_CHURN;
      if (clv == NULL)
        options.methods &= ~SEG_METHOD_CLV;
      r = seg_result_new (dataset, &options);
      r->saved = &saved;
      run = (SegRun) { r, cancellable, NULL, NULL };
      ok = (!(options.methods & SEG_METHOD_RULES) || seg_analysis_run_rules (&run, error)) &&
           (!(options.methods & SEG_METHOD_RFM) ||
            apply_rfm (&run, file, seg_json_get_object (models, "rfm"), error)) &&
           !g_cancellable_set_error_if_cancelled (cancellable, error) &&
           apply_features (&run, file, models, error) &&
           !g_cancellable_set_error_if_cancelled (cancellable, error) &&
           (!(options.methods & SEG_METHOD_CHURN) || seg_analysis_run_churn (&run, error)) &&
           (!(options.methods & SEG_METHOD_CLV) || seg_analysis_run_clv (&run, error));
      r->saved = NULL;
      if (ok)
        g_ptr_array_insert (r->notices, 0,
                            g_strdup (_("Scored with the models of the saved analysis; nothing was fitted again")));
    }
  saved_models_clear (&saved);
  seg_analysis_options_clear (&options);
  if (!ok)
    {
      g_clear_pointer (&r, seg_result_unref);
      return NULL;
    }
  return r;
}
