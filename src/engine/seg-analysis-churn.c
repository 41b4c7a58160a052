/* seg-analysis-churn.c — the churn step of an analysis (SPEC §8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A 0/1 label per customer (the rule recency_days > churn_days, a label
 * column, or a boolean expression), a logistic regression on the numeric
 * customer columns that do not define the label, and the churn rate and mean
 * probability per segment of every segmentation that ran.  Customers who
 * never bought (recency_days missing) and customers without a label are not
 * scored.
 */
#define G_LOG_DOMAIN "seg-analysis"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-analysis-private.h"
#include "seg-csv-writer.h"
#include "seg-error.h"
#include "seg-expr.h"
#include "seg-logistic.h"

#define MAX_MISSING_SHARE 0.5
#define MAX_LABEL_CORRELATION 0.95

void
seg_churn_free (SegChurn *c)
{
  if (c == NULL)
    return;
  g_free (c->label);
  g_strfreev (c->features);
  g_strfreev (c->excluded);
  g_strfreev (c->excluded_reasons);
  g_free (c->note);
  g_clear_pointer (&c->fit, seg_logistic_result_free);
  g_free (c->coef);
  g_free (c->odds_ratio);
  g_free (c->warning);
  g_free (c->is_test);
  g_free (c->rows);
  g_free (c->probability);
  g_free (c->label_value);
  for (guint i = 0; i < SEG_N_SEGMENTATIONS; i++)
    seg_by_segment_clear (&c->by[i]);
  g_free (c);
}

/* ----------------------------------------------------------- the label */

/* A cell or expression value as a label: 0, 1, NAN (missing), or -1 (not a label). */
static double
label_of_value (const SegValue *v)
{
  switch (v->kind)
    {
    case SEG_VALUE_MISSING:
      return NAN;
    case SEG_VALUE_BOOLEAN:
      return v->num != 0 ? 1 : 0;
    case SEG_VALUE_NUMBER:
      return v->num == 0 || v->num == 1 ? v->num : -1;
    case SEG_VALUE_TEXT:
      if (g_ascii_strcasecmp (v->text, "true") == 0 || g_ascii_strcasecmp (v->text, "yes") == 0 ||
          g_str_equal (v->text, "1"))
        return 1;
      if (g_ascii_strcasecmp (v->text, "false") == 0 || g_ascii_strcasecmp (v->text, "no") == 0 ||
          g_str_equal (v->text, "0"))
        return 0;
      return -1;
    case SEG_VALUE_DATE:
    default:
      return -1;
    }
}

/* The label of every customer from --churn-label (a column or an expression);
 * @defining gets the columns it reads. */
static gboolean
label_from_option (const SegTable *t,
                   const char     *text,
                   double         *label,
                   GPtrArray      *defining,
                   GError        **error)
{
  g_autoptr(SegExpr) expr = NULL;
  g_autofree char *quoted = NULL;
  guint64 n = seg_table_get_n_rows (t);
  int col = seg_expr_find_table_column (t, text);

  /* a bare column name is read as that column, whatever characters it has */
  quoted = col >= 0 ? seg_expr_quote_name (seg_table_get_column (t, (guint) col)->name) : g_strdup (text);
  expr = seg_expr_parse (quoted, error);
  if (expr == NULL || !seg_expr_bind_table (expr, t, error))
    {
      g_prefix_error (error, _("Churn label “%s”: "), text);
      return FALSE;
    }
  {
    g_autoptr(GPtrArray) cols = seg_expr_get_columns (expr);
    for (guint i = 0; i < cols->len; i++)
      {
        int c = seg_expr_find_table_column (t, g_ptr_array_index (cols, i));
        if (c >= 0)
          g_ptr_array_add (defining, g_strdup (seg_table_get_column (t, (guint) c)->name));
      }
  }
  for (guint64 i = 0; i < n; i++)
    {
      SegValue v;

      seg_expr_eval_table_row (expr, t, i, &v);
      label[i] = label_of_value (&v);
      if (label[i] == -1)
        {
          g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                       _("Churn label “%s”: customer row %" PRIu64 " gives a value that is "
                         "not a yes/no label; use a column of true/false or 0/1, or a condition"),
                       text, i + 1);
          return FALSE;
        }
    }
  return TRUE;
}

