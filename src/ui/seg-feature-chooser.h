/* seg-feature-chooser.h — a dropdown of a result's numeric customer columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "result" is the result whose columns it lists (a pane binds its own to
 * it); "feature" is the raw name of the column chosen, notified when the
 * user picks another or a new result lacks it.  The list shows display
 * names ("Total spend", not total_spent).
 */
#pragma once

#include <gtk/gtk.h>

#include "seg-analysis.h"

G_BEGIN_DECLS

#define SEG_TYPE_FEATURE_CHOOSER (seg_feature_chooser_get_type ())

G_DECLARE_FINAL_TYPE (SegFeatureChooser, seg_feature_chooser, SEG, FEATURE_CHOOSER, GtkWidget)

SegResult  *seg_feature_chooser_get_result  (SegFeatureChooser *self);
void        seg_feature_chooser_set_result  (SegFeatureChooser *self,
                                             SegResult         *result);
/* The column chosen, NULL when the result has no numeric column. */
const char *seg_feature_chooser_get_feature (SegFeatureChooser *self);

G_END_DECLS
