/* seg-cohort.h — cohort retention: customers by month of first purchase
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A customer's cohort is the calendar month of their first kept transaction;
 * "months since first" counts calendar months (2011-01 is one month after
 * 2010-12).  For each cohort and each month from its first to the last month
 * with a kept transaction, the number of its customers who bought in that
 * month, and that number over the cohort's size.  This is pandas'
 *   rows.groupby([first_month, offset]).customer_id.nunique()
 * on the rows the metrics were computed from, with the months in which no
 * one of a cohort bought given as 0 (a full triangle).
 *
 * While the transactions are folded, each customer keeps the set of months
 * they bought in: a base month and 64 bits (one word per customer, whatever
 * the number of rows); a customer whose months span more than 64 months
 * moves to a sorted array in a side table.  Memory grows with customers and
 * months, never with rows.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SEG_MONTH_NONE G_MININT32

/**
 * seg_cohort_month_of_day:
 * @day: days since 1970-01-01
 *
 * Returns: the calendar month, year × 12 + month − 1; %SEG_MONTH_NONE when
 *   @day is not a finite day between the years −9999 and 9999
 */
gint32       seg_cohort_month_of_day (double day);

/* The months one customer bought in.  Empty: lo == SEG_MONTH_NONE.  bits == 0
 * with a month in lo: the months are in the side table (SegMonthWide). */
typedef struct
{
  guint64 bits;     /* bit k: month lo + k */
  gint32  lo;
} SegMonthSet;

/* customer index (GUINT_TO_POINTER) → GArray of gint32, sorted, distinct */
typedef GHashTable SegMonthWide;

/**
 * seg_month_wide_new:
 *
 * Returns: (transfer full): an empty side table, freed with
 *   g_hash_table_unref ()
 */
SegMonthWide *seg_month_wide_new  (void);

/**
 * seg_month_set_init:
 * @s: (out caller-allocates): a month set
 *
 * Makes @s empty.
 */
static inline void seg_month_set_init (SegMonthSet *s) { s->bits = 0; s->lo = SEG_MONTH_NONE; }

/**
 * seg_month_set_add_wide:
 * @set: the customer's month set
 * @month: a month, not %SEG_MONTH_NONE
 * @wide: the side table
 * @customer: the customer's index, the key in @wide
 *
 * The slow path of seg_month_set_add (): adds @month when the set's 64
 * bits cannot hold it, moving the set to @wide.
 */
void         seg_month_set_add_wide (SegMonthSet  *set,
                                     gint32        month,
                                     SegMonthWide *wide,
                                     guint         customer);

/**
 * seg_month_set_add:
 * @set: the month set of customer @customer
 * @month: a month, not %SEG_MONTH_NONE
 * @wide: the side table
 * @customer: the customer's index, the key in @wide
 *
 * Adds @month to @set.
 */
static inline void
seg_month_set_add (SegMonthSet  *set,
                   gint32        month,
                   SegMonthWide *wide,
                   guint         customer)
{
  if (set->lo == SEG_MONTH_NONE)
    {
      set->lo = month;
      set->bits = 1;
      return;
    }
  if (set->bits != 0 && month >= set->lo && month - set->lo < 64)
    {
      set->bits |= G_GUINT64_CONSTANT (1) << (month - set->lo);
      return;
    }
  seg_month_set_add_wide (set, month, wide, customer);
}

/* Customers' month sets laid out every @stride bytes from @base (e.g. inside
 * a per-customer struct), customer i at base + i × stride; @wide their side
 * table (may be NULL when no set is wide). */
typedef struct
{
  const guint8       *base;
  gsize               stride;
  gsize               n;
  const SegMonthWide *wide;
} SegMonthSetsView;

typedef struct
{
  guint    n_cohorts;
  gint32  *month;        /* per cohort, increasing: year × 12 + month − 1 */
  guint64 *size;         /* customers whose first purchase is in that month */
  guint    n_offsets;    /* last month − first cohort's month + 1 */
  guint64 *active;       /* n_cohorts × n_offsets: customers of the cohort who
                            bought k months after it (0 beyond the last month) */
  gint32   last_month;   /* the last month with a kept transaction */
} SegCohorts;

/**
 * seg_cohorts_compute:
 * @views: (array length=n_views): the customers' month sets
 * @n_views: the length of @views
 *
 * Returns: (transfer full) (nullable): the cohorts; %NULL when no customer
 *   has a month, or when the months span so many years that the table would
 *   not fit in memory (more than 16 million cells)
 */
SegCohorts  *seg_cohorts_compute  (const SegMonthSetsView *views,
                                   guint                   n_views);
/**
 * seg_cohorts_free:
 * @cohorts: (nullable) (transfer full): cohorts
 */
void         seg_cohorts_free     (SegCohorts             *cohorts);

/**
 * seg_cohorts_n_offsets_of:
 * @cohorts: cohorts
 * @cohort: a cohort, below cohorts->n_cohorts
 *
 * Returns: the number of months since first purchase the cohort has (up to
 *   the last month)
 */
guint        seg_cohorts_n_offsets_of (const SegCohorts *cohorts,
                                       guint             cohort);
/**
 * seg_cohort_month_format:
 * @month: a month, as seg_cohort_month_of_day () gives it
 *
 * Returns: (transfer full): the month as "YYYY-MM"
 */
char        *seg_cohort_month_format (gint32 month);

/**
 * seg_cohorts_format_csv:
 * @cohorts: (nullable): cohorts, or %NULL for the header alone
 *
 * Returns: (transfer full): cohorts.csv: cohort, months_since_first,
 *   customers, retention; one row per cohort and month from 0 to the last
 *   month of the log
 */
GBytes      *seg_cohorts_format_csv (const SegCohorts *cohorts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegCohorts, seg_cohorts_free)

G_END_DECLS
