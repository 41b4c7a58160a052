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

/* Scores one measure.  @values with NAN are not scored (score 0) and do not
 * take part in the ranking or the quantiles.  @ids (may be NULL: ties then go
 * by row order) breaks ties for NTILE.  With @reverse the smallest values get
 * the highest score (recency: recent = high); see seg-rfm.c for how each
 * method reverses.  @scores receives @n scores in 0..bins. */
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

/* Scores every customer.  A customer is scored when recency, frequency and
 * monetary are all finite; the others (recency NAN = never bought) get 0 in
 * r, f and m and the segment "No purchases".  Recency is in days since the
 * last purchase and is reversed.  @ids may be NULL.
 * Returns: (transfer full) scores, or NULL with @error set.
 * Returns: (transfer full). */
SegRfmScores *seg_rfm_score          (const char *const *ids,
                                      const double      *recency_days,
                                      const double      *frequency,
                                      const double      *monetary,
                                      gsize              n,
                                      guint              bins,
                                      SegRfmMethod       method,
                                      GError           **error);
void          seg_rfm_scores_free    (SegRfmScores      *scores);

/* An editable R×F grid of segment names. */
typedef struct _SegRfmMap SegRfmMap;

/* The default grid: for 5 bins the classic 10-name map (ALGORITHMS §4.2); for
 * 4 bins a 4×4 version documented in seg-rfm.c.  Returns: (transfer full) */
SegRfmMap    *seg_rfm_map_new_default (guint             bins);
/* Returns: (transfer full). */
SegRfmMap    *seg_rfm_map_copy       (const SegRfmMap   *map);
void          seg_rfm_map_free       (SegRfmMap         *map);
guint         seg_rfm_map_get_bins   (const SegRfmMap   *map);
/* @r and @f in 1..bins; 0 in either gives "No purchases" (translated). */
const char   *seg_rfm_map_get_name   (const SegRfmMap   *map,
                                      guint              r,
                                      guint              f);
void          seg_rfm_map_set_name   (SegRfmMap         *map,
                                      guint              r,
                                      guint              f,
                                      const char        *name);
/* The distinct names in the grid, best first (R high to low, F high to low
 * within each R).  Returns: (transfer full) NULL-terminated */
char        **seg_rfm_map_list_names (const SegRfmMap   *map);

/* The segment name of customer @i (owned by @map, or static). */
const char   *seg_rfm_segment_of     (const SegRfmScores *scores,
                                      const SegRfmMap    *map,
                                      gsize               i);

/* Heat-map data: @counts and @mean_monetary (bins × bins each, index
 * (r − 1) · bins + (f − 1)) get the number of customers and their average
 * @monetary per cell (NAN for an empty cell). */
void          seg_rfm_cell_stats     (const SegRfmScores *scores,
                                      const double       *monetary,
                                      guint              *counts,
                                      double             *mean_monetary);

/* How many scored customers share their value with a customer of another
 * score (ties that cross a bin boundary; only NTILE and RANK_FIRST have them). */
gsize         seg_rfm_count_boundary_ties (const double *values,
                                           const guint8 *scores,
                                           gsize         n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegRfmScores, seg_rfm_scores_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegRfmMap, seg_rfm_map_free)

G_END_DECLS
