/* seg-clv.h — transactions → lifetimes summary, and customer lifetime value
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "seg-bgnbd.h"
#include "seg-gamma-gamma.h"
#include "seg-types.h"

G_BEGIN_DECLS

/* The lifetimes summary per customer; NAN for a customer with no
 * transaction up to the observation end. */
typedef struct
{
  gsize        n;
  SegTimeUnit  unit;
  double       observation_end;  /* day number */
  double      *frequency;   /* distinct purchase days − 1 */
  double      *recency;     /* last − first purchase day, in @unit */
  double      *T;           /* observation end − first purchase day, in @unit */
  double      *monetary;    /* mean of the per-day sums of the repeat days; 0 if none */
} SegClvSummary;

void           seg_clv_summary_free (SegClvSummary *summary);

/* Collects transactions one by one (e.g. while reading a file). */
typedef struct _SegClvAccumulator SegClvAccumulator;

/* Returns: (transfer full). */
SegClvAccumulator *seg_clv_accumulator_new    (gsize              n_customers);
/* @day: days since 1970-01-01, any time of day (floored); @amount may be NAN
 * (counts as a purchase day, adds nothing, as pandas' sum skips NaN). */
void               seg_clv_accumulator_add    (SegClvAccumulator *acc,
                                               gsize              customer,
                                               double             day,
                                               double             amount);
/* @observation_end: a day number, or NAN for the last transaction day;
 * later transactions are dropped.  Returns: (transfer full) */
SegClvSummary     *seg_clv_accumulator_finish (SegClvAccumulator *acc,
                                               double             observation_end,
                                               SegTimeUnit        unit,
                                               GError           **error);
void               seg_clv_accumulator_free   (SegClvAccumulator *acc);

/* The same from arrays (@amount may be NULL).  Returns: (transfer full). */
SegClvSummary *seg_clv_summary_from_transactions (const gsize  *customer,
                                                  const double *day,
                                                  const double *amount,
                                                  gsize         n_transactions,
                                                  gsize         n_customers,
                                                  double        observation_end,
                                                  SegTimeUnit   unit,
                                                  GError      **error);

/* lifetimes' steps per month: 30 for days, 4.345 for weeks. */
double   seg_clv_month_factor (SegTimeUnit unit);

/* Discounted CLV over @months months as lifetimes' _customer_lifetime_value:
 * Σ_i m̃ · (E[X(i f)] − E[X((i − 1) f)]) / (1 + d)^i with m̃ the Gamma-Gamma
 * expected spend, f = seg_clv_month_factor (@unit), d = @monthly_discount. */
double   seg_clv_discounted   (const SegBgnbdParams      *bgnbd,
                               const SegGammaGammaParams *gamma_gamma,
                               double                     frequency,
                               double                     recency,
                               double                     T,
                               double                     monetary,
                               guint                      months,
                               double                     monthly_discount,
                               SegTimeUnit                unit);

/* The simple methods: historical value (total spent, returned as is) and the
 * RFM proxy total_spent · txn_count / (recency_days + 1). */
double   seg_clv_historical   (double total_spent);
double   seg_clv_rfm_proxy    (double total_spent,
                               double txn_count,
                               double recency_days);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegClvSummary, seg_clv_summary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegClvAccumulator, seg_clv_accumulator_free)

G_END_DECLS
