/* seg-scale.h — mean imputation and z-scores for clustering features
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Per column, in this order:
 *  1. optional log1p (values must be above −1),
 *  2. missing cells (NAN) replaced by the mean of the observed values
 *     (sklearn SimpleImputer(strategy="mean")),
 *  3. z-score (x − mean) / scale with the population standard deviation
 *     (ddof 0) of the imputed column, as sklearn StandardScaler; a
 *     near-constant column (var ≤ n·eps·var + (n·mean·eps)², sklearn's
 *     _is_constant_feature) gets scale 1.
 * A column without any observed value is an error that names it (it is
 * not silently dropped: the caller decides which features to keep).
 */
#pragma once

#include <glib.h>

#include "seg-matrix.h"

G_BEGIN_DECLS

typedef struct
{
  guint     p;
  double   *mean;       /* p: mean after log1p and imputation (= of the observed values) */
  double   *scale;      /* p: population SD, or 1.0 for near-constant columns */
  guint    *n_imputed;  /* p: missing cells filled with the mean */
  gboolean *constant;   /* p: TRUE when the column got scale 1 */
  gboolean *log1p;      /* p: TRUE when log1p was applied */
} SegScaleReport;

/**
 * seg_scale_features:
 * @x: n × p with NAN for missing cells (not modified)
 * @log1p: (nullable) (array): p flags, columns to transform with log1p first
 * @names: (nullable) (array): p column names for messages
 * @standardize: %FALSE to impute (and log1p) only; the report then holds the
 *   column means and scale 1 (the output is not centred)
 * @report: (out) (optional) (transfer full): what was done to each column
 * @error: return location for a #GError, or %NULL
 *
 * Returns: (transfer full) (nullable): the scaled n × p matrix, or %NULL
 *   with @error set
 */
SegMatrix      *seg_scale_features (const SegMatrix     *x,
                                    const gboolean      *log1p,
                                    const char * const  *names,
                                    gboolean             standardize,
                                    SegScaleReport     **report,
                                    GError             **error);

/**
 * seg_scale_report_free:
 * @report: (transfer full) (nullable): a report
 */
void            seg_scale_report_free (SegScaleReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegScaleReport, seg_scale_report_free)

G_END_DECLS