/* Fills @label (NAN = not scored) and returns the label's text, or NULL
 * (with @error set, or with *@cannot set to the reason it cannot apply). */
static char *
build_label (SegResult  *r,
             double     *label,
             GPtrArray  *defining,
             char      **cannot,
             GError    **error)
{
  SegTable *t = seg_dataset_get_customers (r->dataset);
  guint64 n = seg_table_get_n_rows (t);
  const SegColumn *rec = seg_table_find_column (t, "recency_days");
  g_autofree char *days = NULL;

  if (r->options.churn_label != NULL)
    {
      if (!label_from_option (t, r->options.churn_label, label, defining, error))
        return NULL;
      /* customers who never bought are left out */
      if (rec != NULL && seg_dataset_has_transactions (r->dataset))
        for (guint64 i = 0; i < n; i++)
          if (isnan (rec->num[i]))
            label[i] = NAN;
      return g_strdup (r->options.churn_label);
    }
  if (rec == NULL)
    {
      *cannot = g_strdup (_("the churn label needs purchase dates (recency_days) or a label column"));
      return NULL;
    }
  for (guint64 i = 0; i < n; i++)
    label[i] = isnan (rec->num[i]) ? NAN : (rec->num[i] > r->options.churn_days ? 1 : 0);
  g_ptr_array_add (defining, g_strdup ("recency_days"));
  days = seg_format_number (r->options.churn_days);
  return g_strdup_printf ("recency_days > %s", days);
}

/* --------------------------------------------------------- the features */

static gboolean
in_list (GPtrArray  *list,
         const char *name)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (g_ptr_array_index (list, i), name))
      return TRUE;
  return FALSE;
}

static void
exclude (GPtrArray  *names,
         GPtrArray  *reasons,
         const char *name,
         const char *reason)
{
  g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_add (reasons, g_strdup (reason));
}

static char **
steal_strv (GPtrArray *array)
{
  g_ptr_array_add (array, NULL);
  return (char **) g_ptr_array_steal (array, NULL);
}

/* Pearson correlation of two columns over the scored customers. */
static double
correlation (const SegChurn  *c,
             const SegColumn *a,
             const SegColumn *b)
{
  double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0, m = 0;

  for (gsize k = 0; k < c->n_scored; k++)
    {
      double x = a->num[c->rows[k]], y = b->num[c->rows[k]];
      if (isnan (x) || isnan (y))
        continue;
      sa += x; sb += y; saa += x * x; sbb += y * y; sab += x * y; m++;
    }
  if (m < 3)
    return 0;
  saa -= sa * sa / m;
  sbb -= sb * sb / m;
  sab -= sa * sb / m;
  return saa > 0 && sbb > 0 ? sab / sqrt (saa * sbb) : 0;
}

/* A column that moves with a label-defining one (e.g. tenure_days equals
 * recency_days when most customers bought once) gives the label away too. */
static const char *
leaks_label (const SegTable  *t,
             const SegChurn  *c,
             const SegColumn *col,
             GPtrArray       *defining,
             double          *r)
{
  for (guint i = 0; i < defining->len; i++)
    {
      const SegColumn *d = seg_table_find_column (t, g_ptr_array_index (defining, i));
      if (d == NULL || d->type == SEG_COLUMN_TEXT)
        continue;
      *r = correlation (c, col, d);
      if (fabs (*r) >= MAX_LABEL_CORRELATION)
        return d->name;
    }
  return NULL;
}

/* The numeric columns the model may use, minus those defining the label and
 * those mostly empty among the scored customers. */
