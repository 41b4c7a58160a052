/* seg-persona.h — suggested names and recommended actions for segments (SPEC §7)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A segment's profile is the difference of its mean from the overall mean in
 * overall standard deviations (z) per feature.  The name is made from the
 * one or two most distinctive features (|z| ≥ 0.5), worded for the metrics
 * Segmenta knows ("High spend, frequent buyers", "Cash-advance dependent");
 * the action follows from the same traits.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * seg_persona_name:
 * @features: (array length=p): the features' column names
 * @z: (array length=p): a cluster's mean of each feature, in standard
 *   deviations (NAN when unknown)
 * @p: how many features
 *
 * Returns: (transfer full): a name such as "High spend, frequent buyers",
 *   translated
 */
char *seg_persona_name   (const char * const *features,
                          const double       *z,
                          guint               p);
/**
 * seg_persona_action:
 * @features: (array length=p): the features' column names
 * @z: (array length=p): a cluster's mean of each feature, in standard
 *   deviations (NAN when unknown)
 * @p: how many features
 *
 * Returns: (transfer full): one recommended action in a sentence,
 *   translated
 */
char *seg_persona_action (const char * const *features,
                          const double       *z,
                          guint               p);

G_END_DECLS
