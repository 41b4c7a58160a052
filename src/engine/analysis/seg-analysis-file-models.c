/* seg-analysis-file-models.c — the models and segments a .segmenta file keeps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-analysis-file"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "seg-analysis-file.h"
#include "seg-analysis-file-private.h"
#include "seg-analysis-private.h"
#include "seg-csv-writer.h"
#include "seg-error.h"
#include "seg-logistic.h"
#include "seg-rules.h"

/* --------------------------------------------------------- the models */

/* What each column of the k-means matrix is: a numeric column, or one value
 * of a text column ("city=Mumbai"). */
static void
add_feature_columns (JsonBuilder       *b,
                     const SegTable    *t,
                     const SegClusters *c)
{
  json_builder_set_member_name (b, "columns");
  json_builder_begin_array (b);
  for (guint j = 0; j < c->p; j++)
    {
      const char *name = c->features[j];
      const SegColumn *col = seg_table_find_column (t, name);

      json_builder_begin_object (b);
      seg_json_add_string (b, "name", name);
      if (col != NULL && col->type != SEG_COLUMN_TEXT)
        {
          seg_json_add_string (b, "column", name);
          seg_json_add_string (b, "level", NULL);
        }
      else
        {
          /* the longest text column the name starts with, then "=" */
          const SegColumn *best = NULL;
          for (guint k = 0; k < seg_table_get_n_columns (t); k++)
            {
              const SegColumn *tc = seg_table_get_column ((SegTable *) t, k);
              gsize len = strlen (tc->name);
              if (tc->type == SEG_COLUMN_TEXT && g_str_has_prefix (name, tc->name) && name[len] == '=' &&
                  (best == NULL || len > strlen (best->name)))
                best = tc;
            }
          seg_json_add_string (b, "column", best ? best->name : name);
          seg_json_add_string (b, "level", best ? name + strlen (best->name) + 1 : NULL);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_matrix (JsonBuilder  *b,
            const char   *name,
            const double *v,
            guint         rows,
            guint         cols)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < rows; i++)
    {
      json_builder_begin_array (b);
      for (guint j = 0; j < cols; j++)
        seg_json_add_number (b, NULL, v[(gsize) i * cols + j]);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
}

typedef struct
{
  const double      *values;
  const char *const *ids;
  gboolean           descending;
  gboolean           use_ids;
} RfmOrder;

int
seg_analysis_file_compare_rfm_order (double      va,
                                     const char *ida,
                                     double      vb,
                                     const char *idb,
                                     gboolean    descending,
                                     gboolean    use_ids)
{
  if (va != vb)
    {
      int c = va < vb ? -1 : 1;
      return descending ? -c : c;
    }
  return use_ids ? strcmp (ida ? ida : "", idb ? idb : "") : 0;
}

static int
rfm_order_rows (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const RfmOrder *o = user_data;
  gsize i = *(const gsize *) a, j = *(const gsize *) b;
  int c = seg_analysis_file_compare_rfm_order (o->values[i], o->ids[i], o->values[j], o->ids[j], o->descending,
                                               o->use_ids);

  return c != 0 ? c : (i < j ? -1 : i > j);
}

/* Per score s = 2..bins, the first customer in the scoring order with a
 * score of s or more: its value and (NTILE) its id.  Scores do not fall
 * along that order, so these thresholds give every customer the same score
 * again (seg-analysis-apply.c), and place new customers the way the fit would. */
static void
add_rfm_thresholds (JsonBuilder       *b,
                    const char        *name,
                    const double      *values,
                    const char *const *ids,
                    const guint8      *scores,
                    gsize              n,
                    guint              bins,
                    gboolean           reverse,
                    gboolean           use_ids)
{
  RfmOrder o = { values, ids, reverse, use_ids };
  g_autofree gsize *rows = g_new (gsize, MAX (n, 1));
  gsize m = 0;

  for (gsize i = 0; i < n; i++)
    if (scores[i] > 0)
      rows[m++] = i;
  g_qsort_with_data (rows, (int) m, sizeof (gsize), rfm_order_rows, &o);
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint s = 2; s <= bins; s++)
    {
      gsize k = 0;
      while (k < m && scores[rows[k]] < s)
        k++;
      if (k == m)
        {
          json_builder_add_null_value (b);
          continue;
        }
      json_builder_begin_object (b);
      seg_json_add_number (b, "value", values[rows[k]]);
      seg_json_add_string (b, "id", use_ids ? ids[rows[k]] : NULL);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_rfm_model (JsonBuilder *b,
               SegResult   *result)
{
  const SegRfmScores *s = seg_result_get_rfm_scores (result);
  SegTable *t = seg_result_get_customers (result);
  const SegColumn *rec = seg_table_find_column (t, "recency_days");
  const SegColumn *freq = seg_table_find_column (t, "txn_count");
  const SegColumn *mon = seg_table_find_column (t, "total_spent");
  const SegColumn *ids = seg_table_find_column (t, "customer_id");
  gboolean use_ids = s->method != SEG_RFM_METHOD_QCUT;

  json_builder_set_member_name (b, "rfm");
  json_builder_begin_object (b);
  seg_json_add_int (b, "bins", s->bins);
  seg_json_add_string (b, "method", seg_analysis_file_rfm_method_name (s->method));
  seg_analysis_file_add_rfm_map (b, "map", seg_result_get_rfm_map (result));
  json_builder_set_member_name (b, "thresholds");
  json_builder_begin_object (b);
  add_rfm_thresholds (b, "recency", rec->num, (const char * const *) ids->text, s->r, s->n, s->bins, TRUE, use_ids);
  add_rfm_thresholds (b, "frequency", freq->num, (const char * const *) ids->text, s->f, s->n, s->bins, FALSE, use_ids);
  add_rfm_thresholds (b, "monetary", mon->num, (const char * const *) ids->text, s->m, s->n, s->bins, FALSE, use_ids);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

void
seg_analysis_file_add_models (JsonBuilder *b,
                              SegResult   *result)
{
  const SegClusters *c = seg_result_get_clusters (result);
  const SegPca *pca = seg_result_get_pca (result);
  const SegChurn *churn = seg_result_get_churn (result);
  const SegClv *clv = seg_result_get_clv (result);
  SegTable *t = seg_result_get_customers (result);

  json_builder_set_member_name (b, "models");
  json_builder_begin_object (b);
  if (seg_result_get_rfm (result) != NULL && seg_result_get_rfm_scores (result) != NULL)
    add_rfm_model (b, result);
  if (c != NULL)
    {
      json_builder_set_member_name (b, "scaling");
      json_builder_begin_object (b);
      add_feature_columns (b, t, c);
      json_builder_set_member_name (b, "log1p");
      json_builder_begin_array (b);
      for (guint j = 0; j < c->p; j++)
        json_builder_add_boolean_value (b, c->scale->log1p[j]);
      json_builder_end_array (b);
      seg_json_add_numbers (b, "mean", c->scale->mean, c->p);
      seg_json_add_numbers (b, "scale", c->scale->scale, c->p);
      json_builder_end_object (b);
    }
  if (c != NULL && c->fit != NULL && seg_result_get_kmeans (result) != NULL)
    {
      json_builder_set_member_name (b, "kmeans");
      json_builder_begin_object (b);
      seg_json_add_int (b, "k", c->fit->k);
      add_matrix (b, "centers", c->fit->centers, c->fit->k, c->p);
      add_matrix (b, "centroids", c->centroids, c->fit->k, c->p);
      seg_json_add_strv (b, "names", (const char * const *) c->names, c->fit->k);
      seg_json_add_strv (b, "actions", (const char * const *) c->actions, c->fit->k);
      seg_json_add_number (b, "inertia", c->fit->inertia);
      json_builder_end_object (b);
    }
  if (pca != NULL)
    {
      json_builder_set_member_name (b, "pca");
      json_builder_begin_object (b);
      seg_json_add_int (b, "n_components", pca->n_components);
      seg_json_add_numbers (b, "mean", pca->mean, pca->p);
      add_matrix (b, "components", pca->components, pca->n_components, pca->p);
      seg_json_add_numbers (b, "explained_variance", pca->explained_variance, pca->n_components);
      seg_json_add_numbers (b, "explained_variance_ratio", pca->explained_variance_ratio, pca->n_components);
      seg_json_add_number (b, "total_variance", pca->total_variance);
      json_builder_end_object (b);
    }
  if (churn != NULL && churn->fit != NULL)
    {
      const SegLogisticResult *fit = churn->fit;
      json_builder_set_member_name (b, "churn");
      json_builder_begin_object (b);
      seg_json_add_string (b, "label", churn->label);
      seg_json_add_strv (b, "features", (const char * const *) churn->features, churn->p);
      json_builder_set_member_name (b, "excluded");
      seg_churn_build_excluded (b, churn);
      seg_json_add_numbers (b, "mean", fit->model->mean, churn->p);
      seg_json_add_numbers (b, "scale", fit->model->scale, churn->p);
      seg_json_add_numbers (b, "coef", churn->coef, churn->p);
      seg_json_add_number (b, "intercept", churn->intercept);
      seg_json_add_number (b, "threshold", churn->threshold);
      seg_json_add_number (b, "test_auc", churn->test.auc);
      json_builder_end_object (b);
    }
  if (clv != NULL)
    {
      json_builder_set_member_name (b, "clv");
      json_builder_begin_object (b);
      seg_json_add_string (b, "method", seg_clv_method_to_string (clv->method));
      seg_json_add_string (b, "formula", clv->formula);
      seg_json_add_int (b, "months", clv->months);
      seg_json_add_number (b, "discount", clv->discount);
      if (clv->method == SEG_CLV_METHOD_BGNBD)
        {
          json_builder_set_member_name (b, "bgnbd");
          json_builder_begin_object (b);
          seg_json_add_number (b, "r", clv->bgnbd.r);
          seg_json_add_number (b, "alpha", clv->bgnbd.alpha);
          seg_json_add_number (b, "a", clv->bgnbd.a);
          seg_json_add_number (b, "b", clv->bgnbd.b);
          json_builder_end_object (b);
          json_builder_set_member_name (b, "gamma_gamma");
          if (clv->has_gamma_gamma)
            {
              json_builder_begin_object (b);
              seg_json_add_number (b, "p", clv->gamma_gamma.p);
              seg_json_add_number (b, "q", clv->gamma_gamma.q);
              seg_json_add_number (b, "v", clv->gamma_gamma.v);
              json_builder_end_object (b);
            }
          else
            json_builder_add_null_value (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

/* Each customer's segment per method, for migration; k-means segments carry
 * the persona names of the view. */
void
seg_analysis_file_add_segments (JsonBuilder           *b,
                                SegResult             *result,
                                const SegAnalysisView *view)
{
  SegTable *t = seg_result_get_customers (result);
  guint64 n = seg_table_get_n_rows (t);
  const SegColumn *ids = seg_table_find_column (t, "customer_id");
  const SegColumn *spent = seg_table_find_column (t, "total_spent");
  static const char *methods[] = { "rules", "rfm", "kmeans" };

  json_builder_set_member_name (b, "segments");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "customer_ids");
  json_builder_begin_array (b);
  for (guint64 i = 0; i < n; i++)
    if (ids != NULL && ids->text[i] != NULL)
      json_builder_add_string_value (b, ids->text[i]);
    else
      json_builder_add_null_value (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "total_spent");
  json_builder_begin_array (b);
  for (guint64 i = 0; i < n; i++)
    seg_json_add_number (b, NULL, spent ? spent->num[i] : NAN);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "methods");
  json_builder_begin_object (b);
  for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
    {
      const SegSegmentation *seg = seg_result_get_segmentation (result, methods[m]);
      if (seg == NULL)
        continue;
      json_builder_set_member_name (b, methods[m]);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "names");
      json_builder_begin_array (b);
      for (guint s = 0; s < seg->n_segments; s++)
        {
          const char *name = seg->segments[s].name;
          if (m == 2 && view != NULL && view->persona_names != NULL &&
              s < g_strv_length (view->persona_names) && *view->persona_names[s] != '\0')
            name = view->persona_names[s];
          json_builder_add_string_value (b, name);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "labels");
      json_builder_begin_array (b);
      for (guint64 i = 0; i < n; i++)
        json_builder_add_int_value (b, seg->labels[i] < seg->n_segments ? (gint64) seg->labels[i] : -1);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
}
