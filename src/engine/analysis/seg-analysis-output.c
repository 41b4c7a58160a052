/* seg-analysis-output.c — customers.csv, segments.csv and summary.json
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-analysis"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-table-private.h"
#include "seg-analysis-private.h"
#include "seg-csv-writer.h"
#include "seg-job.h"
#include "seg-matrix.h"
#include "seg-rules.h"
#include "seg-summary.h"

/* ------------------------------------------------------- customers.csv */

/* a copy of a column of a million customers, on huge pages where the
 * kernel has them (seg_matrix_big_malloc ()) */
static gpointer
big_dup (gconstpointer from,
         gsize         bytes)
{
  gpointer to = seg_matrix_big_malloc (bytes);

  memcpy (to, from, bytes);
  return to;
}

static void
copy_column (SegTable        *out,
             const SegTable  *from,
             const SegColumn *col,
             guint64          n)
{
  SegColumn *copy;

  if (col->type == SEG_COLUMN_TEXT)
    {
      /* the cells are the dataset's, which the table keeps: no copy of a
       * million ids, and nothing to free one by one */
      copy = seg_table_add_column (out, col->name, col->type, n, NULL,
                                   big_dup (col->text, sizeof (char *) * MAX (n, 1)));
      copy->interned = TRUE;
      seg_table_keep_cells_of (out, from);
    }
  else
    copy = seg_table_add_column (out, col->name, col->type, n,
                                 big_dup (col->num, sizeof (double) * MAX (n, 1)), NULL);
  seg_column_set_role (copy, col->role);
  copy->format = g_strdup (col->format);
}

static void
add_label_column (SegTable              *out,
                  const char            *name,
                  const SegSegmentation *seg,
                  guint64                n)
{
  char **text = seg_matrix_big_malloc0 (sizeof (char *) * MAX (n, 1));
  g_autofree char **names = g_new0 (char *, MAX (seg->n_segments, 1));

  /* each segment's name is stored once, and its customers share it */
  for (guint k = 0; k < seg->n_segments; k++)
    names[k] = seg->segments[k].name != NULL ? (char *) seg_table_store (out, seg->segments[k].name) : NULL;
  for (guint64 i = 0; i < n; i++)
    if (seg->labels[i] < seg->n_segments)
      text[i] = names[seg->labels[i]];
  seg_table_add_column (out, name, SEG_COLUMN_TEXT, n, NULL, text)->interned = TRUE;
}

static void
add_score_column (SegTable     *out,
                  const char   *name,
                  const guint8 *scores,
                  guint64       n)
{
  double *v = seg_matrix_big_malloc (sizeof (double) * MAX (n, 1));

  for (guint64 i = 0; i < n; i++)
    v[i] = scores[i] ? scores[i] : NAN;
  seg_table_add_column (out, name, SEG_COLUMN_NUMBER, n, v, NULL);
}

static void
add_numbers (SegTable     *out,
             const char   *name,
             const double *v,
             guint64       n)
{
  if (v != NULL)
    seg_table_add_column (out, name, SEG_COLUMN_NUMBER, n, big_dup (v, sizeof (double) * MAX (n, 1)), NULL);
}

static void
add_churn_clv_columns (SegTable        *out,
                       const SegResult *r,
                       guint64          n)
{
  if (r->churn)
    {
      add_numbers (out, "churn_label", r->churn->label_value, n);
      add_numbers (out, "churn_probability", r->churn->probability, n);
    }
  if (r->clv)
    {
      add_numbers (out, "clv", r->clv->clv, n);
      add_numbers (out, "p_alive", r->clv->p_alive, n);
      add_numbers (out, "expected_purchases", r->clv->expected_purchases, n);
    }
}

