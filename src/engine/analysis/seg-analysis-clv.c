/* seg-analysis-clv.c — the customer lifetime value step of an analysis (SPEC §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Historical value, the RFM proxy, a user formula, or BG/NBD with
 * Gamma-Gamma.  BG/NBD reads either a lifetimes-style summary table (the
 * customers.frequency / recency / T / monetary_value roles) or the
 * transaction log.  For the log, the rows the dataset kept are found again
 * here the same way the dataset found them (the --where filter, the
 * --txn-derive columns and the --map bindings, no customer id, no date,
 * after the as-of date, not a known customer, an exact duplicate row); the
 * per-customer sums are checked against total_spent and a notice says so
 * when they differ.
 */
#define G_LOG_DOMAIN "seg-analysis"

#include "config.h"

#include "seg-clv.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-analysis-private.h"
#include "seg-error.h"
#include "seg-expr.h"
#include "seg-matrix.h"
#include "seg-parallel.h"

#define MIN_REPEAT_CUSTOMERS 20

void
seg_clv_free (SegClv *c)
{
  if (c == NULL)
    return;
  g_free (c->formula);
  g_free (c->clv);
  g_free (c->p_alive);
  g_free (c->expected_purchases);
  g_free (c->frequency);
  g_free (c->recency);
  g_free (c->T);
  g_free (c->monetary);
  for (guint i = 0; i < SEG_N_SEGMENTATIONS; i++)
    seg_by_segment_clear (&c->by[i]);
  g_free (c);
}

const SegBySegment *
seg_clv_get_by (const SegClv *clv,
                const char   *method)
{
  g_return_val_if_fail (clv != NULL, NULL);
  return seg_by_segment_find (clv->by, method);
}

static SegTimeUnit
clv_unit (SegTimeUnit unit)
{
  return unit == SEG_TIME_UNIT_WEEKS ? SEG_TIME_UNIT_WEEKS : SEG_TIME_UNIT_DAYS;
}

static double *
nan_array (guint64 n)
{
  double *v = g_new (double, MAX (n, 1));
  for (guint64 i = 0; i < n; i++)
    v[i] = NAN;
  return v;
}

/* ------------------------------------------------------ simple methods */

static gboolean
run_historical (SegResult *r,
                SegClv    *c,
                char     **reason)
{
  const SegColumn *spent = seg_table_find_column (seg_dataset_get_customers (r->dataset), "total_spent");

  if (spent == NULL)
    {
      *reason = g_strdup (_("historical value needs a transaction log (total spent)"));
      return FALSE;
    }
  for (guint64 i = 0; i < c->n; i++)
    c->clv[i] = seg_clv_historical (spent->num[i]);
  return TRUE;
}

static gboolean
run_rfm_proxy (SegResult *r,
               SegClv    *c,
               char     **reason)
{
  SegTable *t = seg_dataset_get_customers (r->dataset);
  const SegColumn *spent = seg_table_find_column (t, "total_spent");
  const SegColumn *count = seg_table_find_column (t, "txn_count");
  const SegColumn *rec = seg_table_find_column (t, "recency_days");

  if (spent == NULL || count == NULL || rec == NULL)
    {
      *reason = g_strdup (_("the RFM proxy needs a transaction log (total spent, count and recency)"));
      return FALSE;
    }
  for (guint64 i = 0; i < c->n; i++)
    c->clv[i] = isnan (rec->num[i]) ? NAN
              : seg_clv_rfm_proxy (spent->num[i], count->num[i], rec->num[i]);
  return TRUE;
}

static gboolean
run_formula (SegResult *r,
             SegClv    *c,
             GError   **error)
{
  SegTable *t = seg_dataset_get_customers (r->dataset);
  g_autoptr(SegExpr) expr = NULL;

  if (r->options.clv_formula == NULL)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE,
                   _("The formula method of customer lifetime value needs a formula (--clv-formula)"));
      return FALSE;
    }
  expr = seg_expr_parse (r->options.clv_formula, error);
  if (expr == NULL || !seg_expr_bind_table (expr, t, error))
    {
      g_prefix_error (error, _("CLV formula “%s”: "), r->options.clv_formula);
      return FALSE;
    }
  for (guint64 i = 0; i < c->n; i++)
    {
      SegValue v;

      seg_expr_eval_table_row (expr, t, i, &v);
      if (v.kind == SEG_VALUE_NUMBER || v.kind == SEG_VALUE_BOOLEAN)
        c->clv[i] = v.num;
      else if (v.kind != SEG_VALUE_MISSING)
        {
          g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                       _("CLV formula “%s” does not give a number (customer row %" PRIu64 ")"),
                       r->options.clv_formula, i + 1);
          return FALSE;
        }
    }
  c->formula = g_strdup (r->options.clv_formula);
  return TRUE;
}

