/* seg-analysis-churn.c — the churn step of an analysis (SPEC §8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A 0/1 label per customer (the rule recency_days > churn_days, a label
 * column, or a boolean expression), a logistic regression on the numeric
 * customer columns that do not define the label, and the churn rate and mean
 * probability per segment of every segmentation that ran.  Customers who
 * never bought (recency_days missing) and customers without a label are not
 * scored.  Which customer columns the model uses, and which it leaves out
 * because they give the label away, is in seg-analysis-churn-features.c.
 */
#define G_LOG_DOMAIN "seg-analysis"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "seg-analysis-private.h"
#include "seg-csv-writer.h"
#include "seg-error.h"
#include "seg-expr.h"
#include "seg-logistic.h"

#define TEST_FRACTION 0.25
/* a suggested label window aims at this share of churned buyers */
#define SUGGESTED_CHURN_SHARE 0.25
/* the predicted-churn threshold stays where the slider can show it */
#define THRESHOLD_MIN 0.05
#define THRESHOLD_MAX 0.95

void
seg_churn_free (SegChurn *c)
{
  if (c == NULL)
    return;
  g_free (c->label);
  g_strfreev (c->features);
  g_strfreev (c->excluded);
  g_strfreev (c->excluded_reasons);
  seg_churn_exclusions_free (c->exclusions, c->n_excluded);
  g_free (c->note);
  g_clear_pointer (&c->fit, seg_logistic_result_free);
  g_free (c->coef);
  g_free (c->odds_ratio);
  g_free (c->warning);
  g_free (c->days_note);
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
             double      churn_days,
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
    label[i] = isnan (rec->num[i]) ? NAN : (rec->num[i] > churn_days ? 1 : 0);
  g_ptr_array_add (defining, g_strdup ("recency_days"));
  days = seg_csv_format_number (churn_days);
  return g_strdup_printf ("recency_days > %s", days);
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

/* The public figures of @fit, per customer where they were per scored row. */
static void
copy_fit (SegChurn                *c,
          const SegLogisticResult *fit)
{
  c->coef = g_memdup2 (fit->model->coef, sizeof (double) * MAX (c->p, 1));
  c->odds_ratio = g_memdup2 (fit->model->odds_ratio, sizeof (double) * MAX (c->p, 1));
  c->intercept = fit->model->intercept;
  c->threshold = fit->threshold;
  c->test = fit->test;
  c->train = fit->train;
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
  lo.test_fraction = TEST_FRACTION;
  lo.seed = (guint32) r->options.seed;
  x = seg_churn_feature_rows (run, c, y, &lo, error);
  if (x != NULL)
    c->fit = seg_logistic_run (x, y, c->n_scored, c->p, (const char * const *) c->features, &lo, error);
  if (c->fit == NULL)
    return FALSE;
  /* With few churners, 0.5 often predicts nobody churns: accuracy is then
   * the share of stayers and the model finds no one.  The threshold that
   * best tells both groups apart on the training customers is used. */
  {
    SegLogisticResult *fit = c->fit;
    g_autofree gboolean *is_train = g_new (gboolean, MAX (c->n_scored, 1));

    for (gsize k = 0; k < c->n_scored; k++)
      is_train[k] = !fit->is_test[k];
    seg_logistic_result_set_threshold (fit, seg_logistic_balanced_threshold (fit->probability, fit->y, is_train,
                                                                             fit->n, THRESHOLD_MIN, THRESHOLD_MAX));
  }
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
  /* what the fit left out, and why, as it was then */
  c->n_excluded = s->churn_n_excluded;
  c->excluded = s->churn_excluded != NULL ? g_strdupv (s->churn_excluded) : g_new0 (char *, 1);
  c->excluded_reasons = s->churn_excluded_reasons != NULL ? g_strdupv (s->churn_excluded_reasons)
                                                          : g_new0 (char *, 1);
  c->exclusions = g_new0 (SegChurnExclusion, MAX (c->n_excluded, 1));
  for (guint i = 0; i < c->n_excluded; i++)
    {
      c->exclusions[i] = s->churn_exclusions[i];
      c->exclusions[i].column = g_strdup (s->churn_exclusions[i].column);
    }
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
  c->test = m;
  c->train = c->test;
  c->note = g_strdup (_("Scored with the saved churn model; it was not fitted again"));
  return TRUE;
}

/* Fills @c's scored rows from its labels; returns the number labelled 1. */
static gsize
score_rows (SegChurn *c)
{
  gsize positives = 0;

  c->n_scored = 0;
  for (guint64 i = 0; i < c->n; i++)
    if (!isnan (c->label_value[i]))
      {
        c->rows[c->n_scored++] = i;
        positives += c->label_value[i] != 0;
      }
  return positives;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static const double nice_days[] = { 7, 14, 21, 30, 45, 60, 90, 120, 150, 180, 270, 365, 540, 730, 1095, 1460, 1825 };

/* The "churned after N days" to offer when the asked one does not give the
 * model both labels: of the round windows (a week … five years) that do,
 * the one whose share of churned buyers is nearest a quarter; failing all,
 * any window between two distinct recencies.  NAN when none works. */
static double
suggest_days (const SegColumn *rec,
              guint64          n)
{
  g_autofree double *sorted = g_new (double, MAX (n, 1));
  gsize m = 0;
  double best = NAN, best_gap = INFINITY;

  for (guint64 i = 0; i < n; i++)
    if (!isnan (rec->num[i]))
      sorted[m++] = rec->num[i];
  if (m == 0)
    return NAN;
  qsort (sorted, m, sizeof (double), compare_doubles);
  for (int pass = 0; pass < 2 && isnan (best); pass++)
    {
      gsize n_candidates = pass == 0 ? G_N_ELEMENTS (nice_days) : m;

      for (gsize j = 0; j < n_candidates; j++)
        {
          double days = pass == 0 ? nice_days[j] : floor (sorted[j]);
          gsize stayed = 0;
          double gap;

          /* churned: recency > days; the sorted values make it a count */
          while (stayed < m && sorted[stayed] <= days)
            stayed++;
          if (!seg_logistic_can_split (stayed, m - stayed, TEST_FRACTION))
            continue;
          gap = fabs ((double) (m - stayed) / (double) m - SUGGESTED_CHURN_SHARE);
          if (gap < best_gap)
            {
              best_gap = gap;
              best = days;
            }
        }
    }
  return best;
}

/* Why a label cannot be learnt, in words; NULL when it can. */
static char *
label_problem (const SegChurn *c,
               gsize           positives)
{
  gsize stayed = c->n_scored - positives;
  g_autofree char *days = isfinite (c->days) ? seg_csv_format_number (c->days) : NULL;

  if (c->n_scored > 0 && positives == 0)
    return days ? g_strdup_printf (_("no customer went more than %s days without a purchase"), days)
                : g_strdup (_("no customer is labelled as churned"));
  if (c->n_scored > 0 && stayed == 0)
    return days ? g_strdup_printf (_("every customer went more than %s days without a purchase"), days)
                : g_strdup (_("every customer is labelled as churned"));
  if (c->n_scored < 10)
    return g_strdup_printf (_("too few customers to learn from (%zu; at least 10 are needed)"),
                            c->n_scored);
  if (!seg_logistic_can_split (stayed, positives, TEST_FRACTION))
    {
      gboolean few_churned = positives < stayed;
      gsize few = few_churned ? positives : stayed;

      if (days)
        return few_churned
          ? g_strdup_printf (_("only %zu of %zu customers went more than %s days without a purchase, "
                               "too few to train and test a churn model"), few, c->n_scored, days)
          : g_strdup_printf (_("only %zu of %zu customers bought within the last %s days, "
                               "too few to train and test a churn model"), few, c->n_scored, days);
      return few_churned
        ? g_strdup_printf (_("only %zu of %zu customers are labelled as churned, "
                             "too few to train and test a churn model"), few, c->n_scored)
        : g_strdup_printf (_("only %zu of %zu customers are labelled as not churned, "
                             "too few to train and test a churn model"), few, c->n_scored);
    }
  return NULL;
}

/* Sets @c's label and scored rows; FALSE with *@reason when it cannot apply.
 * With the recency rule, a window that cannot be learnt gets a suggestion
 * (the result's churn_suggested_days), which replaces the default one. */
static gboolean
prepare_label (SegResult *r,
               SegChurn  *c,
               GPtrArray *defining,
               char     **reason,
               GError   **error)
{
  gsize positives;

  c->days = r->options.churn_label == NULL ? r->options.churn_days : NAN;
  c->label = build_label (r, c->days, c->label_value, defining, reason, error);
  if (c->label == NULL)
    return FALSE;
  c->rows = g_new (guint64, MAX (c->n, 1));
  positives = score_rows (c);
  *reason = label_problem (c, positives);
  if (*reason != NULL && isfinite (c->days))
    {
      const SegColumn *rec = seg_table_find_column (seg_dataset_get_customers (r->dataset), "recency_days");
      double days = suggest_days (rec, c->n);

      /* a saved model keeps its label: only its figures need both */
      if (isfinite (days) && r->options.churn_days_auto && !(r->saved != NULL && r->saved->has_churn))
        {
          g_autofree char *asked = seg_csv_format_number (c->days);
          g_autofree char *used = seg_csv_format_number (days);
          g_autofree char *why = g_steal_pointer (reason);
          g_autofree char *share = NULL;

          g_free (c->label);
          g_ptr_array_set_size (defining, 0);
          c->days = days;
          c->label = build_label (r, days, c->label_value, defining, reason, error);
          positives = score_rows (c);
          share = g_strdup_printf ("%.1f %%", 100.0 * (double) positives / (double) MAX (c->n_scored, 1));
          /* Translators: "Churned means more than 30 days without a purchase
           * here (24.0 % of the customers with purchases), because with the
           * default of 180 days no customer went more than 180 days …" */
          c->days_note = g_strdup_printf (_("Churned means more than %s days without a purchase here "
                                            "(%s of the customers with purchases), because with the "
                                            "default of %s days %s"), used, share, asked, why);
          g_ptr_array_add (r->notices, g_strdup_printf (_("Churn: %s"), c->days_note));
          *reason = label_problem (c, positives);
        }
      else
        r->churn_suggested_days = days;
    }
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
  seg_churn_choose_features (r, c, defining);
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

/* ------------------------------------------------------------ reading */

const char *
seg_churn_get_label (const SegChurn *churn)
{
  g_return_val_if_fail (churn != NULL, NULL);
  return churn->label;
}

guint
seg_churn_get_n_features (const SegChurn *churn)
{
  g_return_val_if_fail (churn != NULL, 0);
  return churn->p;
}

const char * const *
seg_churn_get_features (const SegChurn *churn)
{
  g_return_val_if_fail (churn != NULL, NULL);
  return (const char * const *) churn->features;
}

const double *
seg_churn_get_coefficients (const SegChurn *churn)
{
  g_return_val_if_fail (churn != NULL, NULL);
  return churn->coef;
}

const double *
seg_churn_get_odds_ratios (const SegChurn *churn)
{
  g_return_val_if_fail (churn != NULL, NULL);
  return churn->odds_ratio;
}

double
seg_churn_get_intercept (const SegChurn *churn)
{
  g_return_val_if_fail (churn != NULL, NAN);
  return churn->intercept;
}

double
seg_churn_get_threshold (const SegChurn *churn)
{
  g_return_val_if_fail (churn != NULL, NAN);
  return churn->threshold;
}

guint
seg_churn_get_n_excluded (const SegChurn *churn)
{
  g_return_val_if_fail (churn != NULL, 0);
  return churn->n_excluded;
}

const char * const *
seg_churn_get_excluded (const SegChurn *churn)
{
  g_return_val_if_fail (churn != NULL, NULL);
  return (const char * const *) churn->excluded;
}

const char * const *
seg_churn_get_excluded_reasons (const SegChurn *churn)
{
  g_return_val_if_fail (churn != NULL, NULL);
  return (const char * const *) churn->excluded_reasons;
}

const SegChurnExclusion *
seg_churn_get_exclusions (const SegChurn *churn)
{
  g_return_val_if_fail (churn != NULL, NULL);
  return churn->exclusions;
}

const char *
seg_churn_get_note (const SegChurn *churn)
{
  g_return_val_if_fail (churn != NULL, NULL);
  return churn->note;
}

const char *
seg_churn_get_warning (const SegChurn *churn)
{
  g_return_val_if_fail (churn != NULL, NULL);
  return churn->warning;
}

const SegBySegment *
seg_churn_get_by (const SegChurn *churn,
                  const char     *method)
{
  g_return_val_if_fail (churn != NULL, NULL);
  return seg_by_segment_find (churn->by, method);
}
double
seg_churn_get_days (const SegChurn *churn)
{
  g_return_val_if_fail (churn != NULL, NAN);
  return churn->days;
}

const char *
seg_churn_get_days_note (const SegChurn *churn)
{
  g_return_val_if_fail (churn != NULL, NULL);
  return churn->days_note;
}

const SegBinaryMetrics *
seg_churn_get_test_metrics (const SegChurn *churn)
{
  g_return_val_if_fail (churn != NULL, NULL);
  return &churn->test;
}

const SegBinaryMetrics *
seg_churn_get_train_metrics (const SegChurn *churn)
{
  g_return_val_if_fail (churn != NULL, NULL);
  return &churn->train;
}

gboolean
seg_churn_measure_at (const SegChurn   *churn,
                      double            threshold,
                      SegBinaryMetrics *out)
{
  g_autofree guint8 *y = NULL;
  g_autofree gboolean *mask = NULL;
  gboolean any = FALSE;

  g_return_val_if_fail (churn != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  y = g_new0 (guint8, MAX (churn->n, 1));
  mask = g_new0 (gboolean, MAX (churn->n, 1));
  for (guint64 i = 0; i < churn->n; i++)
    {
      mask[i] = churn->is_test != NULL && churn->is_test[i] &&
                isfinite (churn->probability[i]) && isfinite (churn->label_value[i]);
      y[i] = mask[i] && churn->label_value[i] > 0.5;
      any |= mask[i];
    }
  seg_binary_metrics (churn->probability, y, mask, churn->n, threshold, out);
  return any;
}

double
seg_churn_get_rate (const SegChurn *churn)
{
  g_return_val_if_fail (churn != NULL, NAN);
  return churn->churn_rate;
}

guint64
seg_churn_get_n_scored (const SegChurn *churn)
{
  g_return_val_if_fail (churn != NULL, 0);
  return churn->n_scored;
}

const guint64 *
seg_churn_get_scored_rows (const SegChurn *churn)
{
  g_return_val_if_fail (churn != NULL, NULL);
  return churn->rows;
}

guint64
seg_churn_get_n_customers (const SegChurn *churn)
{
  g_return_val_if_fail (churn != NULL, 0);
  return churn->n;
}

const double *
seg_churn_get_probabilities (const SegChurn *churn)
{
  g_return_val_if_fail (churn != NULL, NULL);
  return churn->probability;
}

const double *
seg_churn_get_labels (const SegChurn *churn)
{
  g_return_val_if_fail (churn != NULL, NULL);
  return churn->label_value;
}

const gboolean *
seg_churn_get_held_out (const SegChurn *churn)
{
  g_return_val_if_fail (churn != NULL, NULL);
  return churn->is_test;
}