static void
choose_features (SegResult *r,
                 SegChurn  *c,
                 GPtrArray *defining)
{
  SegTable *t = seg_dataset_get_customers (r->dataset);
  g_autoptr(GPtrArray) used = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) why = g_ptr_array_new_with_free_func (g_free);

  for (guint j = 0; j < r->n_numeric; j++)
    {
      const SegColumn *col = seg_table_find_column (t, r->numeric[j]);
      const char *leak;
      gsize missing = 0;
      double corr = 0;

      if (in_list (defining, col->name))
        {
          exclude (out, why, col->name, _("defines the churn label"));
          continue;
        }
      for (gsize k = 0; k < c->n_scored; k++)
        missing += isnan (col->num[c->rows[k]]) ? 1 : 0;
      if (missing > MAX_MISSING_SHARE * (double) c->n_scored)
        {
          g_autofree char *reason = g_strdup_printf (_("%zu of %zu"
                                                       " values are missing"), missing, c->n_scored);
          exclude (out, why, col->name, reason);
          continue;
        }
      if ((leak = leaks_label (t, c, col, defining, &corr)) != NULL)
        {
          g_autofree char *reason = g_strdup_printf (_("moves with %s, which defines the churn label "
                                                       "(correlation %.2f)"), leak, corr);
          exclude (out, why, col->name, reason);
          continue;
        }
      g_ptr_array_add (used, g_strdup (col->name));
    }
  c->p = used->len;
  c->features = steal_strv (used);
  c->n_excluded = out->len;
  c->excluded = steal_strv (out);
  c->excluded_reasons = steal_strv (why);
  if (defining->len > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);
      for (guint i = 0; i < defining->len; i++)
        g_string_append_printf (list, "%s%s", i ? ", " : "", (char *) g_ptr_array_index (defining, i));
      c->note = g_strdup_printf (_("%s left out of the churn model because it defines the label; "
                                   "otherwise the model is trivially right"), list->str);
    }
}

/* The n_scored × p matrix, missing cells replaced by the training mean (the
 * same seeded split seg_logistic_run () makes). */
static double *
feature_rows (SegRun             *run,
              SegChurn           *c,
              const guint8       *y,
              const SegLogisticOptions *lo,
              GError            **error)
{
  SegResult *r = run->result;
  SegTable *t = seg_dataset_get_customers (r->dataset);
  g_autofree gboolean *is_test = g_new0 (gboolean, MAX (c->n_scored, 1));
  double *x = g_new (double, MAX (c->n_scored * c->p, 1));

  if (!seg_logistic_split (y, c->n_scored, lo->test_fraction, lo->seed, is_test, error))
    {
      g_free (x);
      return NULL;
    }
  for (guint j = 0; j < c->p; j++)
    {
      const SegColumn *col = seg_table_find_column (t, c->features[j]);
      double sum = 0, mean;
      gsize m = 0, imputed = 0;

      for (gsize k = 0; k < c->n_scored; k++)
        if (!is_test[k] && !isnan (col->num[c->rows[k]]))
          {
            sum += col->num[c->rows[k]];
            m++;
          }
      mean = m ? sum / (double) m : 0;
      for (gsize k = 0; k < c->n_scored; k++)
        {
          double v = col->num[c->rows[k]];
          imputed += isnan (v) ? 1 : 0;
          x[k * c->p + j] = isnan (v) ? mean : v;
        }
      if (imputed > 0)
        g_ptr_array_add (r->notices,
                         g_strdup_printf (_("%s: %zu missing values were replaced by the "
                                            "training mean for the churn model"), col->name, imputed));
    }
  return x;
}

/* ------------------------------------------------------- per segment */

static void
churn_by_segment (SegResult *r,
                  SegChurn  *c)
{
  const SegSegmentation *segs[SEG_N_SEGMENTATIONS];

  seg_result_segmentations (r, segs);
  for (guint s = 0; s < SEG_N_SEGMENTATIONS; s++)
    {
      SegBySegment *by = &c->by[s];
      const SegSegmentation *seg = segs[s];
      g_autofree double *churned = NULL;

      if (seg == NULL)
        continue;
      by->method = seg->method;
      by->n_segments = seg->n_segments;
      by->customers = g_new0 (guint, MAX (seg->n_segments, 1));
      by->churn_rate = g_new0 (double, MAX (seg->n_segments, 1));
      by->mean_probability = g_new0 (double, MAX (seg->n_segments, 1));
      churned = g_new0 (double, MAX (seg->n_segments, 1));
      for (gsize k = 0; k < c->n_scored; k++)
        {
          guint g = seg->labels[c->rows[k]];
          if (g >= seg->n_segments)
            continue;
          by->customers[g]++;
          churned[g] += c->label_value[c->rows[k]];
          by->mean_probability[g] += c->probability[c->rows[k]];
        }
      for (guint g = 0; g < seg->n_segments; g++)
        {
          by->churn_rate[g] = by->customers[g] ? churned[g] / by->customers[g] : NAN;
          by->mean_probability[g] = by->customers[g] ? by->mean_probability[g] / by->customers[g] : NAN;
        }
    }
}

