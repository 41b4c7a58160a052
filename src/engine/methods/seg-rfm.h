/* seg-rfm.h — recency, frequency and monetary scores and the R×F segment map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How values become scores 1..bins (see seg-rfm.c for the exact rules).
 *
 * NTILE:      `NTILE(bins) OVER (ORDER BY value, customer_id)` as SQL computes
 *             it: rows sorted by value, ties by ascending customer id compared
 *             byte-wise (strcmp, like SQLite's BINARY collation, so "10" sorts
 *             before "9"), the first (n mod bins) buckets hold one extra row.
 * QCUT:       `pd.qcut(values, bins, labels=False, duplicates="drop") + 1`:
 *             type-7 quantile edges, equal values share a score, duplicate
 *             edges are dropped so bins may merge.
 * RANK_FIRST: the notebook idiom `pd.qcut(values.rank(method="first"), bins)`:
 *             ties get distinct ranks in the given row order.
 */
typedef enum
{
  SEG_RFM_METHOD_NTILE,
  SEG_RFM_METHOD_QCUT,
  SEG_RFM_METHOD_RANK_FIRST,
} SegRfmMethod;

/**
 * seg_rfm_score_values:
 * @values: (array length=n): the measure, NAN where unknown
 * @ids: (nullable) (array length=n): customer ids, which break ties for
 *   NTILE (%NULL: ties go by row order)
 * @n: how many customers
 * @bins: how many scores, 4 or 5 (others are an error)
 * @method: how values become scores
 * @reverse: %TRUE to give the smallest values the highest score (recency:
 *   recent = high); see seg-rfm.c for how each method reverses
 * @scores: (out caller-allocates) (array length=n): @n scores in 0..bins
 * @error: return location for a #GError, or %NULL
 *
 * Scores one measure.  Values that are NAN are not scored (score 0) and do
 * not take part in the ranking or the quantiles.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean      seg_rfm_score_values   (const double      *values,
                                      const char *const *ids,
                                      gsize              n,
                                      guint              bins,
                                      SegRfmMethod       method,
                                      gboolean           reverse,
                                      guint8            *scores,
                                      GError           **error);

typedef struct
{
  gsize        n;          /* customers */
  gsize        n_scored;   /* customers with purchases */
  guint        bins;       /* 4 or 5 */
  SegRfmMethod method;
  guint8      *r;          /* per customer, 0 = no purchases */
  guint8      *f;
  guint8      *m;
} SegRfmScores;

/**
 * seg_rfm_score:
 * @ids: (nullable) (array length=n): customer ids, for NTILE's ties
 * @recency_days: (array length=n): days since the last purchase
 * @frequency: (array length=n): purchases
 * @monetary: (array length=n): spend
 * @n: how many customers
 * @bins: how many scores, 4 or 5
 * @method: how values become scores
 * @error: return location for a #GError, or %NULL
 *
 * Scores every customer.  A customer is scored when recency, frequency and
 * monetary are all finite; the others (recency NAN = never bought) get 0 in
 * r, f and m and the segment "No purchases".  Recency is reversed.
 *
 * Returns: (transfer full) (nullable): the scores, or %NULL with @error set
 */
SegRfmScores *seg_rfm_score          (const char *const *ids,
                                      const double      *recency_days,
                                      const double      *frequency,
                                      const double      *monetary,
                                      gsize              n,
                                      guint              bins,
                                      SegRfmMethod       method,
                                      GError           **error);
/**
 * seg_rfm_scores_free:
 * @scores: (transfer full) (nullable): scores
 */
void          seg_rfm_scores_free    (SegRfmScores      *scores);

/* An editable R×F grid of segment names. */
typedef struct _SegRfmMap SegRfmMap;

/**
 * seg_rfm_map_new_default:
 * @bins: 4 or 5
 *
 * Returns: (transfer full): the default grid: for 5 bins the classic
 *   10-name map (ALGORITHMS §4.2); for 4 bins a 4×4 version documented in
 *   seg-rfm.c
 */
SegRfmMap    *seg_rfm_map_new_default (guint             bins);
/**
 * seg_rfm_map_copy:
 * @map: a grid
 *
 * Returns: (transfer full): a copy of @map
 */
SegRfmMap    *seg_rfm_map_copy       (const SegRfmMap   *map);
/**
 * seg_rfm_map_free:
 * @map: (transfer full) (nullable): a grid
 */
void          seg_rfm_map_free       (SegRfmMap         *map);
/**
 * seg_rfm_map_get_bins:
 * @map: a grid
 *
 * Returns: its number of bins, 4 or 5
 */
guint         seg_rfm_map_get_bins   (const SegRfmMap   *map);
/**
 * seg_rfm_map_get_name:
 * @map: a grid
 * @r: the R score, 0..bins
 * @f: the F score, 0..bins
 *
 * Returns: (transfer none): the cell's segment name; 0 in either score
 *   gives "No purchases" (translated)
 */
const char   *seg_rfm_map_get_name   (const SegRfmMap   *map,
                                      guint              r,
                                      guint              f);
/**
 * seg_rfm_map_set_name:
 * @map: a grid
 * @r: the R score, 1..bins
 * @f: the F score, 1..bins
 * @name: the cell's new segment name, not empty
 */
void          seg_rfm_map_set_name   (SegRfmMap         *map,
                                      guint              r,
                                      guint              f,
                                      const char        *name);
/**
 * seg_rfm_map_list_names:
 * @map: a grid
 *
 * Returns: (transfer full) (array zero-terminated=1): the distinct names in
 *   the grid, best first (R high to low, F high to low within each R)
 */
char        **seg_rfm_map_list_names (const SegRfmMap   *map);

/**
 * seg_rfm_segment_of:
 * @scores: the scores
 * @map: a grid with as many bins as @scores
 * @i: a customer, below scores->n
 *
 * Returns: (transfer none): the segment name of customer @i (owned by @map,
 *   or static)
 */
const char   *seg_rfm_segment_of     (const SegRfmScores *scores,
                                      const SegRfmMap    *map,
                                      gsize               i);

/**
 * seg_rfm_cell_stats:
 * @scores: the scores
 * @monetary: (nullable) (array): scores->n spends, for @mean_monetary
 * @counts: (out caller-allocates) (array): bins × bins customer counts
 * @mean_monetary: (out caller-allocates) (optional) (array): bins × bins
 *   average @monetary (NAN for an empty cell)
 *
 * Heat-map data, per cell at index (r − 1) · bins + (f − 1).
 */
void          seg_rfm_cell_stats     (const SegRfmScores *scores,
                                      const double       *monetary,
                                      guint              *counts,
                                      double             *mean_monetary);

/**
 * seg_rfm_count_boundary_ties:
 * @values: (array length=n): a measure
 * @scores: (array length=n): its scores
 * @n: how many customers
 *
 * Returns: how many scored customers share their value with a customer of
 *   another score (ties that cross a bin boundary; only NTILE and
 *   RANK_FIRST have them)
 */
gsize         seg_rfm_count_boundary_ties (const double *values,
                                           const guint8 *scores,
                                           gsize         n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegRfmScores, seg_rfm_scores_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegRfmMap, seg_rfm_map_free)

G_END_DECLS