SegTable *
seg_result_build_customer_table (const SegResult *r)
{
  const SegTable *t;
  guint64 n;
  SegTable *out;

  g_return_val_if_fail (r != NULL, NULL);

  t = seg_dataset_get_customers (r->dataset);
  n = seg_table_get_n_rows (t);
  out = seg_table_new ("customers.csv");
  for (guint c = 0; c < seg_table_get_n_columns (t); c++)
    copy_column (out, t, seg_table_get_column (t, c), n);
  if (r->rules)
    add_label_column (out, "rule_segment", r->rules, n);
  if (r->rfm)
    {
      add_score_column (out, "rfm_r", r->rfm_scores->r, n);
      add_score_column (out, "rfm_f", r->rfm_scores->f, n);
      add_score_column (out, "rfm_m", r->rfm_scores->m, n);
      add_label_column (out, "rfm_segment", r->rfm, n);
    }
  if (r->kmeans)
    {
      double *id = seg_matrix_big_malloc (sizeof (double) * MAX (n, 1));
      for (guint64 i = 0; i < n; i++)
        id[i] = r->kmeans->labels[i];
      seg_table_add_column (out, "cluster", SEG_COLUMN_NUMBER, n, id, NULL);
      add_label_column (out, "cluster_name", r->kmeans, n);
      seg_table_add_column (out, "silhouette", SEG_COLUMN_NUMBER, n,
                            big_dup (r->clusters->silhouette, sizeof (double) * MAX (n, 1)), NULL);
    }
  if (r->pca)
    for (guint k = 0; k < MIN (2, r->pca->n_components); k++)
      {
        double *v = seg_matrix_big_malloc (sizeof (double) * MAX (n, 1));
        g_autofree char *name = g_strdup_printf ("pc%u", k + 1);
        for (guint64 i = 0; i < n; i++)
          v[i] = r->pca->scores[i * r->pca->n_components + k];
        seg_table_add_column (out, name, SEG_COLUMN_NUMBER, n, v, NULL);
      }
  add_churn_clv_columns (out, r, n);
  return out;
}

/* The number of decimals a column the engine computes supports when
 * people read it, or -1 for a column of the input, which keeps what it
 * holds (only float noise beyond 12 significant digits goes). */