/* ---------------------------------------------------------- the step */

static void
copy_metrics (SegChurnMetrics        *out,
              const SegBinaryMetrics *m)
{
  *out = (SegChurnMetrics) { m->tn, m->fp, m->fn, m->tp, m->accuracy, m->precision, m->recall, m->auc };
}

/* The public figures of @fit, per customer where they were per scored row. */
static void
copy_fit (SegChurn                *c,
          const SegLogisticResult *fit)
{
  c->coef = g_memdup2 (fit->model->coef, sizeof (double) * MAX (c->p, 1));
  c->odds_ratio = g_memdup2 (fit->model->odds_ratio, sizeof (double) * MAX (c->p, 1));
  c->intercept = fit->model->intercept;
  c->threshold = fit->threshold;
  copy_metrics (&c->test, &fit->test);
  copy_metrics (&c->train, &fit->train);
  c->warning = g_strdup (fit->warning);
  c->is_test = g_new0 (gboolean, MAX (c->n, 1));
  for (gsize k = 0; k < c->n_scored; k++)
    {
      c->probability[c->rows[k]] = fit->probability[k];
      c->is_test[c->rows[k]] = fit->is_test[k];
    }
}

static gboolean
fit_model (SegRun   *run,
           SegChurn *c,
           GError  **error)
{
  SegResult *r = run->result;
  g_autofree guint8 *y = g_new (guint8, MAX (c->n_scored, 1));
  g_autofree double *x = NULL;
  SegLogisticOptions lo;

  for (gsize k = 0; k < c->n_scored; k++)
    y[k] = c->label_value[c->rows[k]] != 0;
  seg_logistic_options_init (&lo);
  lo.C = 1;
  lo.test_fraction = 0.25;
  lo.seed = (guint32) r->options.seed;
  x = feature_rows (run, c, y, &lo, error);
  if (x != NULL)
    c->fit = seg_logistic_run (x, y, c->n_scored, c->p, (const char * const *) c->features, &lo, error);
  if (c->fit == NULL)
    return FALSE;
  copy_fit (c, c->fit);
  if (c->warning != NULL)
    g_ptr_array_add (r->notices, g_strdup_printf (_("Churn: %s"), c->warning));
  return TRUE;
}

/* Scores with a saved model instead of fitting one (seg_analysis_apply ()):
 * missing cells get the training mean, and the figures are those of the
 * model on these customers, none of whom it was fitted on. */