/* ------------------------------------------------ the kept transactions */

/* The lifetimes summary from the very rows the customer metrics were built
 * from (the dataset keeps them), so filters, bindings, duplicates and the
 * as-of date apply exactly once. */
static SegClvSummary *
summary_from_log (SegResult *r,
                  GError   **error)
{
  const SegKeptTransactions *kept = seg_dataset_get_transactions (r->dataset);
  SegTable *customers = seg_dataset_get_customers (r->dataset);

  /* The callers ask only with a transaction log, which the dataset always
   * keeps; still, NULL comes with an error, as the callers expect. */
  if (kept == NULL)
    {
      g_set_error_literal (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                           _("there is no transaction log to count purchases from"));
      return NULL;
    }
  return seg_clv_summary_from_transactions (kept->customer, kept->day, kept->amount, kept->n,
                                            seg_table_get_n_rows (customers),
                                            seg_dataset_get_as_of (r->dataset),
                                            clv_unit (seg_dataset_options_get_time_unit (seg_dataset_get_options (r->dataset))),
                                            error);
}

/* ------------------------------------------------------------- BG/NBD */

static gboolean
has_summary_table (const SegTable *t)
{
  return seg_table_find_role (t, SEG_FIELD_FREQUENCY) && seg_table_find_role (t, SEG_FIELD_RECENCY) &&
         seg_table_find_role (t, SEG_FIELD_T);
}

static double *
column_copy (const SegColumn *col,
             guint64          n)
{
  double *v = nan_array (n);
  if (col != NULL && col->type != SEG_COLUMN_TEXT)
    memcpy (v, col->num, sizeof (double) * n);
  return v;
}

/* Fills c->frequency, recency, T and monetary from a summary table or the log. */
static gboolean
lifetimes_summary (SegResult *r,
                   SegClv    *c,
                   GError   **error)
{
  SegTable *t = seg_dataset_get_customers (r->dataset);
  g_autoptr(SegClvSummary) s = NULL;

  if (has_summary_table (t))
    {
      c->from_summary = TRUE;
      c->frequency = column_copy (seg_table_find_role (t, SEG_FIELD_FREQUENCY), c->n);
      c->recency = column_copy (seg_table_find_role (t, SEG_FIELD_RECENCY), c->n);
      c->T = column_copy (seg_table_find_role (t, SEG_FIELD_T), c->n);
      c->monetary = column_copy (seg_table_find_role (t, SEG_FIELD_MONETARY_VALUE), c->n);
      return TRUE;
    }
  s = summary_from_log (r, error);
  if (s == NULL)
    return FALSE;
  c->frequency = g_steal_pointer (&s->frequency);
  c->recency = g_steal_pointer (&s->recency);
  c->T = g_steal_pointer (&s->T);
  c->monetary = g_steal_pointer (&s->monetary);
  return TRUE;
}

static gsize
count_repeat (const SegClv *c)
{
  gsize repeat = 0;
  for (guint64 i = 0; i < c->n; i++)
    repeat += c->frequency[i] > 0 ? 1 : 0;
  return repeat;
}

/* BG/NBD on the customers with a complete summary; when maximum likelihood
 * does not converge (e.g. nobody seems to drop out), once more with a small
 * penalizer, as lifetimes' users are advised to. */
static gboolean
fit_bgnbd (SegResult *r,
           SegClv    *c,
           GError   **error)
{
  SegBgnbdOptions options;
  g_autofree double *f = g_new (double, MAX (c->n, 1));
  g_autofree double *rec = g_new (double, MAX (c->n, 1));
  g_autofree double *T = g_new (double, MAX (c->n, 1));
  gsize m = 0;

  for (guint64 i = 0; i < c->n; i++)
    if (isfinite (c->frequency[i]) && isfinite (c->recency[i]) && isfinite (c->T[i]))
      {
        f[m] = c->frequency[i];
        rec[m] = c->recency[i];
        T[m++] = c->T[i];
      }
  if (r->saved != NULL && r->saved->has_bgnbd)
    {
      c->bgnbd = r->saved->bgnbd;   /* seg_analysis_apply (): not fitted again */
      return TRUE;
    }
  seg_bgnbd_options_init (&options);
  if (seg_bgnbd_fit (f, rec, T, m, &options, &c->bgnbd, NULL))
    return TRUE;
  options.penalizer = 0.001;
  if (!seg_bgnbd_fit (f, rec, T, m, &options, &c->bgnbd, error))
    return FALSE;
  g_ptr_array_add (r->notices, g_strdup (_("CLV: the purchase model (BG/NBD) did not converge by maximum "
                                           "likelihood alone; it was fitted with a penalizer of 0.001")));
  return TRUE;
}

