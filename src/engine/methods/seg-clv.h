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

/**
 * seg_clv_summary_free:
 * @summary: (transfer full) (nullable): a summary
 */
void           seg_clv_summary_free (SegClvSummary *summary);

/* Collects transactions one by one (e.g. while reading a file). */
typedef struct _SegClvAccumulator SegClvAccumulator;

/**
 * seg_clv_accumulator_new:
 * @n_customers: how many customers the transactions belong to
 *
 * Returns: (transfer full): an empty accumulator
 */
SegClvAccumulator *seg_clv_accumulator_new    (gsize              n_customers);
/**
 * seg_clv_accumulator_add:
 * @acc: an accumulator
 * @customer: the customer, below n_customers
 * @day: days since 1970-01-01, any time of day (floored)
 * @amount: the amount; NAN counts as a purchase day and adds nothing (as
 *   pandas' sum skips NaN)
 */
void               seg_clv_accumulator_add    (SegClvAccumulator *acc,
                                               gsize              customer,
                                               double             day,
                                               double             amount);
/**
 * seg_clv_accumulator_finish:
 * @acc: an accumulator
 * @observation_end: a day number, or NAN for the last transaction day;
 *   later transactions are dropped
 * @unit: the unit of recency and T
 * @error: return location for a #GError, or %NULL
 *
 * Returns: (transfer full) (nullable): the summary, or %NULL with @error
 *   set
 */
SegClvSummary     *seg_clv_accumulator_finish (SegClvAccumulator *acc,
                                               double             observation_end,
                                               SegTimeUnit        unit,
                                               GError           **error);
/**
 * seg_clv_accumulator_free:
 * @acc: (transfer full) (nullable): an accumulator
 */
void               seg_clv_accumulator_free   (SegClvAccumulator *acc);

/**
 * seg_clv_summary_from_transactions:
 * @customer: (array length=n_transactions): the customer of each
 *   transaction, below @n_customers
 * @day: (array length=n_transactions): days since 1970-01-01
 * @amount: (nullable) (array length=n_transactions): the amounts (%NULL:
 *   0 each)
 * @n_transactions: how many transactions
 * @n_customers: how many customers
 * @observation_end: as for seg_clv_accumulator_finish ()
 * @unit: the unit of recency and T
 * @error: return location for a #GError, or %NULL
 *
 * The same as an accumulator, from arrays.
 *
 * Returns: (transfer full) (nullable): the summary, or %NULL with @error
 *   set
 */
SegClvSummary *seg_clv_summary_from_transactions (const gsize  *customer,
                                                  const double *day,
                                                  const double *amount,
                                                  gsize         n_transactions,
                                                  gsize         n_customers,
                                                  double        observation_end,
                                                  SegTimeUnit   unit,
                                                  GError      **error);

/**
 * seg_clv_month_factor:
 * @unit: a time unit
 *
 * Returns: lifetimes' steps per month: 30 for days, 4.345 for weeks
 */
double   seg_clv_month_factor (SegTimeUnit unit);

/**
 * seg_clv_discounted:
 * @bgnbd: the BG/NBD parameters
 * @gamma_gamma: the Gamma-Gamma parameters
 * @frequency: the customer's repeat purchases
 * @recency: time of the last purchase since the first, in @unit
 * @T: time since the first purchase, in @unit
 * @monetary: the mean spend of the repeat periods
 * @months: the horizon
 * @monthly_discount: d
 * @unit: the unit of @recency and @T
 *
 * As lifetimes' _customer_lifetime_value.
 *
 * Returns: Σ_i m̃ · (E[X(i f)] − E[X((i − 1) f)]) / (1 + d)^i over @months
 *   months, with m̃ the Gamma-Gamma expected spend and f =
 *   seg_clv_month_factor (@unit)
 */
double   seg_clv_discounted   (const SegBgnbdParams      *bgnbd,
                               const SegGammaGammaParams *gamma_gamma,
                               double                     frequency,
                               double                     recency,
                               double                     T,
                               double                     monetary,
                               guint                      months,
                               double                     monthly_discount,
                               SegTimeUnit                unit);

/**
 * seg_clv_historical:
 * @total_spent: the customer's total spend
 *
 * Returns: the historical value: @total_spent, as is
 */
double   seg_clv_historical   (double total_spent);
/**
 * seg_clv_rfm_proxy:
 * @total_spent: the customer's total spend
 * @txn_count: their transactions
 * @recency_days: days since their last purchase
 *
 * Returns: the RFM proxy total_spent · txn_count / (recency_days + 1)
 */
double   seg_clv_rfm_proxy    (double total_spent,
                               double txn_count,
                               double recency_days);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegClvSummary, seg_clv_summary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegClvAccumulator, seg_clv_accumulator_free)

G_END_DECLS