static gboolean
apply_saved_model (SegResult *r,
                   SegChurn  *c,
                   GError   **error)
{
  const SegSavedModels *s = r->saved;
  SegTable *t = seg_dataset_get_customers (r->dataset);
  SegLogisticModel model = { 0 };
  g_autofree const SegColumn **cols = g_new0 (const SegColumn *, MAX (s->churn_p, 1));
  g_autofree double *row = g_new (double, MAX (s->churn_p, 1));
  g_autofree double *prob = g_new (double, MAX (c->n_scored, 1));
  g_autofree guint8 *y = g_new (guint8, MAX (c->n_scored, 1));
  SegBinaryMetrics m;

  for (guint j = 0; j < s->churn_p; j++)
    {
      cols[j] = seg_table_find_column (t, s->churn_features[j]);
      if (cols[j] == NULL || cols[j]->type == SEG_COLUMN_TEXT || cols[j]->type == SEG_COLUMN_DATE)
        {
          g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                       _("The saved churn model uses the column “%s”, which the new data does not have"),
                       s->churn_features[j]);
          return FALSE;
        }
    }
  model.n_features = s->churn_p;
  model.mean = s->churn_mean;
  model.scale = s->churn_scale;
  model.coef = s->churn_coef;
  model.intercept = s->churn_intercept;
  c->p = s->churn_p;
  c->features = g_strdupv (s->churn_features);
  c->excluded = g_new0 (char *, 1);
  c->excluded_reasons = g_new0 (char *, 1);
  c->coef = g_memdup2 (s->churn_coef, sizeof (double) * MAX (c->p, 1));
  c->odds_ratio = g_new (double, MAX (c->p, 1));
  for (guint j = 0; j < c->p; j++)
    c->odds_ratio[j] = exp (c->coef[j]);
  c->intercept = s->churn_intercept;
  c->threshold = s->churn_threshold;
  c->is_test = g_new0 (gboolean, MAX (c->n, 1));
  for (gsize k = 0; k < c->n_scored; k++)
    {
      guint64 i = c->rows[k];
      for (guint j = 0; j < c->p; j++)
        row[j] = isnan (cols[j]->num[i]) ? s->churn_mean[j] : cols[j]->num[i];
      prob[k] = seg_logistic_model_predict (&model, row);
      y[k] = c->label_value[i] != 0;
      c->probability[i] = prob[k];
      c->is_test[i] = TRUE;
    }
  seg_binary_metrics (prob, y, NULL, c->n_scored, c->threshold, &m);
  copy_metrics (&c->test, &m);
  c->train = c->test;
  c->note = g_strdup (_("Scored with the saved churn model; it was not fitted again"));
  return TRUE;
}

/* Sets @c's label and scored rows; FALSE with *@reason when it cannot apply. */
static gboolean
prepare_label (SegResult *r,
               SegChurn  *c,
               GPtrArray *defining,
               char     **reason,
               GError   **error)
{
  gsize positives = 0;

  c->label = build_label (r, c->label_value, defining, reason, error);
  if (c->label == NULL)
    return FALSE;
  c->rows = g_new (guint64, MAX (c->n, 1));
  for (guint64 i = 0; i < c->n; i++)
    if (!isnan (c->label_value[i]))
      {
        c->rows[c->n_scored++] = i;
        positives += c->label_value[i] != 0;
      }
  if (c->n_scored > 0 && (positives == 0 || positives == c->n_scored))
    *reason = g_strdup (_("every customer has the same label"));
  else if (c->n_scored < 10)
    *reason = g_strdup_printf (_("too few customers to learn from (%zu; at least 10 are needed)"),
                               c->n_scored);
  c->churn_rate = c->n_scored ? (double) positives / (double) c->n_scored : NAN;
  return *reason == NULL;
}

gboolean
seg_analysis_run_churn (SegRun  *run,
                        GError **error)
{
  SegResult *r = run->result;
  g_autoptr(GPtrArray) defining = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *reason = NULL;
  SegChurn *c = g_new0 (SegChurn, 1);
  GError *local = NULL;

  c->n = seg_table_get_n_rows (seg_dataset_get_customers (r->dataset));
  c->label_value = g_new (double, MAX (c->n, 1));
  c->probability = g_new (double, MAX (c->n, 1));
  for (guint64 i = 0; i < c->n; i++)
    c->probability[i] = NAN;
  if (!prepare_label (r, c, defining, &reason, &local) &&
      !(r->saved != NULL && r->saved->has_churn && local == NULL && c->n_scored > 0))
    {
      seg_churn_free (c);
      if (local != NULL)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      return seg_run_cannot (run, SEG_METHOD_CHURN, reason, error);
    }
  if (r->saved != NULL && r->saved->has_churn)
    {
      if (!apply_saved_model (r, c, error))
        {
          seg_churn_free (c);
          return FALSE;
        }
      churn_by_segment (r, c);
      r->churn = c;
      return TRUE;
    }
  choose_features (r, c, defining);
  if (c->p == 0)
    {
      seg_churn_free (c);
      return seg_run_cannot (run, SEG_METHOD_CHURN,
                             _("there are no numeric columns left to predict churn from"), error);
    }
  if (!fit_model (run, c, &local))
    {
      gboolean ok = seg_run_cannot (run, SEG_METHOD_CHURN, local->message, error);
      g_error_free (local);
      seg_churn_free (c);
      return ok;
    }
  churn_by_segment (r, c);
  r->churn = c;
  return TRUE;
}