/* Gamma-Gamma on the repeat customers with a positive spend. */
static gboolean
fit_gamma_gamma (SegResult *r,
                 SegClv    *c)
{
  g_autofree double *f = g_new (double, MAX (c->n, 1));
  g_autofree double *m = g_new (double, MAX (c->n, 1));
  g_autoptr(GError) local = NULL;
  gsize k = 0;
  double corr;

  if (r->saved != NULL && r->saved->has_bgnbd)
    {
      if (r->saved->has_gamma_gamma)
        c->gamma_gamma = r->saved->gamma_gamma;
      return r->saved->has_gamma_gamma;
    }

  for (guint64 i = 0; i < c->n; i++)
    if (c->frequency[i] > 0 && isfinite (c->monetary[i]) && c->monetary[i] > 0)
      {
        f[k] = c->frequency[i];
        m[k++] = c->monetary[i];
      }
  if (k == 0)
    {
      g_ptr_array_add (r->notices, g_strdup (_("CLV: there are no spend amounts per purchase, so only the "
                                               "probability of being alive and expected purchases are given")));
      return FALSE;
    }
  if (!seg_gamma_gamma_fit (f, m, k, 0.0, &c->gamma_gamma, &local))
    {
      g_ptr_array_add (r->notices, g_strdup_printf (_("CLV: the spend model could not be fitted (%s), so only "
                                                      "purchase predictions are given"), local->message));
      return FALSE;
    }
  corr = seg_gamma_gamma_correlation (f, m, k);
  if (fabs (corr) > 0.3)
    g_ptr_array_add (r->notices,
                     g_strdup_printf (_("CLV: purchase frequency and spend per purchase are correlated "
                                        "(%.2f); the spend model assumes they are not, so treat CLV with care"),
                                      corr));
  return TRUE;
}

/* Rows per block of the predictions: each customer needs ~13 ₂F₁ series,
 * so blocks are small enough to share a 100k-customer file among threads. */
#define PREDICT_BLOCK 2048

static void
predict_block (guint    block,
               guint    start,
               guint    end,
               gpointer user_data)
{
  SegClv *c = user_data;
  SegTimeUnit unit = clv_unit (c->unit);
  double horizon = c->months * seg_clv_month_factor (unit);

  for (guint i = start; i < end; i++)
    {
      double f = c->frequency[i], rec = c->recency[i], T = c->T[i];

      if (!isfinite (f) || !isfinite (rec) || !isfinite (T))
        continue;
      c->p_alive[i] = seg_bgnbd_p_alive (&c->bgnbd, f, rec, T);
      c->expected_purchases[i] = seg_bgnbd_expected_purchases (&c->bgnbd, horizon, f, rec, T);
      if (c->has_gamma_gamma)
        c->clv[i] = seg_clv_discounted (&c->bgnbd, &c->gamma_gamma, f, rec, T,
                                        isfinite (c->monetary[i]) ? c->monetary[i] : 0,
                                        c->months, c->discount, unit);
    }
}

static gboolean
run_bgnbd (SegResult *r,
           SegClv    *c,
           GError   **error)
{
  if (c->frequency == NULL && !lifetimes_summary (r, c, error))
    return FALSE;
  if (!fit_bgnbd (r, c, error))
    return FALSE;
  c->has_gamma_gamma = fit_gamma_gamma (r, c);
  c->p_alive = nan_array (c->n);
  c->expected_purchases = nan_array (c->n);
  /* every customer writes only its own cells, so threads change nothing */
  g_assert (c->n <= G_MAXUINT);
  seg_parallel_blocks ((guint) c->n, PREDICT_BLOCK, predict_block, c);
  return TRUE;
}

/* ------------------------------------------------------------ the step */

static void
clv_by_segment (SegResult *r,
                SegClv    *c)
{
  const SegSegmentation *segs[SEG_N_SEGMENTATIONS];
  gsize known = 0;

  seg_result_segmentations (r, segs);
  for (guint64 i = 0; i < c->n; i++)
    if (isfinite (c->clv[i]))
      {
        c->total += c->clv[i];
        known++;
      }
  c->mean = known ? c->total / (double) known : NAN;
  for (guint s = 0; s < SEG_N_SEGMENTATIONS; s++)
    {
      SegBySegment *by = &c->by[s];

      if (segs[s] == NULL)
        continue;
      by->method = segs[s]->method;
      by->n_segments = segs[s]->n_segments;
      by->customers = g_new0 (guint, MAX (by->n_segments, 1));
      by->avg_clv = g_new0 (double, MAX (by->n_segments, 1));
      by->total_clv = g_new0 (double, MAX (by->n_segments, 1));
      for (guint64 i = 0; i < c->n; i++)
        {
          guint g = segs[s]->labels[i];
          if (g < by->n_segments && isfinite (c->clv[i]))
            {
              by->customers[g]++;
              by->total_clv[g] += c->clv[i];
            }
        }
      for (guint g = 0; g < by->n_segments; g++)
        by->avg_clv[g] = by->customers[g] ? by->total_clv[g] / by->customers[g] : NAN;
    }
}