static int
reading_decimals (const char *name,
                  gboolean    from_log)
{
  static const struct { const char *name; int decimals; gboolean from_log; } computed[] = {
    /* scores and probabilities: 4 decimals tell 0.01 % apart */
    { "silhouette", 4, FALSE }, { "pc1", 4, FALSE }, { "pc2", 4, FALSE },
    { "churn_probability", 4, FALSE }, { "p_alive", 4, FALSE },
    /* money and expected counts: cents */
    { "clv", 2, FALSE }, { "expected_purchases", 2, FALSE },
    /* a mean of the log's amounts: cents, when the log made it */
    { "avg_spent", 2, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (computed); i++)
    if (g_str_equal (name, computed[i].name) && (!computed[i].from_log || from_log))
      return computed[i].decimals;
  return -1;
}

/* @v with the float noise of sums and means dropped: its 12 significant
 * digits when they differ from it by less than 1e-13 of it (noise is
 * ~1e-16 to 1e-14), so a whole number (an id, a count) and a value read
 * with 13 or more digits that mean something keep them. */
static double
drop_noise (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double r;

  if (!isfinite (v) || v == floor (v))
    return v;
  r = g_ascii_strtod (g_ascii_formatd (buf, sizeof buf, "%.12g", v), NULL);
  return fabs (r - v) <= 1e-13 * fabs (v) ? r : v;
}

SegTable *
seg_result_build_customer_table_for_reading (const SegResult *r)
{
  SegTable *out;
  gboolean from_log;
  guint64 n;

  g_return_val_if_fail (r != NULL, NULL);
  out = seg_result_build_customer_table (r);
  from_log = seg_dataset_has_transactions (r->dataset);
  n = seg_table_get_n_rows (out);
  for (guint c = 0; c < seg_table_get_n_columns (out); c++)
    {
      const SegColumn *col = seg_table_get_column (out, c);
      int decimals;
      double scale;

      if (col->type != SEG_COLUMN_NUMBER)
        continue;
      decimals = reading_decimals (col->name, from_log);
      scale = decimals >= 0 ? pow (10, decimals) : 1;
      for (guint64 i = 0; i < n; i++)
        {
          double v = col->num[i];

          if (!isfinite (v))
            continue;
          /* + 0.0 turns the −0 of a small negative rounded up into 0 */
          col->num[i] = decimals >= 0 ? round (v * scale) / scale + 0.0 : drop_noise (v);
        }
    }
  return out;
}

static gpointer
customer_table_job (gpointer         data,
                    GCancellable    *cancellable,
                    SegProgressFunc  progress,
                    gpointer         progress_data,
                    GError         **error)
{
  return seg_result_build_customer_table (data);
}

void
seg_result_build_customer_table_async (SegResult           *result,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (result != NULL);

  seg_job_run_async (customer_table_job, seg_result_ref (result), (GDestroyNotify) seg_result_unref,
                     (GDestroyNotify) seg_table_unref, seg_result_build_customer_table_async, cancellable,
                     NULL, NULL, callback, user_data);
}

SegTable *
seg_result_build_customer_table_finish (GAsyncResult  *result,
                                        GError       **error)
{
  return seg_job_run_finish (result, seg_result_build_customer_table_async, error);
}

/* -------------------------------------------------------- segments.csv */

static void
append_number (GString *out,
               double   v)
{
  g_string_append_c (out, ',');
  seg_csv_format_number_append (out, v);
}

static void
append_segments (GString               *out,
                 const SegResult       *r,
                 const SegSegmentation *seg,
                 guint                  which)
{
  if (seg == NULL)
    return;
  for (guint s = 0; s < seg->n_segments; s++)
    {
      const SegSegment *g = &seg->segments[s];

      g_string_append (out, seg->method);
      g_string_append_c (out, ',');
      seg_csv_append_text (out, g->name);
      g_string_append_printf (out, ",%u", g->customers);
      append_number (out, g->share);
      append_number (out, g->total_spent);
      append_number (out, g->avg_spent);
      for (guint j = 0; j < r->n_numeric; j++)
        append_number (out, g->means[j]);
      if (r->churn)
        {
          append_number (out, r->churn->by[which].churn_rate[s]);
          append_number (out, r->churn->by[which].mean_probability[s]);
        }
      if (r->clv)
        append_number (out, r->clv->by[which].avg_clv[s]);
      g_string_append_c (out, '\n');
    }
}

GBytes *
seg_result_format_segments (const SegResult *r)
{
  GString *out;

  g_return_val_if_fail (r != NULL, NULL);
  out = g_string_new ("method,segment,customers,share,total_spent,avg_spent");

  for (guint j = 0; j < r->n_numeric; j++)
    {
      g_autofree char *name = g_strdup_printf ("mean_%s", r->numeric[j]);
      g_string_append_c (out, ',');
      seg_csv_append_text (out, name);
    }
  if (r->churn)
    g_string_append (out, ",churn_rate,mean_churn_probability");
  if (r->clv)
    g_string_append (out, ",avg_clv");
  g_string_append_c (out, '\n');
  append_segments (out, r, r->rules, 0);
  append_segments (out, r, r->rfm, 1);
  append_segments (out, r, r->kmeans, 2);
  return g_string_free_to_bytes (out);
}

/* -------------------------------------------------------- summary.json */

static void
add_double (JsonBuilder *b,
            const char  *name,
            double       v)
{
  if (name)
    json_builder_set_member_name (b, name);
  if (!isfinite (v))
    json_builder_add_null_value (b);
  else if (v == floor (v) && fabs (v) < 1e15)
    json_builder_add_int_value (b, (gint64) v);
  else
    json_builder_add_double_value (b, v);
}

static void
add_segments (JsonBuilder           *b,
              const SegResult       *r,
              const SegSegmentation *seg)
{
  json_builder_set_member_name (b, "segments");
  json_builder_begin_array (b);
  for (guint s = 0; s < seg->n_segments; s++)
    {
      const SegSegment *g = &seg->segments[s];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, g->name);
      add_double (b, "customers", g->customers);
      add_double (b, "share", g->share);
      add_double (b, "total_spent", g->total_spent);
      add_double (b, "avg_spent", g->avg_spent);
      json_builder_set_member_name (b, "means");
      json_builder_begin_object (b);
      for (guint j = 0; j < r->n_numeric; j++)
        add_double (b, r->numeric[j], g->means[j]);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_rules (JsonBuilder     *b,
           const SegResult *r)
{
  json_builder_set_member_name (b, "rules");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "rules");
  json_builder_begin_array (b);
  for (guint i = 0; i < seg_rule_set_get_n_rules (r->rule_set); i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, seg_rule_set_get_name (r->rule_set, i));
      json_builder_set_member_name (b, "condition");
      json_builder_add_string_value (b, seg_rule_set_get_condition (r->rule_set, i));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_segments (b, r, r->rules);
  json_builder_end_object (b);
}

static const char *
rfm_method_name (SegRfmMethod m)
{
  switch (m)
    {
    case SEG_RFM_METHOD_QCUT: return "qcut";
    case SEG_RFM_METHOD_RANK_FIRST: return "rank-first";
    case SEG_RFM_METHOD_NTILE:
    default: return "ntile";
    }
}

static void
add_rfm (JsonBuilder     *b,
         const SegResult *r)
{
  guint bins = r->rfm_scores->bins;

  json_builder_set_member_name (b, "rfm");
  json_builder_begin_object (b);
  add_double (b, "bins", bins);
  json_builder_set_member_name (b, "method");
  json_builder_add_string_value (b, rfm_method_name (r->rfm_scores->method));
  add_double (b, "scored", (double) r->rfm_scores->n_scored);
  add_segments (b, r, r->rfm);
  json_builder_set_member_name (b, "grid");
  json_builder_begin_array (b);
  for (guint rr = bins; rr >= 1; rr--)
    for (guint f = 1; f <= bins; f++)
      {
        guint cell = (rr - 1) * bins + (f - 1);
        json_builder_begin_object (b);
        add_double (b, "r", rr);
        add_double (b, "f", f);
        json_builder_set_member_name (b, "name");
        json_builder_add_string_value (b, seg_rfm_map_get_name (r->rfm_map, rr, f));
        add_double (b, "customers", r->rfm_counts[cell]);
        add_double (b, "avg_monetary", r->rfm_monetary[cell]);
        json_builder_end_object (b);
      }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "boundary_ties");
  json_builder_begin_object (b);
  add_double (b, "r", (double) r->rfm_ties[0]);
  add_double (b, "f", (double) r->rfm_ties[1]);
  add_double (b, "m", (double) r->rfm_ties[2]);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
add_sweep (JsonBuilder     *b,
           const SegKSweep *sweep)
{
  json_builder_set_member_name (b, "sweep");
  json_builder_begin_array (b);
  for (guint i = 0; sweep && i < sweep->n_points; i++)
    {
      const SegKSweepPoint *pt = &sweep->points[i];
      json_builder_begin_object (b);
      add_double (b, "k", pt->k);
      add_double (b, "inertia", pt->inertia);
      add_double (b, "silhouette", pt->silhouette);
      add_double (b, "calinski_harabasz", pt->calinski_harabasz);
      add_double (b, "davies_bouldin", pt->davies_bouldin);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_kmeans (JsonBuilder     *b,
            const SegResult *r)
{
  const SegClusters *c = r->clusters;

  json_builder_set_member_name (b, "kmeans");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "features");
  json_builder_begin_array (b);
  for (guint j = 0; j < c->p; j++)
    json_builder_add_string_value (b, c->features[j]);
  json_builder_end_array (b);
  add_double (b, "k", c->fit->k);
  add_double (b, "inertia", c->fit->inertia);
  add_double (b, "seed", (double) r->options.seed);
  add_double (b, "n_init", r->options.n_init);
  add_double (b, "n_iter", c->fit->n_iter);
  if (c->sweep)
    {
      add_double (b, "suggested_k", c->sweep->suggested_k);
      add_double (b, "elbow_k", c->sweep->elbow_k ? c->sweep->elbow_k : NAN);
      json_builder_set_member_name (b, "suggested_because");
      json_builder_add_string_value (b, c->sweep->reason);
      json_builder_set_member_name (b, "silhouette_sampled");
      json_builder_add_boolean_value (b, c->sweep->silhouette_sampled);
      add_double (b, "silhouette_sample_size", c->sweep->silhouette_sample_size);
    }
  add_sweep (b, c->sweep);
  json_builder_set_member_name (b, "clusters");
  json_builder_begin_array (b);
  for (guint l = 0; l < c->fit->k; l++)
    {
      json_builder_begin_object (b);
      add_double (b, "id", l);
      add_double (b, "customers", c->fit->sizes[l]);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, c->names[l]);
      json_builder_set_member_name (b, "action");
      json_builder_add_string_value (b, c->actions[l]);
      json_builder_set_member_name (b, "centroid");
      json_builder_begin_object (b);
      for (guint j = 0; j < c->p; j++)
        add_double (b, c->features[j], c->centroids[(gsize) l * c->p + j]);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_segments (b, r, r->kmeans);
  json_builder_end_object (b);
}

static void
add_pca (JsonBuilder     *b,
         const SegResult *r)
{
  const SegPca *pca = r->pca;
  const SegClusters *c = r->clusters;

  json_builder_set_member_name (b, "pca");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "explained_variance_ratio");
  json_builder_begin_array (b);
  for (guint k = 0; k < pca->n_components; k++)
    add_double (b, NULL, pca->explained_variance_ratio[k]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "explained_variance");
  json_builder_begin_array (b);
  for (guint k = 0; k < pca->n_components; k++)
    add_double (b, NULL, pca->explained_variance[k]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "loadings");
  json_builder_begin_object (b);
  for (guint j = 0; j < pca->p; j++)
    {
      json_builder_set_member_name (b, c->features[j]);
      json_builder_begin_array (b);
      for (guint k = 0; k < MIN (2, pca->n_components); k++)
        add_double (b, NULL, pca->components[(gsize) k * pca->p + j]);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_churn_metrics (JsonBuilder           *b,
                   const char            *name,
                   const SegBinaryMetrics *m)
{
  if (name)
    json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  add_double (b, "accuracy", m->accuracy);
  add_double (b, "auc", m->auc);
  add_double (b, "precision", m->precision);
  add_double (b, "recall", m->recall);
  json_builder_set_member_name (b, "confusion");
  json_builder_begin_object (b);
  add_double (b, "tn", (double) m->tn);
  add_double (b, "fp", (double) m->fp);
  add_double (b, "fn", (double) m->fn);
  add_double (b, "tp", (double) m->tp);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
add_churn_by (JsonBuilder    *b,
              const SegChurn *c,
              const SegResult *r)
{
  const SegSegmentation *segs[SEG_N_SEGMENTATIONS];

  seg_result_segmentations (r, segs);
  json_builder_set_member_name (b, "segments");
  json_builder_begin_object (b);
  for (guint i = 0; i < SEG_N_SEGMENTATIONS; i++)
    {
      const SegBySegment *by = &c->by[i];
      if (segs[i] == NULL || by->method == NULL)
        continue;
      json_builder_set_member_name (b, by->method);
      json_builder_begin_array (b);
      for (guint s = 0; s < by->n_segments; s++)
        {
          json_builder_begin_object (b);
          add_string (b, "name", segs[i]->segments[s].name);
          add_double (b, "customers", by->customers[s]);
          add_double (b, "churn_rate", by->churn_rate[s]);
          add_double (b, "mean_probability", by->mean_probability[s]);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

static void
add_churn (JsonBuilder     *b,
           const SegResult *r)
{
  const SegChurn *c = r->churn;

  json_builder_set_member_name (b, "churn");
  json_builder_begin_object (b);
  add_string (b, "label", c->label);
  add_double (b, "scored", (double) c->n_scored);
  add_double (b, "churn_rate", c->churn_rate);
  json_builder_set_member_name (b, "features");
  json_builder_begin_array (b);
  for (guint j = 0; j < c->p; j++)
    json_builder_add_string_value (b, c->features[j]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "excluded");
  seg_churn_build_excluded (b, c);
  add_string (b, "note", c->note);
  add_string (b, "warning", c->warning);
  add_double (b, "accuracy", c->test.accuracy);
  add_double (b, "auc", c->test.auc);
  add_double (b, "precision", c->test.precision);
  add_double (b, "recall", c->test.recall);
  json_builder_set_member_name (b, "confusion");
  json_builder_begin_object (b);
  add_double (b, "tn", (double) c->test.tn);
  add_double (b, "fp", (double) c->test.fp);
  add_double (b, "fn", (double) c->test.fn);
  add_double (b, "tp", (double) c->test.tp);
  json_builder_end_object (b);
  add_churn_metrics (b, "train", &c->train);
  add_double (b, "threshold", c->threshold);
  json_builder_set_member_name (b, "coefficients");
  json_builder_begin_array (b);
  for (guint j = 0; j < c->p; j++)
    {
      json_builder_begin_object (b);
      add_string (b, "feature", c->features[j]);
      add_double (b, "coef", c->coef[j]);
      add_double (b, "odds_ratio", c->odds_ratio[j]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_double (b, "intercept", c->intercept);
  add_churn_by (b, c, r);
  json_builder_end_object (b);
}

static void
add_clv_segments (JsonBuilder           *b,
                  const SegBySegment    *by,
                  const SegSegmentation *seg)
{
  json_builder_begin_array (b);
  for (guint s = 0; s < by->n_segments; s++)
    {
      json_builder_begin_object (b);
      add_string (b, "name", seg->segments[s].name);
      add_double (b, "customers", by->customers[s]);
      add_double (b, "avg_clv", by->avg_clv[s]);
      add_double (b, "total_clv", by->total_clv[s]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_clv (JsonBuilder     *b,
         const SegResult *r)
{
  const SegClv *c = r->clv;
  const SegSegmentation *segs[SEG_N_SEGMENTATIONS];
  gboolean first = TRUE;

  seg_result_segmentations (r, segs);
  json_builder_set_member_name (b, "clv");
  json_builder_begin_object (b);
  add_string (b, "method", seg_clv_method_to_string (c->method));
  add_string (b, "formula", c->formula);
  add_double (b, "months", c->months);
  add_double (b, "discount", c->discount);
  add_string (b, "time_unit", c->unit == SEG_TIME_UNIT_WEEKS ? "weeks" : "days");
  add_double (b, "total", c->total);
  add_double (b, "mean", c->mean);
  /* "segments": the segmentation charts colour by by default */
  for (guint i = 0; i < SEG_N_SEGMENTATIONS && first; i++)
    if (segs[i] != NULL)
      {
        add_string (b, "segmentation", segs[i]->method);
        json_builder_set_member_name (b, "segments");
        add_clv_segments (b, &c->by[i], segs[i]);
        first = FALSE;
      }
  json_builder_set_member_name (b, "by");
  json_builder_begin_object (b);
  for (guint i = 0; i < SEG_N_SEGMENTATIONS; i++)
    if (segs[i] != NULL)
      {
        json_builder_set_member_name (b, segs[i]->method);
        add_clv_segments (b, &c->by[i], segs[i]);
      }
  json_builder_end_object (b);
  if (c->method == SEG_CLV_METHOD_BGNBD)
    {
      json_builder_set_member_name (b, "from_summary_table");
      json_builder_add_boolean_value (b, c->from_summary);
      json_builder_set_member_name (b, "bgnbd");
      json_builder_begin_object (b);
      add_double (b, "r", c->bgnbd.r);
      add_double (b, "alpha", c->bgnbd.alpha);
      add_double (b, "a", c->bgnbd.a);
      add_double (b, "b", c->bgnbd.b);
      add_double (b, "log_likelihood", c->bgnbd.log_likelihood);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "gamma_gamma");
      if (!c->has_gamma_gamma)
        json_builder_add_null_value (b);
      else
        {
          json_builder_begin_object (b);
          add_double (b, "p", c->gamma_gamma.p);
          add_double (b, "q", c->gamma_gamma.q);
          add_double (b, "v", c->gamma_gamma.v);
          add_double (b, "customers", (double) c->gamma_gamma.n_used);
          json_builder_end_object (b);
        }
    }
  json_builder_end_object (b);
}

/* "cohorts": per cohort (month of first purchase) its size and, per month
 * since then, the customers who bought and their share (cohorts.csv). */
static void
add_cohorts (JsonBuilder      *b,
             const SegCohorts *c)
{
  json_builder_set_member_name (b, "cohorts");
  json_builder_begin_array (b);
  for (guint i = 0; i < c->n_cohorts; i++)
    {
      g_autofree char *month = seg_cohort_month_format (c->month[i]);
      const guint64 *row = c->active + (gsize) i * c->n_offsets;
      guint n = seg_cohorts_n_offsets_of (c, i);

      json_builder_begin_object (b);
      add_string (b, "cohort", month);
      add_double (b, "customers", (double) c->size[i]);
      json_builder_set_member_name (b, "active");
      json_builder_begin_array (b);
      for (guint k = 0; k < n; k++)
        add_double (b, NULL, (double) row[k]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "retention");
      json_builder_begin_array (b);
      for (guint k = 0; k < n; k++)
        add_double (b, NULL, (double) row[k] / (double) c->size[i]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

JsonNode *
seg_result_build_summary (const SegResult *r)
{
  g_autoptr(JsonBuilder) b = NULL;

  g_return_val_if_fail (r != NULL, NULL);
  b = json_builder_new ();

  json_builder_begin_object (b);
  seg_summary_add_dataset (b, r->dataset);
  json_builder_set_member_name (b, "skipped");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->skipped->len; i++)
    {
      const SegSkipped *s = g_ptr_array_index (r->skipped, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "method");
      json_builder_add_string_value (b, s->method);
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, s->reason);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "analysis_notices");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->notices->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (r->notices, i));
  json_builder_end_array (b);
  if (r->rules)
    add_rules (b, r);
  if (r->rfm)
    add_rfm (b, r);
  if (r->kmeans)
    add_kmeans (b, r);
  if (r->pca)
    add_pca (b, r);
  if (r->churn)
    add_churn (b, r);
  if (r->clv)
    add_clv (b, r);
  if (seg_dataset_get_cohorts (r->dataset) != NULL)
    add_cohorts (b, seg_dataset_get_cohorts (r->dataset));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
