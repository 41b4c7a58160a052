/* seg-analysis-apply.h — scoring new data with the models of a saved analysis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * seg_analysis_apply () gives a SegResult for @dataset without fitting
 * anything: the saved rule set, RFM scores from the saved thresholds, the
 * nearest saved centroid in the saved scaling, the saved PCA components, the
 * saved churn coefficients and threshold, and the saved BG/NBD and
 * Gamma-Gamma parameters.  Applied to the very customers the analysis was
 * fitted on, in any row order, it gives every customer the same segments.
 */
#pragma once

#include "seg-analysis-file.h"
#include "seg-analysis.h"

G_BEGIN_DECLS

/**
 * seg_analysis_apply:
 * @file: a saved analysis
 * @dataset: new data
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError, or %NULL
 *
 * Scores @dataset with the models saved in @file (its rules, RFM edges,
 * cluster centres, churn model and CLV parameters) without fitting them
 * again.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error set
 */
SegResult *seg_analysis_apply (SegAnalysisFile *file,
                               SegDataset      *dataset,
                               GCancellable    *cancellable,
                               GError         **error);

G_END_DECLS