/* The method to use when none was asked for; may fill the BG/NBD summary. */
static SegClvMethod
auto_method (SegResult *r,
             SegClv    *c)
{
  SegTable *t = seg_dataset_get_customers (r->dataset);
  g_autoptr(GError) local = NULL;
  gsize repeat;

  if (r->options.clv_formula != NULL)
    return SEG_CLV_METHOD_FORMULA;
  if (has_summary_table (t))
    return SEG_CLV_METHOD_BGNBD;
  if (!seg_dataset_has_transactions (r->dataset))
    return SEG_CLV_METHOD_HISTORICAL;
  if (!lifetimes_summary (r, c, &local))
    {
      g_ptr_array_add (r->notices, g_strdup_printf (_("CLV: %s; the historical value is used"), local->message));
      return SEG_CLV_METHOD_HISTORICAL;
    }
  repeat = count_repeat (c);
  if (repeat >= MIN_REPEAT_CUSTOMERS)
    return SEG_CLV_METHOD_BGNBD;
  g_ptr_array_add (r->notices,
                   g_strdup_printf (_("CLV: only %zu customers bought more than once (BG/NBD "
                                      "needs %d); the historical value (total spent) is used"),
                                    repeat, MIN_REPEAT_CUSTOMERS));
  return SEG_CLV_METHOD_HISTORICAL;
}

/* Runs c->method; FALSE with @error for a hard error or *@reason when it cannot apply. */
static gboolean
run_method (SegResult *r,
            SegClv    *c,
            char     **reason,
            GError   **error)
{
  g_autoptr(GError) local = NULL;

  switch (c->method)
    {
    case SEG_CLV_METHOD_RFM_PROXY:
      return run_rfm_proxy (r, c, reason);
    case SEG_CLV_METHOD_FORMULA:
      return run_formula (r, c, error);
    case SEG_CLV_METHOD_BGNBD:
      if (!has_summary_table (seg_dataset_get_customers (r->dataset)) && !seg_dataset_has_transactions (r->dataset))
        {
          *reason = g_strdup (_("BG/NBD needs a transaction log or a summary table (frequency, recency, T)"));
          return FALSE;
        }
      if (run_bgnbd (r, c, &local))
        return TRUE;
      *reason = g_strdup_printf (_("BG/NBD could not be fitted: %s"), local->message);
      if (g_str_has_suffix (*reason, "."))
        (*reason)[strlen (*reason) - 1] = '\0';
      return FALSE;
    case SEG_CLV_METHOD_HISTORICAL:
    case SEG_CLV_METHOD_AUTO:
    default:
      return run_historical (r, c, reason);
    }
}

gboolean
seg_analysis_run_clv (SegRun  *run,
                      GError **error)
{
  SegResult *r = run->result;
  SegClv *c = g_new0 (SegClv, 1);
  g_autofree char *reason = NULL;
  GError *local = NULL;
  gboolean automatic = r->options.clv_method == SEG_CLV_METHOD_AUTO;

  c->n = seg_table_get_n_rows (seg_dataset_get_customers (r->dataset));
  c->months = r->options.clv_months ? r->options.clv_months : 12;
  c->discount = r->options.clv_discount;
  c->unit = seg_dataset_options_get_time_unit (seg_dataset_get_options (r->dataset));
  c->clv = nan_array (c->n);
  c->method = automatic ? auto_method (r, c) : r->options.clv_method;
  if (!run_method (r, c, &reason, &local) && automatic && local == NULL &&
      c->method == SEG_CLV_METHOD_BGNBD)
    {
      /* the automatic choice falls back to the historical value */
      g_ptr_array_add (r->notices, g_strdup_printf (_("CLV: %s; the historical value is used"), reason));
      g_clear_pointer (&reason, g_free);
      g_clear_pointer (&c->frequency, g_free);
      g_clear_pointer (&c->recency, g_free);
      g_clear_pointer (&c->T, g_free);
      g_clear_pointer (&c->monetary, g_free);
      g_clear_pointer (&c->p_alive, g_free);
      g_clear_pointer (&c->expected_purchases, g_free);
      c->method = SEG_CLV_METHOD_HISTORICAL;
      run_method (r, c, &reason, &local);
    }
  if (local != NULL || reason != NULL)
    {
      seg_clv_free (c);
      if (local != NULL)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      return seg_run_cannot (run, SEG_METHOD_CLV, reason, error);
    }
  clv_by_segment (r, c);
  r->clv = c;
  return TRUE;
}
